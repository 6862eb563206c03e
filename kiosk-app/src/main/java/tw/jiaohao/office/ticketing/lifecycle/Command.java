package tw.jiaohao.office.ticketing.lifecycle;

import java.time.Instant;
import java.util.Objects;
import tw.jiaohao.protocol.event.CancelReason;
import tw.jiaohao.protocol.event.Rating;

/**
 * What someone asks of a ticket or a counter. Everything the rules need from outside the queue
 * state comes in the command: the time ({@code at}, already stamped so it never goes back), which
 * ticket the call order picked, whether the clock may be trusted, the next free number.
 */
public sealed interface Command {
    /** When the command happens. */
    Instant at();

    /** A ticket is issued at the kiosk: {@code ticket} is new (its issue time is {@code at}). */
    record Issue(TicketRef ticket, int peopleAhead, int estimateMinutes, Integer estimateLow, Integer estimateHigh)
            implements Command {
        public Issue {
            Objects.requireNonNull(ticket, "ticket");
        }

        @Override
        public Instant at() {
            return ticket.issuedAt();
        }
    }

    /** A counter opens. */
    record Open(int counter, Instant at) implements Command {
    }

    /** A counter closes; refused while it holds a ticket. */
    record Close(int counter, Instant at) implements Command {
    }

    /**
     * The counter's "next": ends the ticket still at the counter as {@link NextPress} decides,
     * then calls {@code next}, the WAITING ticket the call order picked (null when nobody waits).
     * Refused when the clock cannot be trusted to number the day ({@code clockTrusted} false).
     */
    record CallNext(int counter, String next, boolean clockTrusted, Instant at) implements Command {
    }

    /** Calls the counter's CALLED ticket again ({@code ticketId} null: the counter's current). */
    record Recall(int counter, String ticketId, Instant at) implements Command {
    }

    /** The counter's CALLED ticket did not come. */
    record NoShow(int counter, String ticketId, Instant at) implements Command {
    }

    /** Service of the counter's CALLED ticket starts. */
    record Start(int counter, String ticketId, Instant at) implements Command {
    }

    /** Service of the counter's ticket ends (a CALLED one is started implicitly at its last call). */
    record Finish(int counter, String ticketId, Instant at) implements Command {
    }

    /**
     * The counter's CALLED or SERVING ticket moves to {@code target}: it ends TRANSFERRED and a
     * WAITING ticket numbered {@code toNumber} (null: the day has no number left) keeps its issue
     * time. {@code targetKnown} says whether the office has the category.
     */
    record Transfer(int counter, String ticketId, String target, boolean targetKnown, Integer toNumber, Instant at)
            implements Command {
    }

    /** A WAITING ticket is cancelled at a counter. */
    record Cancel(int counter, String ticketId, Instant at) implements Command {
    }

    /**
     * A rating keyed at a counter, for {@code ticketId} (served at this counter) or, when null,
     * for the ticket being served here, else the last one finished here.
     */
    record RateAtCounter(int counter, String ticketId, Rating rating, Instant at) implements Command {
        public RateAtCounter {
            Objects.requireNonNull(rating, "rating");
        }
    }

    /** A rating for a ticket, from the kiosk or a phone. */
    record Rate(String ticketId, Rating rating, Instant at) implements Command {
        public Rate {
            Objects.requireNonNull(rating, "rating");
        }
    }

    /**
     * The end of the office day closes a WAITING, CALLED or SERVING ticket with {@code reason};
     * the event is not stamped before the ticket's issue time (a clock set back).
     */
    record CloseLeftover(String ticketId, CancelReason reason, Instant at) implements Command {
        public CloseLeftover {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
