package tw.jiaohao.protocol.selfservice;

/** What a self-service request asks for; the letter starts its case number. */
public enum RequestKind {
    /** 過戶: transfer of the account to a new holder. */
    TRANSFER('T', "過戶", "Transfer of ownership"),
    /** 停用: suspension of the water supply from an effective date. */
    SUSPENSION('S', "停用", "Suspension");

    private final char letter;
    private final String nameZh;
    private final String nameEn;

    RequestKind(char letter, String nameZh, String nameEn) {
        this.letter = letter;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public char letter() {
        return letter;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }
}
