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

    /** Pseudo-tickets of the usual mix that steady today's category mix early in the day. */
    static final double MIX_PRIOR_TICKETS = 20;

    /**
     * Per category: the office's rate now split by today's category mix. The level (all
     * categories together) is read as {@link #perMinute} reads one category, from the recent
     * window steadied by the usual rate; the mix from every ticket issued today, steadied by
     * {@value #MIX_PRIOR_TICKETS} tickets of the usual mix for this hour. A category's own
     * window holds few tickets; the day's mix rests on many more and changes slowly, so a heavy
     * priority lane, say, is known after an hour without the noise of that hour's handful.
     *
     * @param inWindow  per category: tickets issued in the last {@code windowMinutes}
     * @param today     per category: tickets issued today so far (≥ {@code inWindow})
     * @param usual     per category: the usual rate for this hour (0 when unknown)
     */
    public static double[] perMinute(int[] inWindow, double windowMinutes, int[] today, double[] usual) {
        int n = inWindow.length;
        if (today.length != n || usual.length != n) {
            throw new IllegalArgumentException("one count and one usual rate per category");
        }
        int windowTotal = 0;
        int todayTotal = 0;
        double usualTotal = 0;
        for (int c = 0; c < n; c++) {
            if (inWindow[c] < 0 || today[c] < 0 || !(usual[c] >= 0)) {
                throw new IllegalArgumentException("counts and rates must be ≥ 0");
            }
            windowTotal += inWindow[c];
            todayTotal += today[c];
            usualTotal += usual[c];
        }
        double level = perMinute(windowTotal, windowMinutes, usualTotal);
        double[] rates = new double[n];
        for (int c = 0; c < n; c++) {
            double usualShare = usualTotal > 0 ? usual[c] / usualTotal : 1.0 / n;
            double prior = usualTotal > 0 ? MIX_PRIOR_TICKETS : 0;
            double share = todayTotal + prior > 0 ? (today[c] + prior * usualShare) / (todayTotal + prior) : usualShare;
            rates[c] = level * share;
        }
        return rates;
    }
}
