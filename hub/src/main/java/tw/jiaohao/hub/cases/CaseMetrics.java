package tw.jiaohao.hub.cases;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of the self-service path at the hub, readable in tests and at {@code GET /api/cases/metrics}:
 * the hub's totals, and per office those of stored requests (an office's users see only theirs).
 * Thread-safe.
 */
public final class CaseMetrics {
    public final AtomicLong requestsStored = new AtomicLong();
    public final AtomicLong requestsDuplicate = new AtomicLong();
    public final AtomicLong requestsMalformed = new AtomicLong();
    public final AtomicLong personalUnreadable = new AtomicLong();
    public final AtomicLong verified = new AtomicLong();
    public final AtomicLong rejected = new AtomicLong();
    public final AtomicLong needsStaffCheck = new AtomicLong();
    public final AtomicLong lookupsAnswered = new AtomicLong();
    public final AtomicLong lookupsMalformed = new AtomicLong();
    public final AtomicLong personalErased = new AtomicLong();

    private final Map<String, long[]> byOffice = new java.util.concurrent.ConcurrentHashMap<>(); // {stored, verified, rejected, needsStaffCheck}

    /** A request of {@code office} stored with this verdict. */
    public void stored(String office, tw.jiaohao.protocol.selfservice.Verification verdict) {
        requestsStored.incrementAndGet();
        int i = switch (verdict) {
            case VERIFIED -> 1;
            case REJECTED -> 2;
            case NEEDS_STAFF_CHECK -> 3;
        };
        (i == 1 ? verified : i == 2 ? rejected : needsStaffCheck).incrementAndGet();
        long[] c = byOffice.computeIfAbsent(office, o -> new long[4]);
        synchronized (c) {
            c[0]++;
            c[i]++;
        }
    }

    /** The counters of one office's stored requests (zeros for an office with none). */
    public Map<String, Long> snapshot(String office) {
        long[] c = byOffice.getOrDefault(office, new long[4]);
        Map<String, Long> m = new LinkedHashMap<>();
        synchronized (c) {
            m.put("requestsStored", c[0]);
            m.put("verified", c[1]);
            m.put("rejected", c[2]);
            m.put("needsStaffCheck", c[3]);
        }
        return m;
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("requestsStored", requestsStored.get());
        m.put("requestsDuplicate", requestsDuplicate.get());
        m.put("requestsMalformed", requestsMalformed.get());
        m.put("personalUnreadable", personalUnreadable.get());
        m.put("verified", verified.get());
        m.put("rejected", rejected.get());
        m.put("needsStaffCheck", needsStaffCheck.get());
        m.put("lookupsAnswered", lookupsAnswered.get());
        m.put("lookupsMalformed", lookupsMalformed.get());
        m.put("personalErased", personalErased.get());
        return m;
    }
}
