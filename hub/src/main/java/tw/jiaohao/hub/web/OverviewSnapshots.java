package tw.jiaohao.hub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.report.OfficeToday;

/**
 * The all-offices figures as shared snapshots: one per scope (head office: every office; an
 * office's users: that office), recomputed at most once per {@code maxAge} whoever asks, and
 * kept serialised (JSON bytes and an ETag) so each poll costs a map look-up. When a snapshot is
 * due, the first caller recomputes it while the others are answered with the previous one; only
 * the very first request of a scope waits. Thread-safe.
 */
final class OverviewSnapshots {
    /** One scope's figures, their JSON and its entity tag. */
    record Snapshot(List<OfficeToday> rows, byte[] json, String etag, long madeAtNanos) {
    }

    private final Function<String, List<OfficeToday>> compute;
    private final ObjectMapper mapper;
    private final long maxAgeNanos;
    private final LongSupplier nanos;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** @param compute the rows of a scope ({@link #ALL} or an office id) */
    OverviewSnapshots(Function<String, List<OfficeToday>> compute, ObjectMapper mapper, Duration maxAge, LongSupplier nanos) {
        this.compute = compute;
        this.mapper = mapper;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanos = nanos;
    }

    /** The scope of head office: every office. */
    static final String ALL = "*";

    Snapshot get(String scope) {
        Snapshot s = snapshots.get(scope);
        if (s != null && fresh(s)) {
            return s;
        }
        ReentrantLock lock = locks.computeIfAbsent(scope, k -> new ReentrantLock());
        if (s != null) {
            if (!lock.tryLock()) {
                return s; // being recomputed by another request: this one gets the previous figures
            }
        } else {
            lock.lock();
        }
        try {
            Snapshot again = snapshots.get(scope);
            if (again != null && fresh(again)) {
                return again;
            }
            Snapshot made = make(compute.apply(scope));
            snapshots.put(scope, made);
            return made;
        } finally {
            lock.unlock();
        }
    }

    private boolean fresh(Snapshot s) {
        return nanos.getAsLong() - s.madeAtNanos() < maxAgeNanos;
    }

    private Snapshot make(List<OfficeToday> rows) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(rows);
        } catch (JsonProcessingException e) {
            throw new HubException("cannot write the offices' figures as JSON: " + e.getMessage(), e);
        }
        CRC32 crc = new CRC32();
        crc.update(json);
        return new Snapshot(List.copyOf(rows), json, "\"" + Long.toHexString(crc.getValue()) + "-" + json.length + "\"", nanos.getAsLong());
    }
}
