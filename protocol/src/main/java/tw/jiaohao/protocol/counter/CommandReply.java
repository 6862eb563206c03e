package tw.jiaohao.protocol.counter;

import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.OfficeScoped;
import tw.jiaohao.protocol.state.StateSnapshot.TicketView;

/**
 * Office node → counter unit, on the response topic the command named, with its correlation
 * data. Exactly one reply per command. {@code ok} is true only for {@link ReplyCode#OK}; then
 * {@code ticket} is the ticket the command acted on (for CALL_NEXT: the ticket called).
 * Otherwise {@code message} tells the clerk plainly what happened and what to do, in
 * Traditional Chinese and English separated by " / ".
 */
public record CommandReply(int v, String office, int counter, CommandAction action, ReplyCode code,
                           String message, TicketView ticket) implements OfficeScoped {
    public CommandReply {
        Check.version(v);
        Check.identifier("office", office);
        Check.counter("counter", counter);
        Check.required("code", code);
        Check.optionalText("message", message, 300);
    }

    public boolean ok() {
        return code == ReplyCode.OK;
    }

    public static CommandReply ok(String office, int counter, CommandAction action, TicketView ticket) {
        return new CommandReply(1, office, counter, action, ReplyCode.OK, null, ticket);
    }

    public static CommandReply error(String office, int counter, CommandAction action, ReplyCode code, String message) {
        return new CommandReply(1, office, counter, action, code, message, null);
    }
}
