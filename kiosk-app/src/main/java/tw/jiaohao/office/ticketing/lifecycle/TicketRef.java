package tw.jiaohao.office.ticketing.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import tw.jiaohao.protocol.event.TicketId;
import tw.jiaohao.protocol.event.TicketNumber;

/**
 * Who a ticket is, as every ticket event names it: enough to create the ticket when the event is
 * the first one seen about it (an event from the hub whose TICKET_ISSUED is missing).
 *
 * @param officeDay the office day it was numbered in
 * @param category  its category code (one letter)
 * @param number    1..{@link TicketNumber#MAX_SEQUENCE} within the day and category
 * @param issuedAt  the original issue time (kept across a transfer)
 */
public record TicketRef(LocalDate officeDay, String category, int number, Instant issuedAt) {
    public TicketRef {
        Objects.requireNonNull(officeDay, "officeDay");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (category == null || category.length() != 1) {
            throw new IllegalArgumentException("category must be one letter: " + category);
        }
        if (number < 1 || number > TicketNumber.MAX_SEQUENCE) {
            throw new IllegalArgumentException("number out of range: " + number);
        }
    }

    /** The ticket's id, e.g. {@code 2026-11-22/A023}. */
    public String ticketId() {
        return TicketId.of(officeDay, new TicketNumber(category.charAt(0), number));
    }

    /** The number as printed, e.g. {@code A023}. */
    public String numberText() {
        return new TicketNumber(category.charAt(0), number).toString(); // not String.format: several times per issue
    }

    /** The ref of a ticket id with its issue time. */
    public static TicketRef of(String ticketId, Instant issuedAt) {
        TicketNumber n = TicketNumber.parse(TicketId.number(ticketId));
        return new TicketRef(TicketId.day(ticketId), String.valueOf(n.category()), n.sequence(), issuedAt);
    }
}
