package tw.jiaohao.hub.stats;

import java.time.Instant;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.protocol.event.TicketState;

/**
 * What the hub knows about one ticket, built from its events in whatever order they arrive
 * (a replayed gap brings older events after newer ones). {@code state} is the state after the
 * ticket's event with the highest sequence seen so far ({@code stateSeq}); the times are the
 * first of each kind. {@code serviceCounted} records that the service time has gone into
 * the rollups, so it is counted once whichever of start and finish arrives last.
 */
public record TicketFacts(String office, String ticketId, String category, Instant issuedAt,
                          Instant calledAt, Instant startedAt, Instant finishedAt, Integer serviceCounter,
                          boolean serviceCounted, TicketState state, long stateSeq) {
    public TicketFacts {
        if (office == null || ticketId == null || category == null || issuedAt == null || state == null) {
            throw new HubException("ticket facts need office, ticketId, category, issuedAt and state");
        }
    }

    /** A ticket first seen through {@code seq}, in {@code state}. */
    public static TicketFacts first(String office, String ticketId, String category, Instant issuedAt, TicketState state, long seq) {
        return new TicketFacts(office, ticketId, category, issuedAt, null, null, null, null, false, state, seq);
    }

    /** The state after an event at {@code seq}, unless a later event already set it. */
    public TicketFacts withState(TicketState next, long seq) {
        return seq > stateSeq
                ? new TicketFacts(office, ticketId, category, issuedAt, calledAt, startedAt, finishedAt, serviceCounter, serviceCounted, next, seq)
                : this;
    }

    public TicketFacts withCalledAt(Instant at) {
        return new TicketFacts(office, ticketId, category, issuedAt, at, startedAt, finishedAt, serviceCounter, serviceCounted, state, stateSeq);
    }

    public TicketFacts withStartedAt(Instant at) {
        return new TicketFacts(office, ticketId, category, issuedAt, calledAt, at, finishedAt, serviceCounter, serviceCounted, state, stateSeq);
    }

    public TicketFacts withFinishedAt(Instant at, int counter) {
        return new TicketFacts(office, ticketId, category, issuedAt, calledAt, startedAt, at, counter, serviceCounted, state, stateSeq);
    }

    public TicketFacts withServiceCounted() {
        return new TicketFacts(office, ticketId, category, issuedAt, calledAt, startedAt, finishedAt, serviceCounter, true, state, stateSeq);
    }
}
