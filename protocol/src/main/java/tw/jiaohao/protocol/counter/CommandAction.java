package tw.jiaohao.protocol.counter;

/** What a counter asks the office node to do. */
public enum CommandAction {
    /** Call the next ticket for this counter's profile. Fails with NOBODY_WAITING when the queue is empty. */
    CALL_NEXT,
    /** Call the current (CALLED) ticket again. */
    RECALL,
    /** The called customer did not come. */
    NO_SHOW,
    /** The called customer sat down. */
    START,
    /** Service ended. */
    FINISH,
    /** Send the current customer to {@code targetCategory}; a new ticket keeps the original issue time. */
    TRANSFER,
    /** Withdraw a WAITING ticket ({@code ticketId} required). */
    CANCEL,
    /** Record the customer's rating of the current or just-finished ticket ({@code rating} required). */
    RATE,
    /** Open the counter for calls. */
    OPEN,
    /** Close the counter; it is skipped in estimates. */
    CLOSE,
    /**
     * Staff confirm on site what the office node waits for before it issues and calls: that
     * today's date on its clock is right (a clock it cannot trust), and that its database is to be
     * used as it is (emptied or restored, and head office cannot give its history back). Refused
     * with INVALID_STATE when the node waits for nothing.
     */
    CONFIRM
}
