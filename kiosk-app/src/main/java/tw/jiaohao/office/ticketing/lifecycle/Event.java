package tw.jiaohao.office.ticketing.lifecycle;

import java.time.Instant;
import java.util.Objects;
import tw.jiaohao.protocol.event.CancelReason;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.Rating;

/**
 * What happened. {@link Lifecycle#decide} produces events, {@link Lifecycle#apply} folds them.
 * {@link TicketEvent}s are the office's event log (one {@code OfficeEvent} each, see
 * {@link OfficeEvents}); {@link CounterEvent}s change only the counter rows and are not logged.
 */
public sealed interface Event {
    Instant at();

    /** An event of the office's log: it names its ticket and has an {@link EventType}. */
    sealed interface TicketEvent extends Event {
        TicketRef ticket();

        EventType type();

        /** The counter it happened at, or null (issue, end of day). */
        Integer counter();
    }

    /** Opening or closing a counter: not in the event log. */
    sealed interface CounterEvent extends Event {
        int counter();
    }

    record Issued(TicketRef ticket, Integer peopleAhead, Integer estimateMinutes, Integer estimateLow, Integer estimateHigh,
                  Instant at) implements TicketEvent {
        public Issued {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public EventType type() {
            return EventType.TICKET_ISSUED;
        }

        @Override
        public Integer counter() {
            return null;
        }
    }

    record Called(TicketRef ticket, Integer counter, Instant at) implements TicketEvent {
        public Called {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(counter, "counter");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public EventType type() {
            return EventType.TICKET_CALLED;
        }
    }

    record Recalled(TicketRef ticket, Integer counter, Instant at) implements TicketEvent {
        public Recalled {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public EventType type() {
            return EventType.TICKET_RECALLED;
        }
    }

    record NoShown(TicketRef ticket, Integer counter, Instant at) implements TicketEvent {
        public NoShown {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public EventType type() {
            return EventType.TICKET_NO_SHOW;
        }
    }

    record Started(TicketRef ticket, Integer counter, Instant at) implements TicketEvent {
        public Started {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(counter, "counter");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public EventType type() {
            return EventType.SERVICE_STARTED;
        }
    }

    record Finished(TicketRef ticket, Integer counter, Instant at) implements TicketEvent {
        public Finished {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public EventType type() {
            return EventType.SERVICE_FINISHED;
        }
    }

    /** {@code ticket} ends TRANSFERRED; {@code to} is new and WAITING with the same issue time. */
    record Transferred(TicketRef ticket, Integer counter, TicketRef to, Instant at) implements TicketEvent {
        public Transferred {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public EventType type() {
            return EventType.TICKET_TRANSFERRED;
        }
    }

    /** Cancelled at {@code counter} (reason null), or by the end of the office day (counter null, a reason). */
    record Cancelled(TicketRef ticket, Integer counter, CancelReason reason, Instant at) implements TicketEvent {
        public Cancelled {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public EventType type() {
            return EventType.TICKET_CANCELLED;
        }
    }

    record Rated(TicketRef ticket, Integer counter, Rating rating, Instant at) implements TicketEvent {
        public Rated {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(rating, "rating");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public EventType type() {
            return EventType.RATING_RECORDED;
        }
    }

    /** A rating that asks for a supervisor ({@link Rating#raisesAlert()}); the text is the log's, not the rules'. */
    record AlertRaised(TicketRef ticket, Integer counter, Rating rating, Instant at) implements TicketEvent {
        public AlertRaised {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public EventType type() {
            return EventType.ALERT_RAISED;
        }
    }

    record CounterOpened(int counter, Instant at) implements CounterEvent {
    }

    record CounterClosed(int counter, Instant at) implements CounterEvent {
    }
}
