package tw.jiaohao.protocol.event;

/**
 * A ticket's life: WAITING → CALLED → SERVING → DONE; CALLED → NO_SHOW;
 * WAITING|CALLED → TRANSFERRED (a new ticket in the target category keeps the original
 * issue time); WAITING → CANCELLED.
 */
public enum TicketState {
    WAITING, CALLED, SERVING, DONE, NO_SHOW, TRANSFERRED, CANCELLED;

    /** True once the ticket can no longer change. */
    public boolean isFinal() {
        return this == DONE || this == NO_SHOW || this == TRANSFERRED || this == CANCELLED;
    }
}
