package tw.jiaohao.office.kiosk;

import java.util.Objects;

/**
 * The engine's answer to a rating from the kiosk's rating screen.
 *
 * @param outcome what happened
 * @param detail  the engine's own message (for logs; the screen uses its bundle text for {@code outcome})
 */
public record RatingReply(Outcome outcome, String detail) {
    public RatingReply {
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }

    /** The outcomes the screen tells apart; each has a text {@code rating.<name in lower case>} in the bundles. */
    public enum Outcome {
        /** Recorded. */
        ACCEPTED,
        /** This ticket already has its one rating. */
        ALREADY_RATED,
        /** No such ticket today. */
        UNKNOWN_TICKET,
        /** The ticket has not been served yet. */
        NOT_SERVED_YET,
        /** The store failed; nothing was recorded, the customer may try again. */
        FAILED
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
