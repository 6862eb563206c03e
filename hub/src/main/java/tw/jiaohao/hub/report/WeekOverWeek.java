package tw.jiaohao.hub.report;

import java.time.LocalDate;

/**
 * One office this week (Monday to today, office days in the office's zone) against the same
 * weekdays of last week, so a Wednesday compares Monday–Wednesday with Monday–Wednesday.
 * Both sides are {@link ReportService#range} figures (docs/STATISTICS.md).
 */
public record WeekOverWeek(String office, LocalDate from, LocalDate to, Figures thisWeek, LocalDate lastFrom, LocalDate lastTo,
                           Figures lastWeek) {
}
