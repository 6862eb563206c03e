package tw.jiaohao.office.ticketing;

import java.util.List;

/**
 * The outbox side of the store, for the publisher that carries events to the hub.
 *
 * <p>Every event appended by the engine is unsent until the broker acknowledged it (PUBACK). The
 * publisher reads unsent events in {@code seq} order, publishes them, and marks them sent only
 * when acknowledged. Unsent events stay unsent across crashes and restarts, so an event is
 * published at least once (an event acknowledged after one still in flight may be published
 * again after a restart); consumers de-duplicate by {@code (office, seq)}.
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
