package tw.jiaohao.office.ticketing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.TicketId;
import tw.jiaohao.protocol.event.TicketNumber;

/**
 * Rebuilds the office's rows from one event it gets back from the hub: the event and its (sent)
 * outbox row are stored as they were, and the ticket and counter rows are changed as the engine
 * changed them when it first appended the event. Pure SQL inside the caller's transaction.
 * What events do not carry stays as the backup had it: whether a counter is open, and a
 * ticket's people-ahead/estimate only when its TICKET_ISSUED event is missing at the hub.
 */
final class HubEventImport {
    private HubEventImport() {
    }

    static void apply(Connection c, OfficeEvent e, byte[] payload, long nowMillis) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO events (seq, event_id, type, at, office_day, ticket_id, payload) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, e.seq());
            s.setString(2, e.eventId().toString());
            s.setString(3, e.type().name());
            s.setLong(4, e.at().toEpochMilli());
            s.setString(5, e.officeDay().toString());
            s.setString(6, e.ticketId());
            s.setBytes(7, payload);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO outbox (seq, sent_at) VALUES (?, ?)")) {
            s.setLong(1, e.seq());
            s.setLong(2, nowMillis);
            s.executeUpdate();
        }
        ensureTicket(c, e.ticketId(), e.officeDay().toString(), e.category(), e.ticketNumber(), e.issuedAt(), null);
        long at = e.at().toEpochMilli();
        switch (e.type()) {
            case TICKET_ISSUED -> exec(c, "UPDATE tickets SET people_ahead = ?, estimate_minutes = ? WHERE ticket_id = ?",
                    e.peopleAhead(), e.estimateMinutes(), e.ticketId());
            case TICKET_CALLED -> {
                exec(c, "UPDATE tickets SET state = 'CALLED', counter = ?, called_at = COALESCE(called_at, ?) WHERE ticket_id = ?",
                        e.counter(), at, e.ticketId());
                exec(c, "UPDATE counters SET current_ticket = ? WHERE number = ?", e.ticketId(), e.counter());
            }
            case TICKET_RECALLED -> {
                // no change to the ticket
            }
            case TICKET_NO_SHOW -> end(c, e, "NO_SHOW", at, false);
            case SERVICE_STARTED -> exec(c, "UPDATE tickets SET state = 'SERVING', counter = ?, serving_at = ? WHERE ticket_id = ?",
                    e.counter(), at, e.ticketId());
            case SERVICE_FINISHED -> end(c, e, "DONE", at, true);
            case TICKET_TRANSFERRED -> {
                end(c, e, "TRANSFERRED", at, false);
                ensureTicket(c, e.toTicketId(), TicketId.day(e.toTicketId()).toString(), e.toCategory(), e.toTicketNumber(), e.issuedAt(),
                        e.ticketId());
            }
            case TICKET_CANCELLED -> end(c, e, "CANCELLED", at, false);
            case RATING_RECORDED -> exec(c, "UPDATE tickets SET rating = ? WHERE ticket_id = ?", e.rating().name(), e.ticketId());
            case ALERT_RAISED -> {
                // alerts change no ticket
            }
        }
    }

    /** The ticket ends: its state and end time; the counter that held it is freed. */
    private static void end(Connection c, OfficeEvent e, String state, long at, boolean finished) throws SQLException {
        exec(c, "UPDATE tickets SET state = ?, counter = COALESCE(?, counter), ended_at = ? WHERE ticket_id = ?",
                state, e.counter(), at, e.ticketId());
        if (finished) {
            exec(c, "UPDATE counters SET current_ticket = NULL, last_ticket = ? WHERE current_ticket = ?", e.ticketId(), e.ticketId());
        } else {
            exec(c, "UPDATE counters SET current_ticket = NULL WHERE current_ticket = ?", e.ticketId());
        }
    }

    private static void ensureTicket(Connection c, String ticketId, String day, String category, String number, Instant issuedAt,
                                     String transferredFrom) throws SQLException {
        exec(c, "INSERT OR IGNORE INTO tickets (ticket_id, office_day, category, number, state, issued_at, transferred_from) "
                + "VALUES (?, ?, ?, ?, 'WAITING', ?, ?)", ticketId, day, category, TicketNumber.parse(number).sequence(),
                issuedAt.toEpochMilli(), transferredFrom);
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }
}
