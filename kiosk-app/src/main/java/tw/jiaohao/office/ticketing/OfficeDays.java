package tw.jiaohao.office.ticketing;

import java.time.LocalDate;

/**
 * Office days as the store writes them ({@code 2026-12-05}), read back. Nearly every read is of
 * today, so the last text read and its date are kept: parsing a date costs microseconds on the
 * ticket's path. Threading: any thread. Failure: a text that is not an ISO date throws
 * {@link java.time.format.DateTimeParseException}, as {@link LocalDate#parse} does.
 */
final class OfficeDays {
    private record Parsed(String text, LocalDate day) {
    }

    private static volatile Parsed last = new Parsed("", null);

    private OfficeDays() {
    }

    static LocalDate parse(String text) {
        Parsed p = last;
        if (p.text().equals(text)) {
            return p.day();
        }
        LocalDate day = LocalDate.parse(text);
        last = new Parsed(text, day);
        return day;
    }
}
