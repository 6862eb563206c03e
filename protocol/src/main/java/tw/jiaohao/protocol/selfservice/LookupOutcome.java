package tw.jiaohao.protocol.selfservice;

/** How the hub answered an {@link AccountLookupRequest}. */
public enum LookupOutcome {
    /** The account is in the billing extract and active; {@code arrears} and {@code maskedAddress} are set. */
    FOUND,
    /** No such account in the billing extract: the customer should check the number on the bill. */
    NOT_FOUND,
    /** The account exists but is closed or already suspended: requests must go to a counter. */
    INACTIVE,
    /** The request was malformed; {@code message} says what. */
    INVALID
}
