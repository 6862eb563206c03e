package tw.jiaohao.hub.report;

import java.time.Instant;
import java.time.LocalDate;
import tw.jiaohao.protocol.device.PrinterCondition;

/**
 * One row of the all-offices page: the office now (from its retained state and device status)
 * and today's figures (from today's rollups, today in the office's zone).
 */
public record OfficeToday(String office, String name, LocalDate day, Integer waitingNow, Integer servingNow, Integer countersOpen,
                          long ticketsToday, Double waitMean, Double waitP90, Double withinTargetShare, Double ratingMean,
                          long ratings, Boolean online, PrinterCondition printer, int openAlerts, Instant snapshotAt) {
}
