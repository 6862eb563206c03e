package tw.jiaohao.forecast.staffing;

import java.util.List;
import java.util.Set;

/**
 * What staffing advice needs to know about an office that does not change by the hour: its
 * categories (configuration order), the priority lane, its counters and their profiles (the
 * categories each serves, in the order it calls them), the queue's starvation ceiling, and the
 * hours tickets are issued.
 *
 * @param firstHour        the local hour the office opens (its first ticket)
 * @param lastHour         the local hour of the last ticket (inclusive); counters of that hour
 *                         stay open until everyone waiting has been called
 */
public record Office(List<String> categories, Set<String> priority, List<Counter> counters, double starvationMinutes,
                     int firstHour, int lastHour) {

    public Office {
        categories = List.copyOf(categories);
        priority = Set.copyOf(priority);
        counters = List.copyOf(counters);
        if (categories.isEmpty() || counters.isEmpty()) {
            throw new IllegalArgumentException("an office needs categories and counters");
        }
        if (!categories.containsAll(priority)) {
            throw new IllegalArgumentException("priority categories must be categories: " + priority);
        }
        for (Counter k : counters) {
            if (!categories.containsAll(k.serves())) {
                throw new IllegalArgumentException("counter " + k.number() + " serves unknown categories " + k.serves());
            }
        }
        if (counters.stream().map(Counter::number).distinct().count() != counters.size()) {
            throw new IllegalArgumentException("counter numbers must differ");
        }
        if (!(starvationMinutes > 0)) {
            throw new IllegalArgumentException("starvationMinutes must be > 0, got " + starvationMinutes);
        }
        if (firstHour < 0 || lastHour > 23 || firstHour > lastHour) {
            throw new IllegalArgumentException("need 0 ≤ firstHour ≤ lastHour ≤ 23, got " + firstHour + "–" + lastHour);
        }
    }

    /** A counter and its profile: the categories it serves, in the order it calls them. */
    public record Counter(int number, List<String> serves) {
        public Counter {
            serves = List.copyOf(serves);
            if (number < 1 || serves.isEmpty()) {
                throw new IllegalArgumentException("a counter needs a number ≥ 1 and at least one category");
            }
        }
    }

    public int hours() {
        return lastHour - firstHour + 1;
    }

    public int categoryIndex(String code) {
        int i = categories.indexOf(code);
        if (i < 0) {
            throw new IllegalArgumentException("unknown category " + code);
        }
        return i;
    }
}
