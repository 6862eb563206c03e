package tw.jiaohao.office.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * What a consumer of an office's events saw: every arrival in order, and the seqs in order
 * of first arrival (a consumer stores (office, seq) once, as the hub does).
 */
public final class EventCollector {
    private final JsonCodec codec = new JsonCodec();
    private final List<Long> arrivals = new ArrayList<>();
    private final Set<Long> firstArrivals = new LinkedHashSet<>();

    public synchronized void add(byte[] payload) {
        OfficeEvent e = codec.decodeOrThrow(payload, OfficeEvent.class);
        arrivals.add(e.seq());
        firstArrivals.add(e.seq());
    }

    /** Drains a test client's received messages. */
    public void drain(TestClient client, java.time.Duration wait) {
        TestClient.Received r;
        while ((r = client.poll(wait)) != null) {
            add(r.payload());
        }
    }

    /**
     * Drains a test client's received messages until at least {@code atLeast} distinct seqs were
     * seen (failing after {@code limit}), then what else arrives within {@code quiet}.
     */
    public void drainUntil(TestClient client, int atLeast, java.time.Duration limit, java.time.Duration quiet) {
        long end = System.nanoTime() + limit.toNanos();
        while (distinct() < atLeast) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("only " + distinct() + " distinct events within " + limit + ", expected at least " + atLeast);
            }
            TestClient.Received r = client.poll(java.time.Duration.ofNanos(left));
            if (r != null) {
                add(r.payload());
            }
        }
        drain(client, quiet);
    }

    public synchronized int distinct() {
        return firstArrivals.size();
    }

    public synchronized List<Long> distinctInOrder() {
        return new ArrayList<>(firstArrivals);
    }

    public synchronized int duplicates() {
        return arrivals.size() - firstArrivals.size();
    }

    /** True when the distinct seqs seen, in order of first arrival, are exactly 1..last. */
    public synchronized boolean isGapFreeInOrder(long last) {
        if (firstArrivals.size() != last) {
            return false;
        }
        long expected = 1;
        for (long s : firstArrivals) {
            if (s != expected++) {
                return false;
            }
        }
        return true;
    }
}
