package tw.jiaohao.protocol.selfservice;

/**
 * Why a customer asks for a suspension, as a choice list. The company's rules refuse a
 * suspension requested in a dispute or to put pressure on a tenant ({@link #refused()}): the
 * kiosk offers those choices so the customer is told why, and advises legal channels; such a
 * request is never taken, and a {@link SelfServiceRequest} carrying one is invalid.
 */
public enum SuspensionReason {
    VACANT("房屋空置", "The premises are empty", false),
    MOVING_OUT("遷出", "Moving out", false),
    RENOVATION("房屋整修", "Renovation", false),
    LONG_ABSENCE("長期不在", "Away for a long time", false),
    DEMOLITION("房屋拆除", "Building to be demolished", false),
    TENANT_DISPUTE("與房客糾紛（要求房客搬離）", "Dispute with or pressure on a tenant", true),
    OWNERSHIP_DISPUTE("產權或繼承糾紛", "Dispute over ownership or inheritance", true);

    private final String labelZh;
    private final String labelEn;
    private final boolean refused;

    SuspensionReason(String labelZh, String labelEn, boolean refused) {
        this.labelZh = labelZh;
        this.labelEn = labelEn;
        this.refused = refused;
    }

    public String labelZh() {
        return labelZh;
    }

    public String labelEn() {
        return labelEn;
    }

    /** True for reasons the company never accepts for a suspension. */
    public boolean refused() {
        return refused;
    }

    /** What the kiosk says when a refused reason is chosen. */
    public static final String REFUSAL_MESSAGE = "依公司規定，因糾紛或為迫使房客搬離而申請停水，恕無法受理；"
            + "請循法律途徑（例如調解委員會、法院）處理。 / "
            + "By company rules, water is not suspended in a dispute or to put pressure on a tenant; "
            + "please use legal channels such as mediation or the courts.";
}
