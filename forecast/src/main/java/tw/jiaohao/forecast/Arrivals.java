package tw.jiaohao.forecast;

/**
 * The arrival rate a forecast assumes for a category: today's recent issues, steadied by the
 * office's usual rate for this hour. The recent window counts as {@code windowMinutes} of
 * evidence and the usual rate as {@value #PRIOR_MINUTES} minutes more, so early in the day and
 * in quiet categories the usual rate dominates, and a day busier than usual shows within
 * half an hour.
 */
public final class Arrivals {
    /** Minutes of today's issues looked at. */
    public static final int WINDOW_MINUTES = 60;
    static final double PRIOR_MINUTES = 10;

    private Arrivals() {
    }

    /**
     * @param issuedInWindow      tickets of the category issued in the last {@code windowMinutes}
     * @param windowMinutes       the window's length (shorter early in the day), ≥ 0
     * @param usualPerMinute      the office's usual rate for this category and hour (0 when unknown)
     */
    public static double perMinute(int issuedInWindow, double windowMinutes, double usualPerMinute) {
        if (issuedInWindow < 0 || !(windowMinutes >= 0) || !(usualPerMinute >= 0)) {
            throw new IllegalArgumentException("counts, window and rate must be ≥ 0");
        }
        return (issuedInWindow + usualPerMinute * PRIOR_MINUTES) / (windowMinutes + PRIOR_MINUTES);
    }

    /**
     * How many minutes of observation a rate from {@link #perMinute} rests on: the window plus
     * the usual rate's weight. A forecast uses it to say how uncertain the rate is (about
     * {@code 1 / sqrt(rate × minutes)} relative), see {@link OfficeState#arrivalEvidenceMinutes()}.
     */
    public static double evidenceMinutes(double windowMinutes) {
        if (!(windowMinutes >= 0)) {
            throw new IllegalArgumentException("window must be ≥ 0");
        }
        return windowMinutes + PRIOR_MINUTES;
    }
}
