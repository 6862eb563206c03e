package tw.jiaohao.protocol.selfservice;

import java.time.Instant;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;

/**
 * Hub → kiosk, on the response topic of an {@link AccountLookupRequest}, with its correlation
 * data. Exactly one reply per request.
 *
 * <p>For {@link LookupOutcome#FOUND}: {@code arrears} says whether the account owes anything
 * (never the amount), {@code maskedAddress} is the service address masked by
 * {@link tw.jiaohao.protocol.personal.AddressMask} — the road is kept so the customer recognises
 * it, lane, number and floor are hidden — and {@code addressMatch} is whether the requested
 * house number matches (null when none was sent, or when the address has no house number and
 * only staff can check it). {@code extractOf} is when the billing extract the answer comes
 * from was imported. For other outcomes those fields are absent and {@code message} says, in
 * Chinese and English, what the customer should do.
 *
 * <p>The reply never carries the full address, the holder's name or the arrears amount: anyone
 * can type an account number at a kiosk.
 */
public record AccountLookupReply(int v, String accountNumber, LookupOutcome outcome, Boolean arrears,
                                 String maskedAddress, Boolean addressMatch, Instant extractOf, String message) {
    public AccountLookupReply {
        Check.version(v);
        Check.required("accountNumber", accountNumber);
        Check.optionalText("accountNumber", accountNumber, 40);
        Check.required("outcome", outcome);
        Check.optionalText("maskedAddress", maskedAddress, 200);
        Check.optionalText("message", message, 300);
        if (outcome == LookupOutcome.FOUND) {
            Check.required("arrears", arrears);
            Check.text("maskedAddress", maskedAddress, 200);
        } else if (arrears != null || maskedAddress != null || addressMatch != null) {
            throw new InvalidMessageException("outcome", "only a FOUND reply carries arrears, maskedAddress and addressMatch");
        }
    }

    public static AccountLookupReply found(String accountNumber, boolean arrears, String maskedAddress, Boolean addressMatch, Instant extractOf) {
        return new AccountLookupReply(1, accountNumber, LookupOutcome.FOUND, arrears, maskedAddress, addressMatch, extractOf, null);
    }

    public static AccountLookupReply notFound(String accountNumber, LookupOutcome outcome, String message) {
        return new AccountLookupReply(1, accountNumber, outcome, null, null, null, null, message);
    }
}
