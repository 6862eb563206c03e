package tw.jiaohao.board.link;

import java.util.concurrent.atomic.AtomicLong;
import tw.jiaohao.messaging.SessionMetrics;

/**
 * Counters of one board link, readable at any time from any thread (tests, diagnostics);
 * connections and refused replies are counted by the session ({@link SessionMetrics}).
 */
public final class LinkMetrics {
    private final SessionMetrics session;

    LinkMetrics(SessionMetrics session) {
        this.session = session;
    }

    final AtomicLong snapshotsShown = new AtomicLong();
    final AtomicLong snapshotsMalformed = new AtomicLong();
    final AtomicLong snapshotsStale = new AtomicLong();
    final AtomicLong noticesMalformed = new AtomicLong();

    /** Snapshots delivered to the listener. */
    public long snapshotsShown() {
        return snapshotsShown.get();
    }

    /** Snapshot payloads refused by the codec (or for another office); never shown. */
    public long snapshotsMalformed() {
        return snapshotsMalformed.get();
    }

    /** Valid snapshots dropped because their seq was lower than the one shown. */
    public long snapshotsStale() {
        return snapshotsStale.get();
    }

    public long noticesMalformed() {
        return noticesMalformed.get();
    }

    /** Command replies the codec refused. */
    public long repliesMalformed() {
        return session.rejected(tw.jiaohao.protocol.counter.CommandReply.class.getSimpleName());
    }

    /** Successful connections, the first one included. */
    public long connects() {
        return session.connects();
    }

    public long connectionsLost() {
        return session.connectionLosses();
    }
}
