package tw.jiaohao.hub.report;

import java.time.LocalDate;
import java.util.List;

/**
 * Waiting time by the hour of day the customers took their ticket (local time of the office),
 * over the office-days {@code [from, to]} and the hours {@code [fromHour, toHour)}: "how long did
 * people who came between 14:00 and 15:00 wait?". Only called tickets count (a wait ends at the
 * first call); a transferred ticket waits from its original issue time. Times in seconds.
 *
 * @param hours one row per hour of the filter, including hours nobody waited in
 * @param total the same figures over every hour of the filter
 */
public record WaitsByHour(List<String> offices, LocalDate from, LocalDate to, int fromHour, int toHour, int targetWaitMinutes,
                          List<Hour> hours, Hour total) {

    /**
     * @param hour              local hour 0..23 the tickets were issued in (-1 for the total row)
     * @param waited            called customers
     * @param meanSeconds       mean wait; null when nobody waited
     * @param p90Seconds        nine in ten waited at most this long (nearest rank of the exact waits)
     * @param withinTarget      customers whose wait, in whole seconds, was at most the target
     * @param withinTargetShare withinTarget ÷ waited
     */
    public record Hour(int hour, long waited, Double meanSeconds, Double p90Seconds, long withinTarget, Double withinTargetShare) {
    }
}
