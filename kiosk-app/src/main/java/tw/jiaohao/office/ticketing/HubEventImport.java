package tw.jiaohao.office.ticketing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import tw.jiaohao.office.ticketing.lifecycle.Lifecycle;
import tw.jiaohao.office.ticketing.lifecycle.OfficeEvents;
import tw.jiaohao.office.ticketing.lifecycle.QueueState;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * Rebuilds the office's rows from one event it gets back from the hub: the event and its (sent)
 * outbox row are stored as they were, and the ticket and counter rows are changed by the same
 * fold the engine used when it first appended the event ({@link Lifecycle#apply}), inside the
 * caller's transaction. What events do not carry stays as the backup had it: whether a counter
 * is open, and a ticket's people-ahead/estimate only when its TICKET_ISSUED event is missing at
 * the hub.
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
        QueueState before = TicketStore.load(c, Arrays.asList(e.ticketId(), e.toTicketId()),
                e.counter() == null ? List.of() : List.of(e.counter()));
        TicketStore.save(c, before, Lifecycle.apply(before, OfficeEvents.from(e)));
    }
}
