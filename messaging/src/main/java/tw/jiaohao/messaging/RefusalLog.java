package tw.jiaohao.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The one way every hub MQTT input reports bad input (refused payloads, implausible seqs, seq
 * conflicts, refused look-ups and recovery requests): each occurrence is counted per kind, and
 * logged at WARN only the first time per kind and source within an interval (default one
 * minute); the next line for that kind and source says how many were not logged meanwhile.
 * Within one interval at most {@value #SOURCES_PER_INTERVAL} sources of one kind get a line of
 * their own; further sources share one line per kind and interval, so a sender that varies the
 * office id in its topics cannot grow the log either. Never a stack trace: bad input is not a bug.
 *
 * <p>Callers pass a {@code source} that is safe to log (a validated office id, or a placeholder)
 * and a {@code detail} without personal data (where and why, never the payload). Thread-safe;
 * memory is bounded however many sources a sender invents.
 */
public final class RefusalLog {
    /** Distinct sources of one kind logged on their own line within one interval. */
    static final int SOURCES_PER_INTERVAL = 5;
    private static final int MAX_KEYS = 10_000;
    private static final String OTHER_SOURCES = "(other sources)";

    private final Logger log;
    private final long intervalMs;
    private final LongSupplier nowMs;
    private final Map<String, long[]> seen = new HashMap<>(); // kind|source -> {lastLoggedMs, notLogged}
    private final Map<String, long[]> sourcesThisInterval = new HashMap<>(); // kind -> {intervalStartMs, sources}
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    /** Lines go to {@code log}; one per kind and source per minute. */
    public RefusalLog(Logger log) {
        this(log, Duration.ofMinutes(1), System::currentTimeMillis);
    }

    public RefusalLog(Logger log, Duration interval, LongSupplier nowMs) {
        this.log = log;
        this.intervalMs = interval.toMillis();
        this.nowMs = nowMs;
    }

    /**
     * Counts one occurrence of {@code kind} (e.g. "refused event", "seq conflict") from
     * {@code source} and logs it if it is the first of that kind and source in the interval.
     */
    public void refused(String kind, String source, String detail) {
        record(kind, source, detail, true);
    }

    /**
     * Like {@link #refused} at INFO: for ordinary messages a sender could still repeat without
     * end (an answered recovery request), so they cannot flood the log either.
     */
    public void noted(String kind, String source, String detail) {
        record(kind, source, detail, false);
    }

    private void record(String kind, String source, String detail, boolean warn) {
        counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        String line = null;
        long now = nowMs.getAsLong();
        synchronized (this) {
            String key = kind + '|' + source;
            long[] s = seen.get(key);
            if (s == null && !admitNewSource(kind, now)) {
                source = OTHER_SOURCES;
                key = kind + '|' + source;
                s = seen.get(key);
            }
            if (s == null) {
                if (seen.size() >= MAX_KEYS) {
                    seen.clear();
                }
                seen.put(key, new long[] {now, 0});
                line = "";
            } else if (now - s[0] >= intervalMs) {
                line = s[1] == 0 ? "" : " (" + s[1] + " more like this from there not logged in the last "
                        + Duration.ofMillis(now - s[0]).toSeconds() + " s)";
                s[0] = now;
                s[1] = 0;
            } else {
                s[1]++;
            }
        }
        if (line != null && warn) {
            log.warn("{} from {}: {}{}", kind, source, detail, line);
        } else if (line != null) {
            log.info("{} from {}: {}{}", kind, source, detail, line);
        }
    }

    /** Whether another source of {@code kind} may have a line of its own in the current interval. */
    private boolean admitNewSource(String kind, long now) {
        long[] w = sourcesThisInterval.computeIfAbsent(kind, k -> new long[] {now, 0});
        if (now - w[0] >= intervalMs) {
            w[0] = now;
            w[1] = 0;
        }
        if (w[1] >= SOURCES_PER_INTERVAL) {
            return false;
        }
        w[1]++;
        return true;
    }

    /** Refusals of one kind counted since start. */
    public long count(String kind) {
        AtomicLong c = counts.get(kind);
        return c == null ? 0 : c.get();
    }

    /** Every kind's count since start. */
    public Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        counts.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }
}
