package tw.jiaohao.protocol.event;

import java.time.LocalDate;
import java.time.DateTimeException;
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
            isoDate(ticketId);
            TicketNumber.parse(ticketId.substring(11));
        } catch (DateTimeException | InvalidMessageException e) {
            throw new InvalidMessageException(field, "must look like 2026-11-22/A023");
        }
        return ticketId;
    }

    /**
     * The date {@code yyyy-MM-dd} at the start of {@code text}, read as {@link LocalDate#parse} reads it
     * (every event's constructor checks its ticket id: a formatter is a lot of code for ten characters).
     */
    private static LocalDate isoDate(String text) {
        if (text.charAt(4) != '-' || text.charAt(7) != '-') {
            throw new DateTimeException("not yyyy-MM-dd");
        }
        return LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10));
    }

    private static int digits(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new DateTimeException("not a digit: " + c);
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    public static String checkOptional(String field, String ticketId) {
        return ticketId == null ? null : check(field, ticketId);
    }
}
