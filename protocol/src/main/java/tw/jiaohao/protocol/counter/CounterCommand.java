package tw.jiaohao.protocol.counter;

import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.OfficeScoped;
import tw.jiaohao.protocol.event.CategoryCode;
import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.protocol.event.TicketId;

/**
 * Counter unit → office node on {@code office/{office}/counter/{counter}/command} (QoS 1, not
 * retained). A request: the sender sets the MQTT 5 response topic and correlation data and
 * receives exactly one {@link CommandReply} there. Commands are executed one at a time per
 * office, in arrival order. A command sent while the office node is unreachable is not queued
 * by the sender: the counter unit shows "office node offline" after its timeout and the clerk
 * presses again, so a stale "call next" never fires minutes later.
 *
 * <p>{@code ticketId} names the ticket for RECALL, NO_SHOW, START, FINISH, TRANSFER and RATE
 * when the counter wants to be explicit (the node checks it is at this counter); null means
 * "the ticket at this counter now". CANCEL requires it. {@code targetCategory} is required for
 * TRANSFER, {@code rating} for RATE.
 */
public record CounterCommand(int v, String office, int counter, CommandAction action,
                             String ticketId, String targetCategory, Rating rating) implements OfficeScoped {
    public CounterCommand {
        Check.version(v);
        Check.identifier("office", office);
        Check.counter("counter", counter);
        Check.required("action", action);
        TicketId.checkOptional("ticketId", ticketId);
        CategoryCode.checkOptional("targetCategory", targetCategory);
        if (action == CommandAction.TRANSFER && targetCategory == null) {
            throw new InvalidMessageException("targetCategory", "missing; TRANSFER needs the category to send the customer to");
        }
        if (action == CommandAction.CANCEL && ticketId == null) {
            throw new InvalidMessageException("ticketId", "missing; CANCEL needs the ticket to withdraw");
        }
        if (action == CommandAction.RATE && rating == null) {
            throw new InvalidMessageException("rating", "missing; RATE needs one of VERY_SATISFIED, SATISFIED, NEUTRAL, DISSATISFIED");
        }
    }

    public static CounterCommand of(String office, int counter, CommandAction action) {
        return new CounterCommand(1, office, counter, action, null, null, null);
    }
}
