package tw.jiaohao.office.ticketing.lifecycle;

import java.time.Instant;
import java.util.Objects;
import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.protocol.event.TicketState;

/**
 * One ticket as the lifecycle knows it. Values only; {@link Lifecycle#apply} makes the next one.
 *
 * @param ref             who it is
 * @param state           where it is in its life
 * @param counter         the counter that called, served or ended it (null while it never was at one)
 * @param calledAt        when it was called (null before)
 * @param lastCalledAt    its last call or recall (null before it was called); from the event log,
 *                        not a column of its own
 * @param servingAt       when service started (null before)
 * @param endedAt         when it reached a final state (null before)
 * @param rating          the customer's rating (null when none)
 * @param peopleAhead     people waiting ahead of it at issue (null when not known, e.g. a transfer)
 * @param estimateMinutes the estimate printed on it (null when not known)
 * @param transferredFrom the ticket it was transferred from (null when issued at the kiosk)
 */
public record Ticket(TicketRef ref, TicketState state, Integer counter, Instant calledAt, Instant lastCalledAt,
                     Instant servingAt, Instant endedAt, Rating rating, Integer peopleAhead, Integer estimateMinutes,
                     String transferredFrom) {
    public Ticket {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(state, "state");
    }

    /** A WAITING ticket nobody has called yet. */
    public static Ticket waiting(TicketRef ref, Integer peopleAhead, Integer estimateMinutes, String transferredFrom) {
        return new Ticket(ref, TicketState.WAITING, null, null, null, null, null, null, peopleAhead, estimateMinutes,
                transferredFrom);
    }

    public String ticketId() {
        return ref.ticketId();
    }

    public String numberText() {
        return ref.numberText();
    }

    /** Its last call or recall: where an implied start is put, and what "next" measures from. */
    public Instant lastCall() {
        return lastCalledAt == null || calledAt != null && lastCalledAt.isBefore(calledAt) ? calledAt : lastCalledAt;
    }


    Ticket called(int by, Instant at) {
        return new Ticket(ref, TicketState.CALLED, by, at, at, servingAt, endedAt, rating, peopleAhead, estimateMinutes,
                transferredFrom);
    }

    Ticket recalled(Instant at) {
        return new Ticket(ref, state, counter, calledAt, at, servingAt, endedAt, rating, peopleAhead, estimateMinutes,
                transferredFrom);
    }

    Ticket serving(int by, Instant at) {
        return new Ticket(ref, TicketState.SERVING, by, calledAt, lastCalledAt, at, endedAt, rating, peopleAhead,
                estimateMinutes, transferredFrom);
    }

    Ticket ended(TicketState to, Integer by, Instant at) {
        return new Ticket(ref, to, by != null ? by : counter, calledAt, lastCalledAt, servingAt, at, rating, peopleAhead,
                estimateMinutes, transferredFrom);
    }

    Ticket rated(Rating r) {
        return new Ticket(ref, state, counter, calledAt, lastCalledAt, servingAt, endedAt, r, peopleAhead, estimateMinutes,
                transferredFrom);
    }

    Ticket estimated(Integer ahead, Integer estimate) {
        return new Ticket(ref, state, counter, calledAt, lastCalledAt, servingAt, endedAt, rating, ahead, estimate,
                transferredFrom);
    }
}
