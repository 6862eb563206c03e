package tw.jiaohao.hub.report;

import java.time.LocalDate;
import java.util.List;

/**
 * Offices side by side over {@code [from, to]} and over the period of equal length just before it
 * ({@code [previousFrom, previousTo]}), with the districts and the whole network as rows of their
 * own. Every row's figures are those of its offices together, merged from the same rollups as the
 * office pages (docs/STATISTICS.md), so a mean or a share compares directly across rows.
 *
 * @param rows the offices in {@code offices} order, then their districts by name, then the network
 */
public record NetworkComparison(LocalDate from, LocalDate to, LocalDate previousFrom, LocalDate previousTo, int targetWaitMinutes,
                                List<Row> rows) {

    /** What a row stands for. */
    public enum Kind { OFFICE, DISTRICT, NETWORK }

    /**
     * One office, district or the network.
     *
     * @param key      the office id, the district's name, or {@code "network"}
     * @param label    the office's name, the district's name, or empty for the network (the page names it)
     * @param district the office's district (null when in none); the district itself for a district row
     * @param offices  how many offices the row adds up
     * @param now      the figures over {@code [from, to]}
     * @param before   the figures over {@code [previousFrom, previousTo]}
     */
    public record Row(Kind kind, String key, String label, String district, int offices, Figures now, Figures before) {
    }
}
