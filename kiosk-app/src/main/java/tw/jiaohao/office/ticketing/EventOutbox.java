package tw.jiaohao.office.ticketing;

import java.util.List;

/**
 * The outbox side of the store, for the publisher that carries events to the hub.
 *
 * <p>Every event appended by the engine gets an outbox row in the same transaction. The
 * publisher reads unsent rows in {@code seq} order, publishes them, and marks a row sent only
 * when the broker acknowledged it (PUBACK). Rows stay unsent across crashes and restarts, so
 * an event is published at least once; consumers de-duplicate by {@code (office, seq)}.
 * Thread-safe; every method is one short transaction.
 */
public interface EventOutbox {

    /** An event as stored: its seq and the exact JSON payload to publish. */
    record StoredEvent(long seq, byte[] payload) {
    }

    /** Unsent events with {@code seq > afterSeq}, in seq order, at most {@code limit}. */
    List<StoredEvent> pending(long afterSeq, int limit);

    /** Marks these events sent (acknowledged by the broker). */
    void markSent(List<Long> seqs);

    /** Stored events {@code fromSeq..toSeq} (inclusive), sent or not, in seq order, at most {@code limit} (replay). */
    List<StoredEvent> range(long fromSeq, long toSeq, int limit);

    /** The newest seq (0 when no event yet). */
    long lastSeq();

    /** Number of events not yet acknowledged by the broker. */
    long pendingCount();

    /**
     * Calls {@code listener} after each commit that appended events, on the committing thread:
     * it must only signal (e.g. wake the publisher), never block.
     */
    Subscription onAppended(Runnable listener);
}
