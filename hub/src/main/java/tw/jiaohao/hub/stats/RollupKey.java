package tw.jiaohao.hub.stats;

import java.time.LocalDate;
import tw.jiaohao.hub.HubException;

/**
 * The grain of the rollups: one office-day (in the office's zone, as the office node stamped
 * it), one category, one counter. {@code counter} is {@link #NO_COUNTER} for figures no
 * counter acted on (tickets issued, cancellations, transfers in).
 */
public record RollupKey(String office, LocalDate day, String category, int counter) implements Comparable<RollupKey> {
    public static final int NO_COUNTER = 0;

    public RollupKey {
        if (office == null || day == null || category == null) {
            throw new HubException("rollup key needs office, day and category");
        }
        if (counter < 0) {
            throw new HubException("rollup counter must be ≥ 0, got " + counter);
        }
    }

    @Override
    public int compareTo(RollupKey o) {
        int c = office.compareTo(o.office);
        if (c == 0) {
            c = day.compareTo(o.day);
        }
        if (c == 0) {
            c = category.compareTo(o.category);
        }
        return c != 0 ? c : Integer.compare(counter, o.counter);
    }
}
