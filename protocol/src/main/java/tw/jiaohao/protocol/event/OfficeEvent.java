package tw.jiaohao.protocol.event;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.OfficeScoped;

/**
 * One state change of an office's queue, published on {@code office/{office}/event} (QoS 1).
 *
 * <p>Ordering: {@code seq} is the office's gap-free, strictly increasing sequence, assigned in
 * the same SQLite transaction as the change. The office node publishes events in {@code seq}
 * order and resends after a reconnect, so the hub may see an event more than once; it stores
 * {@code (office, seq)} once and asks for a replay ({@link tw.jiaohao.protocol.event.ReplayRequest})
 * when it sees a gap. {@code eventId} is globally unique and stable across resends.
 *
 * <p>Every event is about one ticket and is self-contained: it carries the ticket's id,
 * number, category, office-day and original issue time ({@code issuedAt}, kept across a
 * transfer), so a consumer can compute waiting time from a single event.
 * Type-specific fields: {@code counter} (who acted; required for calls, no-shows, start and
 * finish), {@code peopleAhead}/{@code estimateMinutes} (TICKET_ISSUED: the median wait in minutes),
 * {@code estimateLowMinutes}/{@code estimateHighMinutes} (TICKET_ISSUED, optional, both or
 * neither: the 10th and 90th percentiles of the forecast wait, so the range is meant to hold 80 %
 * of actual waits; absent when no open counter served the category at issue — then no wait was
 * promised and {@code estimateMinutes} is what the wait would be once its counters open — and
 * from nodes that predate them), {@code toCategory},
 * {@code toTicketId}, {@code toTicketNumber} (TICKET_TRANSFERRED), {@code rating}
 * (RATING_RECORDED and a rating's ALERT_RAISED), {@code alert} (ALERT_RAISED: what it is about),
 * {@code reason} (TICKET_CANCELLED only: why the node closed the ticket itself; null when a
 * person cancelled it). Fields a type does not use are null and omitted from JSON; consumers
 * that predate a field ignore it.
 */
public record OfficeEvent(
        int v,
        UUID eventId,
        String office,
        long seq,
        EventType type,
        Instant at,
        LocalDate officeDay,
        String ticketId,
        String ticketNumber,
        String category,
        Instant issuedAt,
        Integer counter,
        Integer peopleAhead,
        Integer estimateMinutes,
        String toCategory,
        String toTicketId,
        String toTicketNumber,
        Rating rating,
        String alert,
        CancelReason reason,
        Integer estimateLowMinutes,
        Integer estimateHighMinutes) implements OfficeScoped {

    /** An event without an estimate range (every type but a TICKET_ISSUED with one). */
    public OfficeEvent(int v, UUID eventId, String office, long seq, EventType type, Instant at, LocalDate officeDay,
                       String ticketId, String ticketNumber, String category, Instant issuedAt, Integer counter,
                       Integer peopleAhead, Integer estimateMinutes, String toCategory, String toTicketId,
                       String toTicketNumber, Rating rating, String alert, CancelReason reason) {
        this(v, eventId, office, seq, type, at, officeDay, ticketId, ticketNumber, category, issuedAt, counter, peopleAhead,
                estimateMinutes, toCategory, toTicketId, toTicketNumber, rating, alert, reason, null, null);
    }

    /** An event without a cancel reason (every type but the node's own TICKET_CANCELLED). */
    public OfficeEvent(int v, UUID eventId, String office, long seq, EventType type, Instant at, LocalDate officeDay,
                       String ticketId, String ticketNumber, String category, Instant issuedAt, Integer counter,
                       Integer peopleAhead, Integer estimateMinutes, String toCategory, String toTicketId,
                       String toTicketNumber, Rating rating, String alert) {
        this(v, eventId, office, seq, type, at, officeDay, ticketId, ticketNumber, category, issuedAt, counter, peopleAhead,
                estimateMinutes, toCategory, toTicketId, toTicketNumber, rating, alert, null, null, null);
    }

    public OfficeEvent {
        Check.version(v);
        Check.required("eventId", eventId);
        Check.identifier("office", office);
        Check.positive("seq", seq);
        Check.required("type", type);
        Check.required("at", at);
        Check.required("officeDay", officeDay);
        TicketId.check("ticketId", ticketId);
        TicketNumber.check("ticketNumber", ticketNumber);
        CategoryCode.check("category", category);
        if (ticketNumber.charAt(0) != category.charAt(0)) {
            throw new InvalidMessageException("ticketNumber", "must start with its category letter " + category);
        }
        if (!ticketId.equals(TicketId.of(officeDay, ticketNumber))) {
            throw new InvalidMessageException("ticketId", "must be officeDay/ticketNumber, i.e. " + TicketId.of(officeDay, ticketNumber));
        }
        Check.required("issuedAt", issuedAt);
        if (issuedAt.isAfter(at)) {
            throw new InvalidMessageException("issuedAt", "must not be later than at");
        }
        Check.optionalCounter("counter", counter);
        if (type.needsCounter()) {
            Check.required("counter", counter);
        }
        Check.optionalNonNegative("peopleAhead", peopleAhead);
        Check.optionalNonNegative("estimateMinutes", estimateMinutes);
        if (type == EventType.TICKET_ISSUED) {
            Check.required("peopleAhead", peopleAhead);
            Check.required("estimateMinutes", estimateMinutes);
        }
        if ((estimateLowMinutes == null) != (estimateHighMinutes == null)) {
            throw new InvalidMessageException("estimateLowMinutes", "estimateLowMinutes and estimateHighMinutes come together");
        }
        if (estimateLowMinutes != null) {
            if (type != EventType.TICKET_ISSUED) {
                throw new InvalidMessageException("estimateLowMinutes", "only a TICKET_ISSUED event has an estimate range");
            }
            if (estimateLowMinutes < 0 || estimateLowMinutes > estimateMinutes || estimateHighMinutes < estimateMinutes) {
                throw new InvalidMessageException("estimateLowMinutes", "the range must hold the estimate: 0 ≤ low ≤ estimateMinutes ≤ high, got "
                        + estimateLowMinutes + " ≤ " + estimateMinutes + " ≤ " + estimateHighMinutes);
            }
        }
        CategoryCode.checkOptional("toCategory", toCategory);
        TicketId.checkOptional("toTicketId", toTicketId);
        if (toTicketNumber != null) {
            TicketNumber.check("toTicketNumber", toTicketNumber);
        }
        if (type == EventType.TICKET_TRANSFERRED) {
            Check.required("toCategory", toCategory);
            Check.required("toTicketId", toTicketId);
            Check.required("toTicketNumber", toTicketNumber);
            if (toTicketNumber.charAt(0) != toCategory.charAt(0)) {
                throw new InvalidMessageException("toTicketNumber", "must start with its category letter " + toCategory);
            }
        }
        if (type == EventType.RATING_RECORDED) {
            Check.required("rating", rating);
        }
        Check.optionalText("alert", alert, 200);
        if (type == EventType.ALERT_RAISED) {
            Check.text("alert", alert, 200);
        }
        if (reason != null && type != EventType.TICKET_CANCELLED) {
            throw new InvalidMessageException("reason", "only a TICKET_CANCELLED event has a reason");
        }
    }

    /** Events are identified across the system by office and sequence. */
    public String key() {
        return office + "#" + seq;
    }
}
