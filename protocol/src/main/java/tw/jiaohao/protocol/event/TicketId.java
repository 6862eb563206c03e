package tw.jiaohao.protocol.event;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import tw.jiaohao.protocol.InvalidMessageException;

/**
 * A ticket's identity within its office: {@code {officeDay}/{ticketNumber}}, e.g.
 * {@code 2026-11-22/A023}. Numbers restart every office-day, so the day makes them unique.
 */
public final class TicketId {
    private TicketId() {
    }

    public static String of(LocalDate officeDay, String ticketNumber) {
        return officeDay + "/" + ticketNumber;
    }

    public static String of(LocalDate officeDay, TicketNumber number) {
        return of(officeDay, number.toString());
    }

    public static LocalDate day(String ticketId) {
        return LocalDate.parse(check("ticketId", ticketId).substring(0, 10));
    }

    public static String number(String ticketId) {
        return check("ticketId", ticketId).substring(11);
    }

    public static String check(String field, String ticketId) {
        if (ticketId == null) {
            throw new InvalidMessageException(field, "missing");
        }
        if (ticketId.length() != 15 || ticketId.charAt(10) != '/') {
            throw new InvalidMessageException(field, "must look like 2026-11-22/A023");
        }
        try {
            LocalDate.parse(ticketId.substring(0, 10));
            TicketNumber.parse(ticketId.substring(11));
        } catch (DateTimeParseException | InvalidMessageException e) {
            throw new InvalidMessageException(field, "must look like 2026-11-22/A023");
        }
        return ticketId;
    }

    public static String checkOptional(String field, String ticketId) {
        return ticketId == null ? null : check(field, ticketId);
    }
}
