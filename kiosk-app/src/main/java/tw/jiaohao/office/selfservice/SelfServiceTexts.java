package tw.jiaohao.office.selfservice;

/** What the kiosk says during a self-service request, in Traditional Chinese and English separated by " / ". */
final class SelfServiceTexts {
    private SelfServiceTexts() {
    }

    static final String ARREARS = "此水號目前尚有欠費，依規定須先繳清才能辦理。請至櫃台繳費，我們可以為您抽一張號碼牌。 / "
            + "This account has unpaid bills; by company rules they must be paid first. Please pay at a counter — we can give you a queue ticket.";
    static final String HUB_UNREACHABLE = "目前無法連線總公司查核，仍可為您受理，將於連線後查核（尚未查核）；如有欠費或地址不符，我們會以電話通知您。 / "
            + "We cannot reach head office to check right now. We can still take your request; it will be checked later (not yet verified), "
            + "and we will call you if there are unpaid bills or the address does not match.";
    static final String ADDRESS_MISMATCH = "門牌號碼與此水號的用水地址不符，請再確認。 / The house number does not match this account's service address; please check it.";
    static final String ADDRESS_TOO_MANY = "門牌號碼多次不符，請至櫃台辦理。 / The house number did not match several times; please go to a counter.";
    static final String DATE_TOO_EARLY = "停用日期最早為明天，無法當日停水。 / The earliest suspension date is tomorrow; water is never stopped the same day.";
    static final String DATE_TOO_LATE = "停用日期最遠為 %d 天後。 / The suspension date may be at most %d days ahead.";
    static final String NAME = "請輸入姓名（60 字以內） / Please enter the name (up to 60 characters)";
    static final String CONFIRM_AGAIN = "請再次確認：將停止供水的是上述地址。 / Please confirm once more that the water is to be stopped at the address above.";

    static final String NEXT_TRANSFER = "本處將審核並辦理過戶，完成後以電話通知新用戶 %s。 / We will check and complete the transfer and call the new holder at %s.";
    static final String NEXT_SUSPENSION = "本處將於 %s 起停止供水；如需取消，請於前一日來電或至櫃台辦理。 / Water will be stopped from %s; "
            + "to cancel, call us or visit a counter by the day before.";
    static final String NEXT_NOT_VERIFIED = "本申請尚未查核（受理時無法連線總公司），查核後如有問題將電話通知您。 / This request is not yet verified "
            + "(head office was unreachable); we will call you if the check finds a problem.";
    static final String KEEP_RECEIPT = "請保留本收據，查詢時請提供案件編號。 / Keep this receipt and quote the case number when you ask about it.";
}
