package tw.jiaohao.hub.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of the hub's ingest, readable at any time from any thread (tests, the API's
 * {@code /api/ingest}). All counts since the hub started.
 */
public final class IngestMetrics {
    /** Messages taken from the broker, valid or not. */
    public final AtomicLong received = new AtomicLong();
    /** Events stored for the first time. */
    public final AtomicLong stored = new AtomicLong();
    /** Events already held (redeliveries, replays): stored nothing. */
    public final AtomicLong duplicates = new AtomicLong();
    /** Event payloads refused (malformed, invalid, office ≠ topic's). */
    public final AtomicLong rejectedEvents = new AtomicLong();
    /** Device status payloads refused. */
    public final AtomicLong rejectedStatuses = new AtomicLong();
    /** Messages on topics the hub does not consume. */
    public final AtomicLong rejectedOther = new AtomicLong();
    /** Well-formed events the store refused (a constraint or rollup rule), set aside in the quarantine table. */
    public final AtomicLong quarantined = new AtomicLong();
    /** Events whose seq was implausibly far beyond what the hub holds of their office (kept as evidence, never counted). */
    public final AtomicLong implausibleSeqs = new AtomicLong();
    /** Events for an (office, seq) the hub already holds with a different event (kept as evidence, never counted). */
    public final AtomicLong seqConflicts = new AtomicLong();
    /** Device statuses dated implausibly ahead of the hub's clock, taken with the hub's time. */
    public final AtomicLong clockAhead = new AtomicLong();
    /** Device statuses applied (a newer status than the stored one). */
    public final AtomicLong statuses = new AtomicLong();
    /** Committed batches. */
    public final AtomicLong batches = new AtomicLong();
    /** Failed batch writes (each retried). */
    public final AtomicLong writeFailures = new AtomicLong();
    /** Most messages taken but not yet acknowledged at one time (the broker's in-flight window in use). */
    public final AtomicLong unacknowledgedHighWater = new AtomicLong();
    /** Replay requests published for gaps. */
    public final AtomicLong replayRequests = new AtomicLong();
    /** Probes published (replay requests for anything newer than the newest event held). */
    public final AtomicLong probes = new AtomicLong();

    public long rejected() {
        return rejectedEvents.get() + rejectedStatuses.get() + rejectedOther.get();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("received", received.get());
        m.put("stored", stored.get());
        m.put("duplicates", duplicates.get());
        m.put("rejectedEvents", rejectedEvents.get());
        m.put("rejectedStatuses", rejectedStatuses.get());
        m.put("rejectedOther", rejectedOther.get());
        m.put("quarantined", quarantined.get());
        m.put("implausibleSeqs", implausibleSeqs.get());
        m.put("seqConflicts", seqConflicts.get());
        m.put("clockAhead", clockAhead.get());
        m.put("statuses", statuses.get());
        m.put("batches", batches.get());
        m.put("writeFailures", writeFailures.get());
        m.put("replayRequests", replayRequests.get());
        m.put("probes", probes.get());
        m.put("unacknowledgedHighWater", unacknowledgedHighWater.get());
        return m;
    }
}
