package tw.jiaohao.hub.cases;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of the self-service path at the hub, readable in tests and at {@code GET /api/cases/metrics}. Thread-safe. */
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
