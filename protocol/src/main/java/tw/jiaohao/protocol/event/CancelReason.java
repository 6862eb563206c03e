package tw.jiaohao.protocol.event;

/**
 * Why the office node closed a ticket by itself ({@link OfficeEvent#reason()} of a
 * {@link EventType#TICKET_CANCELLED} event). A ticket cancelled by a person has no reason.
 */
public enum CancelReason {
    /** Still waiting or called when the office closed ({@code office.closes-at}). */
    OFFICE_CLOSED,
    /** Still open when its office day ended (local midnight, or the first start of the node after it). */
    DAY_ENDED
}
