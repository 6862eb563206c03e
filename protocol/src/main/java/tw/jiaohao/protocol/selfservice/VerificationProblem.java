package tw.jiaohao.protocol.selfservice;

/** Why the hub did not verify a request; each says what the office should do. */
public enum VerificationProblem {
    ACCOUNT_NOT_FOUND(Verification.REJECTED, "水號不存在 / No such account number"),
    ACCOUNT_INACTIVE(Verification.REJECTED, "帳戶已停用或註銷 / The account is closed or suspended"),
    ARREARS(Verification.REJECTED, "尚有欠費，請先繳清 / The account has arrears; they must be paid first"),
    ADDRESS_MISMATCH(Verification.REJECTED, "門牌號碼與用水地址不符 / The house number does not match the service address"),
    ADDRESS_UNCHECKABLE(Verification.NEEDS_STAFF_CHECK, "用水地址無門牌號碼，請人工核對 / The service address has no house number; check it by hand"),
    EFFECTIVE_DATE_PASSED(Verification.NEEDS_STAFF_CHECK, "停用日期已過，請聯絡申請人 / The effective date has passed; call the customer"),
    PERSONAL_DATA_UNREADABLE(Verification.NEEDS_STAFF_CHECK, "個資無法解密（金鑰不符） / Personal data cannot be opened (key mismatch)");

    private final Verification verdict;
    private final String message;

    VerificationProblem(Verification verdict, String message) {
        this.verdict = verdict;
        this.message = message;
    }

    public Verification verdict() {
        return verdict;
    }

    public String message() {
        return message;
    }
}
