package tw.jiaohao.protocol.event;

/** A customer's satisfaction rating, the four keys of the rating pad. */
public enum Rating {
    VERY_SATISFIED(4, "非常滿意", "Very satisfied"),
    SATISFIED(3, "滿意", "Satisfied"),
    NEUTRAL(2, "普通", "Neutral"),
    DISSATISFIED(1, "不滿意", "Dissatisfied");

    private final int score;
    private final String labelZh;
    private final String labelEn;

    Rating(int score, String labelZh, String labelEn) {
        this.score = score;
        this.labelZh = labelZh;
        this.labelEn = labelEn;
    }

    /** 4 (very satisfied) down to 1 (dissatisfied); means of ratings use this score. */
    public int score() {
        return score;
    }

    public String labelZh() {
        return labelZh;
    }

    public String labelEn() {
        return labelEn;
    }

    /** A dissatisfied rating raises an alert for the office's duty manager. */
    public boolean raisesAlert() {
        return this == DISSATISFIED;
    }
}
