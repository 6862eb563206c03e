package tw.jiaohao.hub.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tw.jiaohao.hub.stats.RollupCounts;
import tw.jiaohao.hub.stats.RollupKey;
import tw.jiaohao.hub.stats.RollupSource;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * Port: the hub's durable store of events, tickets, rollups and device status. The SQLite
 * adapter is {@link SqliteHubStore}; a PostgreSQL adapter implements the same contract.
 *
 * <p>Threading: {@link #write} is called by one writer thread only; every other method is
 * thread-safe and may run concurrently with a write (readers see committed data only).
 */
public interface HubStore extends RollupSource, tw.jiaohao.hub.estimates.QuotedSource, AutoCloseable {

    /**
     * Stores a batch in one transaction: each event whose {@code (office, seq)} is new is
     * stored and applied to the rollups (by {@link tw.jiaohao.hub.stats.RollupRules});
     * the same event again (same eventId and content) is a duplicate and changes nothing; a
     * different event for a held {@code (office, seq)} is a {@link SeqTrouble.Kind#CONFLICT}:
     * the first stored stays, the other is kept as evidence only; an event whose seq is more
     * than the store's bound beyond the office's contiguous seq is
     * {@link SeqTrouble.Kind#IMPLAUSIBLE}: kept as evidence only, never in the figures nor the
     * progress. Each device status replaces an older one. When this
     * returns, the batch is durable and its messages may be acknowledged. On failure nothing
     * of the batch is stored and a {@link tw.jiaohao.hub.HubException} is thrown: an
     * {@link UnstorableEventsException} when the input is at fault (a constraint or rollup rule
     * refused an event; the same batch would fail again), otherwise the database's condition
     * (busy, locked, full, I/O error) is at fault and the caller retries the same batch.
     */
    BatchOutcome write(List<OfficeEvent> events, List<DeviceStatus> statuses);

    /**
     * Sets an event the store cannot take aside, in its own transaction: its office, seq, id,
     * {@code payload} as received and {@code error} (no personal data) go to the quarantine,
     * and its seq counts as received for the office's progress (so no replay is asked for it).
     * An event already quarantined changes nothing ({@code added} is false). Throws
     * {@link tw.jiaohao.hub.HubException} like {@link #write}; the caller retries.
     */
    Quarantined quarantine(OfficeEvent event, byte[] payload, String error);

    /** The result of {@link #quarantine}: whether the event was newly set aside, and its office's progress. */
    record Quarantined(boolean added, OfficeProgress progress) {
    }

    /** The progress of every office with stored events (to resume gap tracking at start). */
    List<OfficeProgress> progress();

    /** Every office with events or device status, {@code today} being its current office-day. */
    List<OfficeOverview> offices(LocalDate today);

    /** Whether the hub has heard of this office (events or device status). */
    boolean knowsOffice(String office);

    /**
     * The rollup cells of one office for the office-days {@code from..to}, inclusive; whole
     * calendar months inside the range may come merged as one cell keyed by the month's first day.
     */
    Map<RollupKey, RollupCounts> rollups(String office, LocalDate from, LocalDate to);

    /** Stored events of one office with {@code seq ≥ fromSeq}, in seq order, at most {@code limit}. */
    List<OfficeEvent> events(String office, long fromSeq, int limit);

    /** A ticket of an office ({@code ticketId} like 2026-11-22/A023), if its events are stored. */
    Optional<StoredTicket> ticket(String office, String ticketId);

    /** One office's progress, if it has stored events. */
    Optional<OfficeProgress> progress(String office);

    /**
     * The runs of seqs an office's progress misses above its contiguous seq, lowest first: at most
     * {@code maxRuns} runs, none reaching beyond {@code contiguousSeq + window}, each {@code {from, to}}
     * inclusive. Empty when the office has no gap (or is unknown). A quarantined seq is not missing.
     */
    List<long[]> missing(String office, int maxRuns, long window);

    @Override
    void close();
}
