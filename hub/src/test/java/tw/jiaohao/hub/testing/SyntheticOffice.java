package tw.jiaohao.hub.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.protocol.event.TicketId;

/**
 * Valid synthetic events of one office, until the office node's own simulator can drive the
 * hub's tests: tickets issued through the day in four categories, called by four counters,
 * some recalled, cancelled, no-shows, transferred (the new ticket keeps the issue time) and
 * rated. Events get gap-free seqs in time order, as the office node assigns them.
 */
public final class SyntheticOffice {
    public static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final String CATEGORIES = "ABCD";

    private final String office;
    private final Random random;
    private final Map<String, Integer> numbers = new HashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private long seq;

    private record Pending(Instant at, int order, Builder builder) {
    }

    public SyntheticOffice(String office, long seed) {
        this.office = office;
        this.random = new Random(seed);
    }

    /** The events of {@code tickets} tickets issued on {@code day} between 09:00 and 16:00 local time, in seq order. */
    public List<OfficeEvent> day(LocalDate day, int tickets) {
        Instant open = day.atTime(LocalTime.of(9, 0)).atZone(TAIPEI).toInstant();
        for (int i = 0; i < tickets; i++) {
            String category = String.valueOf(CATEGORIES.charAt(random.nextInt(CATEGORIES.length())));
            Instant issued = open.plusSeconds(random.nextInt(7 * 3600));
            ticket(day, category, issued, issued, true);
        }
        pending.sort(Comparator.comparing(Pending::at).thenComparing(Pending::order));
        List<OfficeEvent> out = new ArrayList<>();
        for (Pending p : pending) {
            out.add(p.builder().build(++seq));
        }
        pending.clear();
        return out;
    }

    private void ticket(LocalDate day, String category, Instant issuedAt, Instant from, boolean issue) {
        String number = category + String.format("%03d", numbers.merge(day + category, 1, Integer::sum));
        String ticketId = TicketId.of(day, number);
        Builder base = new Builder(office, day, ticketId, number, category, issuedAt);
        if (issue) {
            add(from, base.type(EventType.TICKET_ISSUED).ahead(random.nextInt(20), random.nextInt(60)));
        }
        if (random.nextInt(100) < 5) {
            add(from.plusSeconds(60 + random.nextInt(600)), base.type(EventType.TICKET_CANCELLED));
            return;
        }
        int counter = 1 + random.nextInt(4);
        Instant called = from.plusMillis(random.nextInt(3_600_000));
        add(called, base.type(EventType.TICKET_CALLED).counter(counter));
        Instant t = called;
        if (random.nextInt(100) < 20) {
            t = t.plusSeconds(30);
            add(t, base.type(EventType.TICKET_RECALLED).counter(counter));
        }
        int fate = random.nextInt(100);
        if (fate < 8) {
            add(t.plusSeconds(60), base.type(EventType.TICKET_NO_SHOW).counter(counter));
            return;
        }
        if (fate < 15) {
            String to = String.valueOf(CATEGORIES.charAt((CATEGORIES.indexOf(category) + 1) % CATEGORIES.length()));
            String toNumber = to + String.format("%03d", numbers.merge(day + to, 1, Integer::sum));
            Instant at = t.plusSeconds(20 + random.nextInt(120));
            add(at, base.type(EventType.TICKET_TRANSFERRED).counter(counter).transfer(to, TicketId.of(day, toNumber), toNumber));
            transferred(day, to, toNumber, issuedAt, at);
            return;
        }
        serve(base, counter, t);
    }

    private void transferred(LocalDate day, String category, String number, Instant issuedAt, Instant from) {
        Builder base = new Builder(office, day, TicketId.of(day, number), number, category, issuedAt);
        int counter = 1 + random.nextInt(4);
        Instant called = from.plusMillis(random.nextInt(1_800_000));
        add(called, base.type(EventType.TICKET_CALLED).counter(counter));
        serve(base, counter, called);
    }

