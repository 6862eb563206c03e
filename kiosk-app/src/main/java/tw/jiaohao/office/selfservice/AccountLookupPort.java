package tw.jiaohao.office.selfservice;

import java.time.Duration;
import tw.jiaohao.protocol.selfservice.AccountLookupReply;

/**
 * Port: asks the hub about an account ({@code hub/account/lookup}, MQTT 5 request/response).
 *
 * <p>Blocking: returns the hub's answer, or {@link Answer.Unreachable} when the node is not
 * connected to the broker or no answer came within {@code timeout}. Never throws for network
 * conditions. Thread-safe. Offline nothing is queued: a late answer is dropped.
 */
public interface AccountLookupPort {

    sealed interface Answer permits Answer.Replied, Answer.Unreachable {
        record Replied(AccountLookupReply reply) implements Answer {
        }

        record Unreachable(String why) implements Answer {
        }
    }

    /** @param houseNumber normalized, or null to ask without an address check */
    Answer lookup(String accountNumber, String houseNumber, Duration timeout);
}
