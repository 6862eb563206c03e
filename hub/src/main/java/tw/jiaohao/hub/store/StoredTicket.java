package tw.jiaohao.hub.store;

import java.time.Instant;
import java.util.Objects;
import tw.jiaohao.protocol.event.TicketState;

/**
 * One ticket as its stored events left it, for the public ticket page. {@code waitingAhead}:
 * tickets of the same office-day and category still waiting that were issued before it (a
 * transferred ticket keeps its original issue time); 0 unless the ticket is waiting.
 * {@code counter}: the counter that served it (null until known; the live state snapshot
 * tells which counter called it).
 */
public record StoredTicket(String office, String ticketId, String category, Instant issuedAt, Instant calledAt,
                           Instant finishedAt, Integer counter, TicketState state, int waitingAhead) {
    public StoredTicket {
        Objects.requireNonNull(office, "office");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(state, "state");
    }
}
