package tw.jiaohao.forecast.staffing;

/**
 * The call-centre answer, for comparison: M/M/c with the hour's total arrival rate and the
 * mean time a counter is taken per customer, every counter serving everyone, no priority lane,
 * no profiles, a steady state within each hour.
 */
public final class ErlangC {
    private ErlangC() {
    }

    /** Probability an arrival waits at all, with {@code c} servers and offered load {@code a} (Erlangs). */
    public static double waitProbability(int c, double a) {
        if (c <= 0 || a >= c) {
            return 1;
        }
        if (a <= 0) {
            return 0;
        }
        // Erlang B by recursion (stable), then C from B
        double b = 1;
        for (int k = 1; k <= c; k++) {
            b = a * b / (k + a * b);
        }
        return c * b / (c - a * (1 - b));
    }

    /** Share of arrivals called within {@code t} minutes. */
    public static double serviceLevel(int c, double perMinute, double meanServiceMinutes, double t) {
        double a = perMinute * meanServiceMinutes;
        if (c <= a) {
            return 0;
        }
        return 1 - waitProbability(c, a) * Math.exp(-(c - a) * t / meanServiceMinutes);
    }

    /** The fewest servers that meet the target ({@code max} when none up to it do). */
    public static int servers(double perMinute, double meanServiceMinutes, Target target, int max) {
        if (perMinute <= 0) {
            return 0;
        }
        for (int c = 1; c <= max; c++) {
            if (serviceLevel(c, perMinute, meanServiceMinutes, target.minutes()) >= target.share()) {
                return c;
            }
        }
        return max;
    }
}
