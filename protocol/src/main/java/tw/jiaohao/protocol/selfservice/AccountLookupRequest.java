package tw.jiaohao.protocol.selfservice;

import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;

/**
 * Kiosk (office node) → hub on {@code hub/account/lookup} (QoS 1, not retained), an MQTT 5
 * request: the sender sets the response topic ({@code Topics.replyTo(client, "lookup")}) and
 * correlation data, and the hub sends exactly one {@link AccountLookupReply} there, with the
 * same correlation data. Look-ups are answered in any order and are read-only, so a repeated
 * request is harmless.
 *
 * <p>Offline: the requester does not queue a look-up. It waits for its timeout (office node key
 * {@code selfservice.lookup-timeout-ms}, default 3000) and then takes the request as
 * "not yet verified"; the hub verifies it when the request arrives.
 *
 * <p>{@code houseNumber} is optional: without it the hub answers with the masked address; with
 * it (normalized by {@link HouseNumber#normalize}) the reply also says whether it matches the
 * account's service address. The house number is the only part of an address a kiosk ever
 * sends, and it is never logged.
 *
 * @param office  the asking office (for the hub's counters and rate limits; the topic is shared)
 * @param device  the asking device
 */
public record AccountLookupRequest(int v, String office, String device, String accountNumber, String houseNumber) {
    public AccountLookupRequest {
        Check.version(v);
        Check.identifier("office", office);
        Check.identifier("device", device);
        AccountNumber.check("accountNumber", accountNumber);
        if (houseNumber != null && HouseNumber.normalize(houseNumber).filter(houseNumber::equals).isEmpty()) {
            throw new InvalidMessageException("houseNumber", "must be a normalized house number such as 5 or 5-1");
        }
    }

    public static AccountLookupRequest of(String office, String device, String accountNumber, String houseNumber) {
        return new AccountLookupRequest(1, office, device, accountNumber, houseNumber);
    }
}
