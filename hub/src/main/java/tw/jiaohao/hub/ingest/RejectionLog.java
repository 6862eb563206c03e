package tw.jiaohao.hub.ingest;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused payloads without flooding: the first of each kind of rejection (topic kind,
 * where, reason) once at WARN, later ones of that kind as one summary line per minute at
 * most. The lines name the office only when the topic's office is a valid identifier and
 * never quote the payload, so no personal data reaches the log.
 */
final class RejectionLog {
    private static final Logger log = LoggerFactory.getLogger(RejectionLog.class);
    private static final long SUMMARY_EVERY_MS = 60_000;

    private final Map<String, long[]> seen = new HashMap<>(); // key -> {lastLoggedMs, suppressed}

    synchronized void refused(String what, String office, String rejection, long nowMs) {
        String key = what + '|' + rejection;
        long[] s = seen.get(key);
        if (s == null) {
            if (seen.size() > 1000) {
                seen.clear(); // hostile senders can vary the reason; keep the map bounded
            }
            seen.put(key, new long[] {nowMs, 0});
            log.warn("refused {} from office {}: {}", what, office, rejection);
        } else if (nowMs - s[0] >= SUMMARY_EVERY_MS) {
            log.warn("refused {} more {} payloads like: {} (latest from office {})", s[1] + 1, what, rejection, office);
            s[0] = nowMs;
            s[1] = 0;
        } else {
            s[1]++;
        }
    }
}
