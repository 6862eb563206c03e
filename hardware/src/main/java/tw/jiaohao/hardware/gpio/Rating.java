package tw.jiaohao.hardware.gpio;

/** The four keys of the rating pad, best first. */
public enum Rating {
    VERY_SATISFIED("非常滿意", 4),
    SATISFIED("滿意", 3),
    NEUTRAL("普通", 2),
    DISSATISFIED("不滿意", 1);

    private final String label;
    private final int score;

    Rating(String label, int score) {
        this.label = label;
        this.score = score;
    }

    /** @return the label printed on the key, in Traditional Chinese */
    public String label() {
        return label;
    }

    /** @return 4 (very satisfied) .. 1 (dissatisfied) */
    public int score() {
        return score;
    }

    /** @return the configuration-key form, e.g. "very-satisfied" */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
