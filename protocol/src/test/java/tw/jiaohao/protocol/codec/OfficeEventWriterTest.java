package tw.jiaohao.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.event.CancelReason;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.protocol.event.TicketId;

/**
 * The event writer ({@link OfficeEventWriter}) against the codec's data-binding path: the same
 * bytes for random valid events of every type and every optional field, with texts that need
 * escaping, and the record's components written in order, none left out.
 */
class OfficeEventWriterTest {
    private static final String[] TEXTS = {"客人不滿意 3 號櫃台", "quote \" and \\ backslash", "tab\tnew\nline\r\u0001\u001f",
            "emoji 😀 and ／ full-width", "", "a/b <c> & 'd'", "\u2028\u2029"};
    private final JsonCodec codec = new JsonCodec();

    @Test
    void writesTheRecordsComponentsInOrder_noneLeftOut() {
        String[] components = Arrays.stream(OfficeEvent.class.getRecordComponents()).map(c -> c.getName()).toArray(String[]::new);
        assertThat(OfficeEventWriter.FIELDS).containsExactly(components);
    }

    @Test
    void randomEventsOfEveryType_encodeToTheSameBytesAsDataBinding() {
        Random random = new Random(20261205);
        int[] perType = new int[EventType.values().length];
        for (int i = 0; i < 20_000; i++) {
            OfficeEvent e = randomEvent(random);
            if (e == null) {
                continue;
            }
            perType[e.type().ordinal()]++;
            byte[] written = codec.encode(e);
            byte[] bound = codec.encodeByDataBinding(e);
            assertThat(new String(written, StandardCharsets.UTF_8)).as("event %d", i).isEqualTo(new String(bound, StandardCharsets.UTF_8));
            assertThat(written).isEqualTo(bound);
            assertThat(codec.decode(written, OfficeEvent.class)).isEqualTo(new Decoded.Accepted<>(e));
        }
        assertThat(Arrays.stream(perType).min().orElseThrow()).as("valid events of every type").isGreaterThan(50);
    }

    /** A random event, or null when the draw broke one of the record's rules. */
    private static OfficeEvent randomEvent(Random r) {
        EventType type = EventType.values()[r.nextInt(EventType.values().length)];
        Instant at = Instant.ofEpochSecond(1_700_000_000L + r.nextInt(200_000_000), r.nextInt(4) == 0 ? 0 : r.nextInt(1_000) * 1_000_000L);
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.ofHours(8));
        String category = String.valueOf((char) ('A' + r.nextInt(26)));
        String number = category + String.format("%03d", 1 + r.nextInt(999));
        Instant issuedAt = r.nextBoolean() ? at : at.minusMillis(r.nextInt(3_600_000));
        Integer estimate = r.nextBoolean() ? r.nextInt(120) : null;
        boolean range = type == EventType.TICKET_ISSUED && estimate != null && r.nextBoolean();
        String toCategory = r.nextInt(3) == 0 ? null : String.valueOf((char) ('A' + r.nextInt(26)));
        String toNumber = toCategory == null ? null : toCategory + String.format("%03d", 1 + r.nextInt(999));
        try {
            return new OfficeEvent(1, new UUID(r.nextLong(), r.nextLong()), "office-" + r.nextInt(300), 1 + r.nextInt(Integer.MAX_VALUE),
                    type, at, day, TicketId.of(day, number), number, category, issuedAt,
                    r.nextBoolean() ? 1 + r.nextInt(20) : null, r.nextBoolean() ? r.nextInt(200) : null, estimate,
                    toCategory, toNumber == null ? null : TicketId.of(day, toNumber), toNumber,
                    r.nextBoolean() ? Rating.values()[r.nextInt(Rating.values().length)] : null,
                    r.nextBoolean() ? TEXTS[r.nextInt(TEXTS.length)] : null,
                    type == EventType.TICKET_CANCELLED && r.nextBoolean() ? CancelReason.values()[r.nextInt(CancelReason.values().length)] : null,
                    range ? r.nextInt(estimate + 1) : null, range ? estimate + r.nextInt(60) : null);
        } catch (InvalidMessageException broken) {
            return null;
        }
    }
}
