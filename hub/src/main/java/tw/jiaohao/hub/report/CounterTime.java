package tw.jiaohao.hub.report;

import java.time.LocalDate;
import java.util.List;

/**
 * How each counter spent its working time over the office-days {@code [from, to]}
 * (docs/STATISTICS.md, "Counters' time"). A counter is busy from calling a customer to that
 * customer's end at the counter (service finished, no-show or transfer); overlapping customers
 * count once. Its working span on an office-day runs from its first call to its last end, and
 * idle time is the part of that span with nobody at the counter — a break included, the time
 * before the first call and after the last end not. Times in seconds.
 *
 * @param counters one row per counter with at least one customer, by number
 */
public record CounterTime(List<String> offices, LocalDate from, LocalDate to, List<Row> counters) {

    /**
     * @param customers      customers with both a call and an end at this counter
     * @param days           office-days the counter had a customer
     * @param spanSeconds    working span: first call to last end, summed over the days
     * @param busySeconds    time with a customer at the counter
     * @param idleSeconds    spanSeconds − busySeconds
     * @param gaps           stretches with nobody at the counter between two customers
     * @param gapMeanSeconds idleSeconds ÷ gaps; null without gaps
     * @param idleShare      idleSeconds ÷ spanSeconds; null for a zero span
     */
    public record Row(int counter, String label, long customers, long days, double spanSeconds, double busySeconds, double idleSeconds,
                      long gaps, Double gapMeanSeconds, Double idleShare) {
    }
}
