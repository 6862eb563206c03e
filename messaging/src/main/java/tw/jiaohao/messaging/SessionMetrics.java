package tw.jiaohao.messaging;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The session's counters, readable at any time; monotonic for the life of the session. Feature
 * counters (commands executed, replays served…) stay with their features.
 */
public final class SessionMetrics {
    final AtomicLong connects = new AtomicLong();
    final AtomicLong connectFailures = new AtomicLong();
    final AtomicLong connectionLosses = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    final AtomicLong unhandled = new AtomicLong();
    final AtomicLong handlerBugs = new AtomicLong();
    final AtomicLong published = new AtomicLong();
    final AtomicLong publishFailures = new AtomicLong();
    final RefusalLog refusals;

    SessionMetrics(RefusalLog refusals) {
        this.refusals = refusals;
    }

    /** Successful connections (the first and every reconnect). */
    public long connects() {
        return connects.get();
    }

    public long connectFailures() {
        return connectFailures.get();
    }

    public long connectionLosses() {
        return connectionLosses.get();
    }

    /** Messages delivered by the broker. */
    public long received() {
        return received.get();
    }

    /** Messages no handler subscribed to (acknowledged and dropped). */
    public long unhandled() {
        return unhandled.get();
    }

    /** Handlers that threw (bugs, logged with their stack trace). */
    public long handlerBugs() {
        return handlerBugs.get();
    }

    /** Publishes the broker confirmed (PUBACK for QoS 1, written for QoS 0). */
    public long published() {
        return published.get();
    }

    public long publishFailures() {
        return publishFailures.get();
    }

    /** Payloads refused by a typed handler's decoding, per kind ("refused counter command", …). */
    public Map<String, Long> refused() {
        return refusals.counts();
    }

    /** Every refusal of every kind. */
    public long refusedTotal() {
        return refusals.counts().values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
        return "connects=" + connects + " losses=" + connectionLosses + " received=" + received + " published=" + published
                + " refused=" + refusedTotal() + " bugs=" + handlerBugs;
    }
}
