package tw.jiaohao.office.link;

import java.util.concurrent.atomic.AtomicLong;
import tw.jiaohao.messaging.SessionMetrics;

/**
 * Counters of the office node's MQTT link, readable at any time (tests, diagnostics). Monotonic
 * for the life of the link. Connection counts and refusals of the session's decoding (e.g. a
 * malformed recovery reply) are the session's ({@link SessionMetrics}).
 */
public final class LinkMetrics {
    private final SessionMetrics session;

    LinkMetrics(SessionMetrics session) {
        this.session = session;
    }

    final AtomicLong commandsExecuted = new AtomicLong();
    final AtomicLong commandsRefused = new AtomicLong();
    final AtomicLong replaysServed = new AtomicLong();
    final AtomicLong replaysRefused = new AtomicLong();
    final AtomicLong unexpectedMessages = new AtomicLong();
    final AtomicLong eventsAcknowledged = new AtomicLong();
    final AtomicLong eventsReplayed = new AtomicLong();
    final AtomicLong snapshotsPublished = new AtomicLong();

    /** Counter commands decoded and executed (whatever the reply code). */
    public long commandsExecuted() {
        return commandsExecuted.get();
    }

    /** Command payloads refused as malformed (bad JSON, wrong types, too large, wrong office or counter). */
    public long commandsRefused() {
        return commandsRefused.get();
    }

    public long replaysServed() {
        return replaysServed.get();
    }

    /** Replay requests refused as malformed. */
    public long replaysRefused() {
        return replaysRefused.get();
    }

    /** Messages on topics the node does not handle, and replies the session's codec refused. */
    public long unexpectedMessages() {
        return unexpectedMessages.get() + session.rejected();
    }

    /** Every refused payload, on any topic. */
    public long refused() {
        return commandsRefused.get() + replaysRefused.get() + unexpectedMessages();
    }

    /** Outbox events the broker acknowledged (PUBACK). */
    public long eventsAcknowledged() {
        return eventsAcknowledged.get();
    }

    public long eventsReplayed() {
        return eventsReplayed.get();
    }

    public long snapshotsPublished() {
        return snapshotsPublished.get();
    }

    public long connects() {
        return session.connects();
    }

    public long connectFailures() {
        return session.connectFailures();
    }

    public long connectionLosses() {
        return session.connectionLosses();
    }

    @Override
    public String toString() {
        return "connects=" + connects() + " losses=" + connectionLosses() + " commands=" + commandsExecuted
                + " refused=" + refused() + " acked=" + eventsAcknowledged + " replayed=" + eventsReplayed
                + " snapshots=" + snapshotsPublished;
    }
}
