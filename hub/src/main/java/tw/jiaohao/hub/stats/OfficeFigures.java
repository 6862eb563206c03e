package tw.jiaohao.hub.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One office's figures for the days {@code from}..{@code to} (inclusive, office-days):
 * per category and in total. Built by merging rollup cells, never from raw events.
 */
public record OfficeFigures(String office, LocalDate from, LocalDate to, CategoryFigures total, List<CategoryFigures> categories) {

    /** Merges the cells of one office over the range (any counters) into figures. */
    public static OfficeFigures of(String office, LocalDate from, LocalDate to, Map<RollupKey, RollupCounts> cells) {
        Map<String, RollupCounts> byCategory = new TreeMap<>();
        RollupCounts total = new RollupCounts();
        for (Map.Entry<RollupKey, RollupCounts> e : cells.entrySet()) {
            byCategory.computeIfAbsent(e.getKey().category(), k -> new RollupCounts()).merge(e.getValue());
            total.merge(e.getValue());
        }
        List<CategoryFigures> categories = new ArrayList<>();
        byCategory.forEach((category, counts) -> categories.add(CategoryFigures.of(category, counts)));
        return new OfficeFigures(office, from, to, CategoryFigures.of(CategoryFigures.ALL, total), List.copyOf(categories));
    }
}
