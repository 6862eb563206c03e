package tw.jiaohao.office.ticketing.lifecycle;

import java.time.Duration;
import java.time.Instant;
import tw.jiaohao.protocol.event.TicketState;

/**
 * What the counter's one "next" press does to the ticket still at the counter, before the next
 * ticket is called. Pure: the caller reads the ticket and applies the outcome.
 *
 * <p>The rule (docs/office-node/QUEUE.md, "Call next"): a SERVING ticket is finished; a ticket
 * still CALLED is taken as served (its start implied at its last call or recall) unless the
 * press comes less than {@link #NO_SHOW_WITHIN} after that call or recall — nobody is served
 * that fast, so the clerk is giving up on a customer who did not come: no-show. The explicit
 * no-show key is always there for a customer who does not come after a longer wait.
 */
public final class NextPress {
    /** A "next" this soon after the last call or recall of a CALLED ticket marks it no-show. */
    public static final Duration NO_SHOW_WITHIN = Duration.ofSeconds(30);

    /** What happens to the ticket at the counter. */
    public enum Outcome {
        /** Nothing at the counter (or nothing that "next" may end): just call. */
        NOTHING,
        /** Served: started (implicitly, at its last call) and finished now. */
        SERVED,
        /** The customer did not come. */
        NO_SHOW
    }

    private NextPress() {
    }

    /**
     * @param state      the state of the ticket at the counter, or null when there is none
     * @param lastCalled its last call or recall (needed for CALLED)
     * @param now        the press
     */
    public static Outcome decide(TicketState state, Instant lastCalled, Instant now) {
        if (state == TicketState.SERVING) {
            return Outcome.SERVED;
        }
        if (state != TicketState.CALLED) {
            return Outcome.NOTHING;
        }
        return Duration.between(lastCalled, now).compareTo(NO_SHOW_WITHIN) < 0 ? Outcome.NO_SHOW : Outcome.SERVED;
    }
}
