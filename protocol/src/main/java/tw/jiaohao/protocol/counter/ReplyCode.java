package tw.jiaohao.protocol.counter;

/** The outcome of a {@link CounterCommand}; anything but OK comes with a message saying what to do. */
public enum ReplyCode {
    OK,
    /** The counter number is not configured in this office. */
    UNKNOWN_COUNTER,
    /** CALL_NEXT found no ticket this counter serves. */
    NOBODY_WAITING,
    /** The command needs a ticket at this counter and there is none. */
    NO_CURRENT_TICKET,
    /** The ticket named is at another counter (or at none). */
    NOT_AT_THIS_COUNTER,
    /** No such ticket today. */
    UNKNOWN_TICKET,
    /** The ticket's state does not allow this command (e.g. FINISH before START). */
    INVALID_STATE,
    /** TRANSFER to a category the office does not have. */
    UNKNOWN_CATEGORY,
    /** The ticket was rated already; one rating per ticket. */
    ALREADY_RATED,
    /** The counter must finish its current ticket before calling the next. */
    BUSY,
    /** The counter is closed. */
    COUNTER_CLOSED,
    /** The payload could not be read; the message says what is wrong. */
    MALFORMED,
    /** The office node failed to store the change; nothing changed. Try again. */
    STORE_FAILED
}
