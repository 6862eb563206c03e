package tw.jiaohao.forecast.staffing;

/**
 * A wait target: {@code share} of the tickets called within {@code minutes} of their issue
 * (the default: 80 % within 15 minutes).
 */
public record Target(double share, double minutes) {
    public static final Target DEFAULT = new Target(0.80, 15);

    public Target {
        if (!(share > 0 && share < 1) || !(minutes > 0 && minutes <= 240)) {
            throw new IllegalArgumentException("a target needs 0 < share < 1 and 0 < minutes ≤ 240, got " + share + ", " + minutes);
        }
    }

    public int percent() {
        return (int) Math.round(share * 100);
    }
}