    private void serve(Builder base, int counter, Instant calledOrRecalled) {
        Instant started = calledOrRecalled.plusMillis(5_000 + random.nextInt(60_000));
        add(started, base.type(EventType.SERVICE_STARTED).counter(counter));
        Instant finished = started.plusMillis(60_000 + random.nextInt(1_200_000));
        add(finished, base.type(EventType.SERVICE_FINISHED).counter(counter));
        if (random.nextInt(100) < 60) {
            Rating rating = Rating.values()[random.nextInt(Rating.values().length)];
            add(finished.plusSeconds(3), base.type(EventType.RATING_RECORDED).counter(counter).rating(rating));
        }
    }

    private void add(Instant at, Builder b) {
        pending.add(new Pending(at, pending.size(), b.at(at)));
    }

    /**
     * A TICKET_ISSUED at 10:00 on {@code day} of a ticket {@code number} no other event knows,
     * with a random eventId: a forged event (stored, it would change the figures).
     */
    public static OfficeEvent stranger(String office, LocalDate day, long seq, String number) {
        Instant at = day.atTime(10, 0).atZone(TAIPEI).toInstant();
        OfficeEvent e = new Builder(office, day, TicketId.of(day, number), number, number.substring(0, 1), at)
                .type(EventType.TICKET_ISSUED).at(at).ahead(0, 0).build(seq);
        return new OfficeEvent(e.v(), UUID.randomUUID(), e.office(), e.seq(), e.type(), e.at(), e.officeDay(), e.ticketId(),
                e.ticketNumber(), e.category(), e.issuedAt(), e.counter(), e.peopleAhead(), e.estimateMinutes(), e.toCategory(),
                e.toTicketId(), e.toTicketNumber(), e.rating(), e.alert(), e.reason());
    }

    /** An immutable builder of one event; each setter returns a copy. */
    public record Builder(String office, LocalDate day, String ticketId, String number, String category, Instant issuedAt,
                          EventType type, Instant at, Integer counter, Integer ahead, Integer estimate,
                          String toCategory, String toTicketId, String toNumber, Rating rating) {
        public Builder(String office, LocalDate day, String ticketId, String number, String category, Instant issuedAt) {
            this(office, day, ticketId, number, category, issuedAt, null, null, null, null, null, null, null, null, null);
        }

        public Builder type(EventType t) {
            return new Builder(office, day, ticketId, number, category, issuedAt, t, at, null, null, null, null, null, null, null);
        }

        public Builder at(Instant a) {
            return new Builder(office, day, ticketId, number, category, issuedAt, type, a, counter, ahead, estimate, toCategory, toTicketId, toNumber, rating);
        }

        public Builder counter(int c) {
            return new Builder(office, day, ticketId, number, category, issuedAt, type, at, c, ahead, estimate, toCategory, toTicketId, toNumber, rating);
        }

        public Builder ahead(int people, int minutes) {
            return new Builder(office, day, ticketId, number, category, issuedAt, type, at, counter, people, minutes, toCategory, toTicketId, toNumber, rating);
        }

        public Builder transfer(String to, String toId, String toNum) {
            return new Builder(office, day, ticketId, number, category, issuedAt, type, at, counter, ahead, estimate, to, toId, toNum, rating);
        }

        public Builder rating(Rating r) {
            return new Builder(office, day, ticketId, number, category, issuedAt, type, at, counter, ahead, estimate, toCategory, toTicketId, toNumber, r);
        }

        public OfficeEvent build(long seq) {
            return new OfficeEvent(ProtocolVersion.CURRENT, UUID.nameUUIDFromBytes((office + "#" + seq).getBytes()), office, seq, type,
                    at, day, ticketId, number, category, issuedAt, counter, ahead, estimate, toCategory, toTicketId, toNumber, rating,
                    null);
        }
    }
}
