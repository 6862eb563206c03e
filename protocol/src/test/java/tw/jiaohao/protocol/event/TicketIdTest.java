package tw.jiaohao.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tw.jiaohao.protocol.InvalidMessageException;

/** Ticket ids: {@link TicketId#check} accepts exactly the ids whose date {@link LocalDate#parse} reads and whose number is valid. */
class TicketIdTest {
    @Test
    void acceptsExactlyWhatTheIsoDateParserAndTheNumberAccept() {
        Random r = new Random(7);
        String chars = "0123456789-/A+ ";
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder id = new StringBuilder();
            String day = r.nextBoolean() ? LocalDate.ofEpochDay(r.nextInt(3_000_000) - 700_000).toString() : "2026-11-22";
            for (int k = 0; k < 10; k++) {
                id.append(k < day.length() && r.nextInt(12) > 0 ? day.charAt(k) : chars.charAt(r.nextInt(chars.length())));
            }
            id.append(r.nextInt(20) > 0 ? '/' : 'x').append((char) ('A' + r.nextInt(26)));
            id.append(String.format("%03d", r.nextInt(1000)));
            String text = id.toString();
            boolean expected = text.length() == 15 && parses(text);
            boolean actual;
            try {
                TicketId.check("ticketId", text);
                actual = true;
            } catch (InvalidMessageException e) {
                actual = false;
            }
            assertThat(actual).as(text).isEqualTo(expected);
            accepted += actual ? 1 : 0;
        }
        assertThat(accepted).as("both outcomes drawn").isBetween(1_000, 199_000);
    }

    private static boolean parses(String text) {
        try {
            LocalDate.parse(text.substring(0, 10));
            TicketNumber.parse(text.substring(11));
            return text.charAt(10) == '/';
        } catch (DateTimeParseException | InvalidMessageException e) {
            return false;
        }
    }
}
