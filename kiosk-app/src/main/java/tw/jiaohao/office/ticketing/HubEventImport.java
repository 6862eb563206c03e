package tw.jiaohao.office.ticketing;

import java.sql.Connection;
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
        EventLog.store(c, e, payload, nowMillis);
        QueueState before = TicketStore.load(c, Arrays.asList(e.ticketId(), e.toTicketId()),
                e.counter() == null ? List.of() : List.of(e.counter()));
        TicketStore.save(c, before, Lifecycle.apply(before, OfficeEvents.from(e)));
    }
}
