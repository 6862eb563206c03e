package tw.jiaohao.office.ticketing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.office.ticketing.lifecycle.Event;
import tw.jiaohao.office.ticketing.lifecycle.OfficeEvents;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * The office's event log and its outbox, one part of the queue engine: {@link #append} gives an
 * event the next gap-free seq inside the caller's transaction, and remembers it per thread so a
 * change whose COMMIT failed can look for it ({@link #appended}); {@link #store} keeps an event as
 * it was (the import from the hub). The {@link EventOutbox} side is for the publisher; each of its
 * methods is one short transaction.
 *
 * <p>The outbox is a mark, not a row per event: {@code node_meta} {@value #SENT_UP_TO} is the seq
 * up to which the broker acknowledged every event, so an event is unsent when its seq is above it.
 * Acknowledgements above a hole (an event in flight when the connection dropped) are kept in
 * memory until the hole is acknowledged and the mark moves past them; after a restart such events
 * are published again (at least once; the hub stores a seq once). An issue therefore writes no
 * outbox row, and an acknowledgement updates one row.
 */
final class EventLog implements EventOutbox {
    private static final Logger log = LoggerFactory.getLogger(EventLog.class);
    /** node_meta key of the outbox's mark: every event up to this seq was acknowledged by the broker. */
    static final String SENT_UP_TO = "outbox.sent-upto";

    /** The newest event a thread's change appended: its seq and id. */
    record Appended(long seq, UUID id) {
    }

    /** The newest stored event: its seq, time and office day (0, null and null when there is none). */
    record Newest(long seq, java.time.Instant at, java.time.LocalDate day) {
    }

    private final OfficeDatabase db;
    private final String office;
    private final JsonCodec codec = new JsonCodec();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    /** Seqs the broker acknowledged above the mark, not yet joined to it; read and moved only inside {@link OfficeDatabase#transaction}, whose lock guards it with the mark. */
    private final NavigableSet<Long> ackedAboveMark = new TreeSet<>();
    private final ThreadLocal<Appended> appended = new ThreadLocal<>();
    /** The newest seq this thread's current change read ({@link #newestForChange}), so its first append needs no query. */
    private final ThreadLocal<Long> newestSeq = new ThreadLocal<>();

    EventLog(OfficeDatabase db, String office) {
        this.db = db;
        this.office = office;
    }

    /**
     * Appends {@code e} as the next seq, unsent (above the outbox's mark), in the caller's transaction.
     *
     * @param alert what an {@link Event.AlertRaised} is about, for people (ignored for other events)
     * @return the seq
     */
    long append(Connection c, Event.TicketEvent e, String alert) throws SQLException {
        // inside one change nothing else appends: the seq follows what this change read or appended last
        Appended before = appended.get();
        Long read = newestSeq.get();
        long last = before != null ? before.seq() : read != null ? read : lastSeq(c);
        OfficeEvent event = OfficeEvents.of(e, office, last + 1, Uuids.v7(e.at()), alert);
        store(c, event, codec.encode(event), false);
        appended.set(new Appended(event.seq(), event.eventId()));
        return event.seq();
    }

    /**
     * Stores {@code e} with its seq, id and {@code payload} as they are. When {@code sent} (the event
     * came back from the hub) and it follows the outbox's mark directly, the mark moves onto it.
     */
    static void store(Connection c, OfficeEvent e, byte[] payload, boolean sent) throws SQLException {
        PreparedStatement s = OfficeDatabase.prepared(c, "INSERT INTO events (seq, event_id, type, at, office_day, ticket_id, payload) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)");
        s.setLong(1, e.seq());
        s.setString(2, e.eventId().toString());
        s.setString(3, e.type().name());
        s.setLong(4, e.at().toEpochMilli());
        s.setString(5, e.officeDay().toString());
        s.setString(6, e.ticketId());
        s.setBytes(7, payload);
        s.executeUpdate();
        if (sent) {
            PreparedStatement o = OfficeDatabase.prepared(c, "UPDATE node_meta SET value = ? WHERE key = '" + SENT_UP_TO + "' AND value = ?");
            o.setString(1, Long.toString(e.seq()));
            o.setString(2, Long.toString(e.seq() - 1));
            o.executeUpdate();
        }
    }

    /** The outbox's mark, in the caller's transaction: every event up to this seq was acknowledged (0 when none). */
    static long sentUpTo(Connection c) throws SQLException {
        String v = NodeMeta.get(c, SENT_UP_TO);
        return v == null ? 0 : Long.parseLong(v);
    }

    /** The newest stored event, in the caller's transaction: stamps never go before it, and the clock's trust is judged against its day. */
    static Newest newest(Connection c) throws SQLException {
        try (ResultSet r = OfficeDatabase.prepared(c, "SELECT seq, at, office_day FROM events ORDER BY seq DESC LIMIT 1").executeQuery()) {
            return r.next() ? new Newest(r.getLong(1), java.time.Instant.ofEpochMilli(r.getLong(2)), OfficeDays.parse(r.getString(3)))
                    : new Newest(0, null, null);
        }
    }

    /** {@link #newest}, read by a change inside its transaction: its first append then needs no query for the seq. */
    Newest newestForChange(Connection c) throws SQLException {
        Newest n = newest(c);
        newestSeq.set(n.seq());
        return n;
    }

    /**
     * Runs one change in a transaction. When its COMMIT fails, the change counts as stored only if
     * its last event is in the file when looked for again on a new connection, so what the caller
     * is told is true ({@link OfficeDatabase#transaction(OfficeDatabase.Work, OfficeDatabase.Committed)});
     * a change that appended no event (opening or closing a counter) cannot be looked for, and its
     * failed COMMIT stays "not known".
     *
     * @param committed called after the commit with the seq of the change's last event; not called when it appended none
     */
    <T> T change(OfficeDatabase.Work<T> work, java.util.function.LongConsumer committed) {
        forget();
        try {
            T result = db.transaction(work, (c, r) -> {
                Appended a = appended();
                if (a == null) {
                    throw new SQLException("the change appended no event to look for");
                }
                return contains(c, a);
            });
            Appended a = appended();
            if (a != null) {
                committed.accept(a.seq());
            }
            return result;
        } finally {
            forget();
        }
    }

    /** Forgets what this thread appended (before a change starts and after it ends). */
    void forget() {
        appended.remove();
        newestSeq.remove();
    }

    /** What this thread's current change appended last, or null. */
    Appended appended() {
        return appended.get();
    }

    /** Whether this appended event (its seq with its id) is in the store. */
    static boolean contains(Connection c, Appended a) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM events WHERE seq = ? AND event_id = ?")) {
            s.setLong(1, a.seq());
            s.setString(2, a.id().toString());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Tells the listeners that a commit appended events (they only signal). */
    void notifyAppended() {
        for (Runnable r : listeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("outbox listener failed: {}", e.toString());
            }
        }
    }

    static long lastSeq(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM events"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    @Override
    public long lastSeq() {
        return db.transaction(EventLog::lastSeq);
    }

    @Override
    public List<StoredEvent> pending(long afterSeq, int limit) {
        return db.transaction(c -> {
            long from = Math.max(afterSeq, sentUpTo(c));
            List<StoredEvent> out = new ArrayList<>();
            while (out.size() < limit) {
                List<StoredEvent> page = events(c, "SELECT seq, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?", from, limit);
                for (StoredEvent e : page) {
                    if (out.size() < limit && !ackedAboveMark.contains(e.seq())) {
                        out.add(e);
                    }
                }
                if (page.size() < limit) {
                    break;
                }
                from = page.get(page.size() - 1).seq();
            }
            return out;
        });
    }

    @Override
    public List<StoredEvent> range(long fromSeq, long toSeq, int limit) {
        return db.transaction(c -> events(c, "SELECT seq, payload FROM events WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?",
                fromSeq, toSeq, limit));
    }

    private static List<StoredEvent> events(Connection c, String sql, long... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setLong(i + 1, args[i]);
            }
            List<StoredEvent> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredEvent(r.getLong(1), r.getBytes(2)));
                }
            }
            return out;
        }
    }

    @Override
    public void markSent(List<Long> seqs) {
        if (seqs.isEmpty()) {
            return;
        }
        db.transaction(c -> {
            long mark = sentUpTo(c);
            ackedAboveMark.addAll(seqs);
            long next = mark;
            while (ackedAboveMark.contains(next + 1)) {
                next++;
            }
            if (next > mark) {
                NodeMeta.set(c, SENT_UP_TO, Long.toString(next));
            }
            // joined to the mark (committed below; a failed commit throws before this matters:
            // those events are then published again, at least once)
            ackedAboveMark.headSet(next, true).clear();
            return null;
        });
    }

    @Override
    public long pendingCount() {
        return db.transaction(c -> {
            long mark = sentUpTo(c);
            return Math.max(0, lastSeq(c) - mark - ackedAboveMark.tailSet(mark, false).size());
        });
    }

    @Override
    public Subscription onAppended(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
