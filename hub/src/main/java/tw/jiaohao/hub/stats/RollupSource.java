package tw.jiaohao.hub.stats;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * Port: reads the rollups the ingest keeps current (one cell per office-day × category ×
 * counter, and issued tickets per office-day × local hour). Reports over any date range are
 * merges of these rows; nothing here scans raw events. Implementations are thread-safe and
 * called on HTTP request threads.
 */
public interface RollupSource {

    /**
     * Calls {@code sink} once per rollup cell of {@code offices} whose office-day is in
     * {@code [from, to]}. The {@link RollupCounts} passed has an <em>empty</em> histogram; the
     * cell's waiting-time histogram comes separately in its stored form
     * ({@link WaitHistogram#encode()}), so a report can merge thousands of
     * them without decoding each into a map.
     */
    void rollupCells(Collection<String> offices, LocalDate from, LocalDate to, CellSink sink);

    /**
     * Calls {@code sink} with the tickets issued per office, weekday of the office-day and local
     * hour (hours in the offices' zone, configuration key {@code office.zone}) over the
     * office-days {@code [from, to]}; the same (office, weekday, hour) may come several times,
     * to be added up.
     */
    void rollupHours(Collection<String> offices, LocalDate from, LocalDate to, HourSink sink);

    /**
     * Calls {@code sink} once per called ticket of {@code offices} whose office-day (the day its
     * id starts with) is in {@code [from, to]}: its issue time (for a transferred ticket the
     * original one) and its first call — the waiting time of docs/STATISTICS.md, kept with the
     * moment it began so reports can group it by hour of day.
     */
    void calledTickets(Collection<String> offices, LocalDate from, LocalDate to, CalledSink sink);

    /**
     * Calls {@code sink} once per stored step that begins or ends a customer at a counter, for
     * {@code offices} on office-days {@code [from, to]}: a first call ({@code begins}), and a
     * service finished, a no-show or a transfer ({@code ends}), each with the counter that acted,
     * the ticket and the moment — what counters' busy and idle time are computed from
     * (docs/STATISTICS.md, "Counters' time"). In no particular order.
     */
    void counterSteps(Collection<String> offices, LocalDate from, LocalDate to, StepSink sink);

    /** Every office with at least one rollup row, sorted. */
    List<String> rollupOffices();

    @FunctionalInterface
    interface CellSink {
        void accept(RollupKey key, RollupCounts counts, byte[] histogram);
    }

    @FunctionalInterface
    interface CalledSink {
        void accept(String office, java.time.Instant issuedAt, java.time.Instant firstCalledAt);
    }

    @FunctionalInterface
    interface StepSink {
        void accept(String office, LocalDate day, int counter, String ticketId, boolean begins, java.time.Instant at);
    }

    @FunctionalInterface
    interface HourSink {
        void accept(String office, DayOfWeek weekday, int hour, long issued);
    }
}
