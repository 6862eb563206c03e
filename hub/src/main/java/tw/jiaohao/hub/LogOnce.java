package tw.jiaohao.hub;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * "Logged once" for events a stranger can repeat at will (refused logins, throttled logins,
 * refused CSRF tokens): the first event of a kind from a source is logged, repeats within the
 * interval are only counted, and the first one after the interval is logged with the count of
 * those it stood for. Every event is counted per kind ({@link #count}). Bounded: a flood of
 * distinct sources starts the map afresh rather than growing it. Thread-safe.
 */
public final class LogOnce {
    private static final int MAX_SOURCES = 10_000;

    private final Clock clock;
    private final long intervalMs;
    private final Map<String, long[]> seen = new HashMap<>(); // kind|source -> {lastLoggedMs, suppressed}
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    public LogOnce(Clock clock, Duration interval) {
        this.clock = clock;
        this.intervalMs = interval.toMillis();
    }

    /**
     * Counts one event of {@code kind} from {@code source}. Returns -1 when it must not be logged;
     * otherwise it must be, and the value is how many earlier ones went unlogged since the last line.
     */
    public long tick(String kind, String source) {
        counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        long now = clock.millis();
        String key = kind + '|' + source;
        synchronized (seen) {
            long[] s = seen.get(key);
            if (s == null) {
                if (seen.size() >= MAX_SOURCES) {
                    seen.clear();
                }
                seen.put(key, new long[] {now, 0});
                return 0;
            }
            if (now - s[0] >= intervalMs) {
                long suppressed = s[1];
                s[0] = now;
                s[1] = 0;
                return suppressed;
            }
            s[1]++;
            return -1;
        }
    }

    /** Events of {@code kind} since start, logged or not. */
    public long count(String kind) {
        AtomicLong c = counts.get(kind);
        return c == null ? 0 : c.get();
    }
}
