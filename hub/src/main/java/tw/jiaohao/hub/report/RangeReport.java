package tw.jiaohao.hub.report;

import java.time.LocalDate;
import java.util.List;

/**
 * One office (or several) over a date range of office-days, merged from the rollups.
 *
 * @param byCategory          one row per category, sorted by code
 * @param byCounter           one row per counter that acted (calls, services, no-shows, ratings), by number
 * @param volumeByHour        tickets issued per local hour of day 0..23
 * @param volumeByWeekdayHour tickets issued per weekday (index 0 = Monday) × local hour
 * @param waitHistogramMinutes called customers per whole minute of waiting 0..59; the last entry counts 60 minutes and more
 * @param categoryMix         share of tickets issued per category
 */
public record RangeReport(List<String> offices, LocalDate from, LocalDate to, int targetWaitMinutes, Figures total,
                          List<Row> byCategory, List<Row> byCounter, long[] volumeByHour, long[][] volumeByWeekdayHour,
                          long[] waitHistogramMinutes, List<Share> categoryMix) {

    /** A table row: {@code key} is the category code or the counter number. */
    public record Row(String key, String label, Figures figures) {
    }

    public record Share(String category, String label, long tickets, double share) {
    }
}
