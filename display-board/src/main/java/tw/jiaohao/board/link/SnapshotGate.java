package tw.jiaohao.board.link;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * Decides which decoded snapshots reach the screen: only accepted ones whose {@code seq} is not
 * lower than the last shown (an equal seq is a change without an event, e.g. a counter opened,
 * or the same retained copy again after a reconnect — showing it is harmless). A malformed payload is counted and logged (one line, and only
 * when its reason differs from the previous rejection, so a broken sender cannot flood the
 * log); the screen keeps what it shows. Not thread-safe: fed by one link thread.
 */
final class SnapshotGate {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotGate.class);
    private final LinkMetrics metrics;
    private long lastSeq = -1;
    private String lastRejection;

    SnapshotGate(LinkMetrics metrics) {
        this.metrics = metrics;
    }

    Optional<StateSnapshot> admit(Decoded<StateSnapshot> decoded) {
        if (decoded instanceof Decoded.Rejected<StateSnapshot> rejected) {
            long n = metrics.snapshotsMalformed.incrementAndGet();
            if (!rejected.toString().equals(lastRejection)) {
                LOG.warn("ignored a malformed state snapshot ({}); still showing seq {} ({} malformed so far)", rejected, lastSeq, n);
                lastRejection = rejected.toString();
            }
            return Optional.empty();
        }
        StateSnapshot snapshot = ((Decoded.Accepted<StateSnapshot>) decoded).message();
        if (snapshot.seq() < lastSeq) {
            metrics.snapshotsStale.incrementAndGet();
            return Optional.empty();
        }
        lastSeq = snapshot.seq();
        metrics.snapshotsShown.incrementAndGet();
        return Optional.of(snapshot);
    }
}
