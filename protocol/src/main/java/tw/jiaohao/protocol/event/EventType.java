package tw.jiaohao.protocol.event;

/** What an {@link OfficeEvent} records. */
public enum EventType {
    /** A ticket was issued; carries people ahead and the waiting estimate given to the customer. */
    TICKET_ISSUED,
    /** A counter called the ticket (the first call; waiting time ends here). */
    TICKET_CALLED,
    /** The counter called the same ticket again (does not restart waiting time). */
    TICKET_RECALLED,
    /** The customer did not come to the counter. */
    TICKET_NO_SHOW,
    /** The customer sat down; service time starts. */
    SERVICE_STARTED,
    /** Service ended; service time ends. */
    SERVICE_FINISHED,
    /** The customer was sent to another service: carries the new ticket ({@code to*} fields). */
    TICKET_TRANSFERRED,
    /** A waiting ticket was withdrawn. */
    TICKET_CANCELLED,
    /** The customer rated the service of the ticket. */
    RATING_RECORDED,
    /** Something the duty manager must see (a dissatisfied rating, …); {@code alert} says what. */
    ALERT_RAISED;

    /** Events that need the counter that acted. */
    public boolean needsCounter() {
        return switch (this) {
            case TICKET_CALLED, TICKET_RECALLED, TICKET_NO_SHOW, SERVICE_STARTED, SERVICE_FINISHED -> true;
            default -> false;
        };
    }
}
