package tw.jiaohao.office.ticketing;

import tw.jiaohao.protocol.counter.ReplyCode;
import tw.jiaohao.protocol.event.Rating;

/**
 * The outcome of a rating from the kiosk's rating screen. {@code code} is OK, UNKNOWN_TICKET,
 * INVALID_STATE (not served yet), ALREADY_RATED (one rating per ticket) or STORE_FAILED;
 * {@code message} is "zh / en" for anything but OK.
 */
public record RatingResult(ReplyCode code, String message, String ticketId, Rating rating) {
    public boolean ok() {
        return code == ReplyCode.OK;
    }
}
