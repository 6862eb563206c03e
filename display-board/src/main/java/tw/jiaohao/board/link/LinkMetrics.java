package tw.jiaohao.board.link;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one link, readable at any time from any thread (tests, diagnostics). */
public final class LinkMetrics {
    final AtomicLong snapshotsShown = new AtomicLong();
    final AtomicLong snapshotsMalformed = new AtomicLong();
    final AtomicLong snapshotsStale = new AtomicLong();
    final AtomicLong noticesMalformed = new AtomicLong();
    final AtomicLong repliesMalformed = new AtomicLong();
    final AtomicLong connects = new AtomicLong();
    final AtomicLong connectionsLost = new AtomicLong();

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

    public long repliesMalformed() {
        return repliesMalformed.get();
    }

    /** Successful connections, the first one included. */
    public long connects() {
        return connects.get();
    }

    public long connectionsLost() {
        return connectionsLost.get();
    }
}
