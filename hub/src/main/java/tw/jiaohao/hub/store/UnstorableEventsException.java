package tw.jiaohao.hub.store;

import tw.jiaohao.hub.HubException;

/**
 * A write failed because of what it was given, not because of the database's condition: a
 * constraint or a rollup rule refused an event. Writing the same input again fails again, so
 * the caller must not retry it as it is; it splits the batch to find the event(s) at fault
 * and sets them aside ({@link HubStore#quarantine}). Nothing of the failed write is stored.
 */
public class UnstorableEventsException extends HubException {
    public UnstorableEventsException(String message, Throwable cause) {
        super(message, cause);
    }
}
