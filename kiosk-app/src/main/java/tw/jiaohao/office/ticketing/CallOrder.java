package tw.jiaohao.office.ticketing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import tw.jiaohao.forecast.CallRule;
import tw.jiaohao.office.config.CounterConfig;
import tw.jiaohao.office.config.OfficeConfig;

/**
 * Which ticket a counter's CALL_NEXT takes (docs/office-node/QUEUE.md, "Call next"): people in the
 * room after a forward clock step first ({@link OfficeTime#inRoom()}), then the one call rule the
 * forecast simulates too ({@link CallRule}) over the oldest waiting ticket of each category the
 * counter serves (equal issue times by row id). Reads inside the caller's transaction, under the
 * writer lock, so two counters never get the same ticket. Stateless; no failure of its own.
 */
final class CallOrder {
    private CallOrder() {
    }

    static TicketRow next(Connection c, OfficeConfig config, OfficeTime time, LocalDate day, CounterConfig counter, Instant now)
            throws SQLException {
        for (String id : time.inRoom()) { // people in the room numbered under the day before a clock step, oldest first
            TicketRow t = waitingInRoom(c, id, counter);
            if (t != null) {
                return t;
            }
        }
        List<String> serves = counter.serves();
        TicketRow[] oldest = new TicketRow[serves.size()];
        for (int i = 0; i < oldest.length; i++) {
            oldest[i] = oldestWaiting(c, day, serves.get(i));
        }
        int next = CallRule.next(IntStream.range(0, oldest.length).toArray(), new CallRule.Queues() {
            @Override
            public boolean priority(int i) {
                return config.category(serves.get(i)).orElseThrow().priority();
            }

            @Override
            public boolean waiting(int i) {
                return oldest[i] != null;
            }

            @Override
            public double oldestIssued(int i) {
                return oldest[i].issuedAt().toEpochMilli();
            }

            @Override
            public boolean older(int a, int b) {
                int byTime = oldest[a].issuedAt().compareTo(oldest[b].issuedAt());
                return byTime < 0 || byTime == 0 && oldest[a].id() < oldest[b].id();
            }
        }, now.toEpochMilli(), config.starvationCeiling().toMillis());
        return next < 0 ? null : oldest[next];
    }

    private static TicketRow waitingInRoom(Connection c, String ticketId, CounterConfig counter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + TicketRow.COLUMNS + " FROM tickets WHERE ticket_id = ? AND state = 'WAITING'")) {
            s.setString(1, ticketId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                TicketRow t = TicketRow.read(r);
                return counter.serves(t.category()) ? t : null;
            }
        }
    }

    private static TicketRow oldestWaiting(Connection c, LocalDate day, String category) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + TicketRow.COLUMNS + " FROM tickets WHERE office_day = ? AND state = 'WAITING' "
                + "AND category IN (?) ORDER BY issued_at, id LIMIT 1")) {
            s.setString(1, day.toString());
            s.setString(2, category);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? TicketRow.read(r) : null;
            }
        }
    }
}
