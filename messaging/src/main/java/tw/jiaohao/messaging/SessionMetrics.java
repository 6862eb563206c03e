package tw.jiaohao.messaging;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counters of one session, monotonic for its life and readable from any thread (tests,
 * diagnostics). Rejections are counted per kind (the message type or what a feature names) and
 * logged once per kind and source (the office of the topic, or the topic): a broken sender
 * cannot flood the log, and a new kind of problem is still seen.
 */
public final class SessionMetrics {
    private static final Logger log = LoggerFactory.getLogger(SessionMetrics.class);

    final AtomicLong connects = new AtomicLong();
    final AtomicLong connectFailures = new AtomicLong();
    final AtomicLong connectionLosses = new AtomicLong();
    final AtomicLong published = new AtomicLong();
    final AtomicLong publishFailures = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong handlerFailures = new AtomicLong();
    final AtomicLong staleAcks = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final Map<String, AtomicLong> rejectedByKind = new ConcurrentHashMap<>();
    private final Map<String, Boolean> logged = new ConcurrentHashMap<>();

    /**
     * Counts one refused message of {@code kind} from {@code source}; the first refusal of each
     * (kind, source) is logged as one warning line with {@code reason} (which must not repeat
     * personal data from the payload).
     */
    public void reject(String kind, String source, String reason) {
        rejected.incrementAndGet();
        rejectedByKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        if (logged.size() < 10_000 && logged.putIfAbsent(kind + "\u0000" + source, Boolean.TRUE) == null) {
            log.warn("refused {} from {}: {} (further refusals of this kind from {} are counted, not logged)", kind, source, reason, source);
        }
    }

    /** Successful connections, the first one included. */
    public long connects() {
        return connects.get();
    }

    public long connectFailures() {
        return connectFailures.get();
    }

    public long connectionLosses() {
        return connectionLosses.get();
    }

    /** Publishes completed (PUBACK for QoS 1). */
    public long published() {
        return published.get();
    }

    public long publishFailures() {
        return publishFailures.get();
    }

    /** Messages the broker delivered to this session. */
    public long delivered() {
        return delivered.get();
    }

    /** Handlers that threw (bugs). */
    public long handlerFailures() {
        return handlerFailures.get();
    }

    /** Acknowledgements given after the connection their message came on was lost (not sent: the broker delivers it again). */
    public long staleAcks() {
        return staleAcks.get();
    }

    /** Every refused message, of any kind. */
    public long rejected() {
        return rejected.get();
    }

    /** Refused messages of one kind (e.g. {@code "NoticeBoard"}). */
    public long rejected(String kind) {
        AtomicLong n = rejectedByKind.get(kind);
        return n == null ? 0 : n.get();
    }

    @Override
    public String toString() {
        Map<String, Long> kinds = new TreeMap<>();
        rejectedByKind.forEach((k, v) -> kinds.put(k, v.get()));
        return "connects=" + connects + " failures=" + connectFailures + " losses=" + connectionLosses + " published=" + published
                + " delivered=" + delivered + " rejected=" + kinds + " handlerFailures=" + handlerFailures;
    }
}
