package tw.jiaohao.office.ticketing.lifecycle;

import java.util.List;
import java.util.Objects;
import tw.jiaohao.protocol.counter.ReplyCode;
import tw.jiaohao.protocol.event.TicketState;

/** What {@link Lifecycle#decide} answers: the events that happen, or why nothing does. */
public sealed interface Decision {
    /**
     * @param events  what happens, in order (never empty)
     * @param subject the ticket the reply shows (the called, ended, new or rated one), or null for
     *                counter commands
     */
    record Accepted(List<Event> events, String subject) implements Decision {
        public Accepted {
            events = List.copyOf(events);
            if (events.isEmpty()) {
                throw new IllegalArgumentException("an accepted command has events");
            }
        }
    }

    /**
     * Nothing happens. The fields name what the reason's text needs; unused ones are null.
     *
     * @param reason   why
     * @param ticket   the ticket's number (e.g. A023) or, for {@link Reason#UNKNOWN_TICKET}, the id asked for
     * @param state    the ticket's state ({@link Reason#INVALID_STATE})
     * @param action   the action refused ({@link Reason#INVALID_STATE})
     * @param category the category asked for (transfers)
     */
    record Refused(Reason reason, String ticket, TicketState state, String action, String category) implements Decision {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }

        static Refused of(Reason reason) {
            return new Refused(reason, null, null, null, null);
        }

        static Refused ticket(Reason reason, String ticket) {
            return new Refused(reason, ticket, null, null, null);
        }

        static Refused category(Reason reason, String category) {
            return new Refused(reason, null, null, null, category);
        }

        static Refused state(Ticket t, String action) {
            return new Refused(Reason.INVALID_STATE, t.numberText(), t.state(), action, null);
        }
    }

    /** Why a command is refused, and the reply code it is answered with. */
    enum Reason {
        UNKNOWN_COUNTER(ReplyCode.UNKNOWN_COUNTER),
        COUNTER_CLOSED(ReplyCode.COUNTER_CLOSED),
        /** CLOSE while the counter holds a ticket. */
        BUSY_CLOSE(ReplyCode.BUSY),
        /** "next" too soon to end the ticket at the counter. */
        BUSY_CALL(ReplyCode.BUSY),
        CLOCK_UNTRUSTED(ReplyCode.INVALID_STATE),
        NOBODY_WAITING(ReplyCode.NOBODY_WAITING),
        NO_CURRENT_TICKET(ReplyCode.NO_CURRENT_TICKET),
        NOT_AT_THIS_COUNTER(ReplyCode.NOT_AT_THIS_COUNTER),
        UNKNOWN_TICKET(ReplyCode.UNKNOWN_TICKET),
        INVALID_STATE(ReplyCode.INVALID_STATE),
        UNKNOWN_CATEGORY(ReplyCode.UNKNOWN_CATEGORY),
        SAME_CATEGORY(ReplyCode.INVALID_STATE),
        DAY_FULL(ReplyCode.INVALID_STATE),
        NOT_SERVED_YET(ReplyCode.INVALID_STATE),
        ALREADY_RATED(ReplyCode.ALREADY_RATED),
        /** An issue of a ticket id that exists. */
        ALREADY_ISSUED(ReplyCode.INVALID_STATE);

        private final ReplyCode code;

        Reason(ReplyCode code) {
            this.code = code;
        }

        public ReplyCode code() {
            return code;
        }
    }
}
