package tw.jiaohao.forecast;

/**
 * A waiting estimate for a ticket issued now: minutes from issue to being called.
 *
 * <p>{@code medianMinutes} is the median of the simulated waits; the range
 * {@code lowMinutes}–{@code highMinutes} runs from the {@value Forecaster#LOW_QUANTILE}
 * quantile to the {@value Forecaster#HIGH_QUANTILE} quantile (each rounded to the minute), so it
 * is meant to hold the actual wait of about 80 % of tickets (docs/ESTIMATES.md measures how
 * often it does).
 *
 * <p>{@code servable} is false when no counter that serves the category is open now or opens
 * later today: then nobody can promise a wait. The three figures are what the wait would be if
 * the category's counters opened now, for the record only; screens and slips say that no open
 * counter serves the category and show no number.
 */
public record Estimate(int medianMinutes, int lowMinutes, int highMinutes, boolean servable) {
    /** The longest wait announced: a queue longer than a day is a fault to fix, not a wait. */
    public static final int MAX_MINUTES = 24 * 60;

    public Estimate {
        if (lowMinutes < 0 || lowMinutes > medianMinutes || medianMinutes > highMinutes || highMinutes > MAX_MINUTES) {
            throw new IllegalArgumentException("need 0 ≤ low ≤ median ≤ high ≤ " + MAX_MINUTES + ", got "
                    + lowMinutes + " ≤ " + medianMinutes + " ≤ " + highMinutes);
        }
    }
}
