package tw.jiaohao.office.ticketing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tw.jiaohao.office.ticketing.lifecycle.Counter;
import tw.jiaohao.office.ticketing.lifecycle.QueueState;
import tw.jiaohao.office.ticketing.lifecycle.Ticket;
import tw.jiaohao.office.ticketing.lifecycle.TicketRef;
import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.protocol.event.TicketState;

/**
 * The lifecycle's {@link QueueState} in the office database: {@link #load} reads the tickets and
 * counters a change touches, {@link #save} writes back what {@link
 * tw.jiaohao.office.ticketing.lifecycle.Lifecycle#apply} changed. Rows only — no rule of the
 * lifecycle lives here. Runs inside the caller's transaction.
 */
final class TicketStore {
    private static final String COLUMNS = "ticket_id, state, issued_at, counter, called_at, serving_at, ended_at, rating, "
            + "people_ahead, estimate_minutes, transferred_from";

    private TicketStore() {
    }

    /**
     * The tickets {@code ticketIds} that exist (nulls ignored), the counters {@code counters} that
     * exist and every counter holding one of those tickets. A CALLED ticket's last call comes from
     * its newest TICKET_RECALLED event.
     */
    static QueueState load(Connection c, Collection<String> ticketIds, Collection<Integer> counters) throws SQLException {
        Set<String> ids = new LinkedHashSet<>(ticketIds);
        ids.remove(null);
        List<Ticket> tickets = new ArrayList<>();
        for (String id : ids) {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM tickets WHERE ticket_id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        tickets.add(read(c, r));
                    }
                }
            }
        }
        List<Counter> found = new ArrayList<>();
        Set<Integer> numbers = new LinkedHashSet<>(counters);
        numbers.remove(null);
        try (PreparedStatement s = c.prepareStatement("SELECT number, open, current_ticket, last_ticket FROM counters")) {
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Counter k = new Counter(r.getInt(1), r.getInt(2) != 0, r.getString(3), r.getString(4));
                    if (numbers.contains(k.number()) || k.current() != null && ids.contains(k.current())) {
                        found.add(k);
                    }
                }
            }
        }
        return QueueState.of(tickets, found);
    }

    private static Ticket read(Connection c, ResultSet r) throws SQLException {
        String id = r.getString(1);
        TicketState state = TicketState.valueOf(r.getString(2));
        Instant called = instant(r, 5);
        return new Ticket(TicketRef.of(id, Instant.ofEpochMilli(r.getLong(3))), state, (Integer) r.getObject(4), called,
                state == TicketState.CALLED ? lastRecall(c, id, called) : null, instant(r, 6), instant(r, 7),
                r.getString(8) == null ? null : Rating.valueOf(r.getString(8)), (Integer) r.getObject(9),
                (Integer) r.getObject(10), r.getString(11));
    }

    private static Instant lastRecall(Connection c, String ticketId, Instant calledAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT MAX(at) FROM events WHERE ticket_id = ? AND type = 'TICKET_RECALLED'")) {
            s.setString(1, ticketId);
            try (ResultSet r = s.executeQuery()) {
                long at = r.next() ? r.getLong(1) : 0;
                return at == 0 ? calledAt : Instant.ofEpochMilli(at);
            }
        }
    }

    /** Writes the tickets and counters that differ between {@code before} and {@code after}. */
    static void save(Connection c, QueueState before, QueueState after) throws SQLException {
        for (Ticket t : after.tickets().values()) {
            Ticket was = before.tickets().get(t.ticketId());
            if (was == null) {
                insert(c, t);
            } else if (!sameRow(was, t)) {
                update(c, t);
            }
        }
        for (Counter k : after.counters().values()) {
            if (!k.equals(before.counters().get(k.number()))) {
                PreparedStatement s = OfficeDatabase.prepared(c, "UPDATE counters SET open = ?, current_ticket = ?, last_ticket = ? WHERE number = ?");
                s.setInt(1, k.open() ? 1 : 0);
                s.setString(2, k.current());
                s.setString(3, k.last());
                s.setInt(4, k.number());
                s.executeUpdate();
            }
        }
    }

    /** Whether the stored columns are the same (the last call lives in the event log). */
    private static boolean sameRow(Ticket a, Ticket b) {
        return a.state() == b.state() && Objects.equals(a.counter(), b.counter()) && Objects.equals(a.calledAt(), b.calledAt())
                && Objects.equals(a.servingAt(), b.servingAt()) && Objects.equals(a.endedAt(), b.endedAt())
                && a.rating() == b.rating() && Objects.equals(a.peopleAhead(), b.peopleAhead())
                && Objects.equals(a.estimateMinutes(), b.estimateMinutes());
    }

    private static void insert(Connection c, Ticket t) throws SQLException {
        TicketRef ref = t.ref();
        PreparedStatement s = OfficeDatabase.prepared(c, "INSERT INTO tickets (ticket_id, office_day, category, number, state, issued_at, "
                + "counter, called_at, serving_at, ended_at, rating, people_ahead, estimate_minutes, transferred_from) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        s.setString(1, ref.ticketId());
        s.setString(2, ref.officeDay().toString());
        s.setString(3, ref.category());
        s.setInt(4, ref.number());
        s.setString(5, t.state().name());
        s.setLong(6, ref.issuedAt().toEpochMilli());
        setColumns(s, 7, t);
        s.setString(14, t.transferredFrom());
        s.executeUpdate();
    }

    private static void update(Connection c, Ticket t) throws SQLException {
        PreparedStatement s = OfficeDatabase.prepared(c, "UPDATE tickets SET state = ?, counter = ?, called_at = ?, serving_at = ?, "
                + "ended_at = ?, rating = ?, people_ahead = ?, estimate_minutes = ? WHERE ticket_id = ?");
        s.setString(1, t.state().name());
        setColumns(s, 2, t);
        s.setString(9, t.ticketId());
        s.executeUpdate();
    }

    /** counter, called_at, serving_at, ended_at, rating, people_ahead, estimate_minutes from {@code i}. */
    private static void setColumns(PreparedStatement s, int i, Ticket t) throws SQLException {
        s.setObject(i, t.counter());
        s.setObject(i + 1, millis(t.calledAt()));
        s.setObject(i + 2, millis(t.servingAt()));
        s.setObject(i + 3, millis(t.endedAt()));
        s.setString(i + 4, t.rating() == null ? null : t.rating().name());
        s.setObject(i + 5, t.peopleAhead());
        s.setObject(i + 6, t.estimateMinutes());
    }

    private static Long millis(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
