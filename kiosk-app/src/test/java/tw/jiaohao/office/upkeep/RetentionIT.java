package tw.jiaohao.office.upkeep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.testing.MutableClock;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.office.ticketing.EventOutbox.StoredEvent;
import tw.jiaohao.office.ticketing.IssuedTicket;
import tw.jiaohao.office.ticketing.OfficeDatabase;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * A year on a compressed clock: each office day's rows are written the way the engine writes
 * them (in one transaction per day, for speed), the daily upkeep runs, and the database keeps
 * only the retained days — its size levels off instead of growing for ever.
 */
class RetentionIT {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final int TICKETS_PER_DAY = 100;
    private static final int EVENTS_PER_TICKET = 4;
    private final JsonCodec codec = new JsonCodec();
    @TempDir
    Path dir;

    @Test
    void aSimulatedYear_keepsTheRetainedDaysOnly_andTheFileStopsGrowing() {
        OfficeConfig config = TestOffice.config(dir, "retention.days=30");
        LocalDate first = LocalDate.of(2026, 1, 1);
        MutableClock clock = new MutableClock(first.atTime(8, 0).atZone(TAIPEI).toInstant());
        try (TestOffice office = new TestOffice(config, clock)) {
            Upkeep upkeep = new Upkeep(office.engine);
            long bytesAtDay60 = 0;
            long maxBytesAfter = 0;
            for (int d = 0; d < 365; d++) {
                LocalDate day = first.plusDays(d);
                clock.set(day.atTime(0, 5).atZone(TAIPEI).toInstant());
                upkeep.runOnce();
                writeDay(office.db, day);
                if (d == 60) {
                    bytesAtDay60 = bytes(office.db);
                }
                if (d > 60) {
                    maxBytesAfter = Math.max(maxBytesAfter, bytes(office.db));
                }
            }
            clock.set(first.plusDays(365).atTime(0, 5).atZone(TAIPEI).toInstant());
            upkeep.runOnce();

            LocalDate cutoff = first.plusDays(365 - 30);
            // retained: 30 days of events, nothing else (unacknowledged ones are kept: the next test)
            assertThat(count(office.db, "SELECT COUNT(*) FROM events WHERE office_day >= '" + cutoff + "'"))
                    .isEqualTo(30L * TICKETS_PER_DAY * EVENTS_PER_TICKET);
            assertThat(count(office.db, "SELECT COUNT(*) FROM events WHERE office_day < '" + cutoff + "'")).isZero();
            assertThat(office.engine.pendingCount()).isZero();
            assertThat(count(office.db, "SELECT COUNT(*) FROM tickets")).isEqualTo(30L * TICKETS_PER_DAY);
            // the file levels off: a year is no bigger than two months plus slack for page layout
            System.out.printf("office.db: %d KiB at day 60, at most %d KiB over the rest of the year%n",
                    bytesAtDay60 / 1024, maxBytesAfter / 1024);
            assertThat(maxBytesAfter).isLessThan(bytesAtDay60 * 11 / 10);
            assertThat(count(office.db, "PRAGMA freelist_count")).as("freed pages handed back").isLessThan(300);

            // seq continues after the purge, and a replay of purged seqs gets what remains
            long last = office.engine.lastSeq();
            clock.advance(Duration.ofHours(8));
            IssuedTicket t = office.engine.issue("A");
            assertThat(t.seq()).isEqualTo(last + 1);
            assertThat(office.engine.range(1, Long.MAX_VALUE, 10)).extracting(StoredEvent::seq).first()
                    .isEqualTo(count(office.db, "SELECT MIN(seq) FROM events"));
        }
    }

    @Test
    void onlyTheNewestEventRemains_afterALongClosure_andTheNextSeqFollowsIt() {
        OfficeConfig config = TestOffice.config(dir, "retention.days=7");
        MutableClock clock = MutableClock.at("2026-03-02T01:00:00Z");
        try (TestOffice office = new TestOffice(config, clock)) {
            office.engine.issue("A");
            office.engine.issue("B");
            office.engine.markSent(java.util.List.of(1L, 2L));
            clock.set(Instant.parse("2026-06-01T01:00:00Z")); // closed for three months
            Upkeep upkeep = new Upkeep(office.engine);
            upkeep.runOnce();
            // the two tickets were closed (events 3, 4 of their day, not yet acknowledged: kept)
            assertThat(office.engine.range(1, 100, 100)).extracting(StoredEvent::seq).containsExactly(3L, 4L);
            office.engine.markSent(java.util.List.of(3L, 4L));
            clock.advance(Duration.ofDays(1));
            upkeep.runOnce();
            assertThat(office.engine.range(1, 100, 100)).extracting(StoredEvent::seq).containsExactly(4L);
            assertThat(office.engine.issue("A").seq()).isEqualTo(5);
        }
    }

    /** One office day as the engine leaves it: tickets done, four events each, every event acknowledged (the outbox's mark on the last). */
    private void writeDay(OfficeDatabase db, LocalDate day) {
        db.transaction(c -> {
            long seq = count(c, "SELECT COALESCE(MAX(seq), 0) FROM events");
            Instant open = day.atTime(8, 30).atZone(TAIPEI).toInstant();
            try (PreparedStatement t = c.prepareStatement("INSERT INTO tickets (ticket_id, office_day, category, number, state, "
                    + "issued_at, counter, called_at, serving_at, ended_at) VALUES (?, ?, 'A', ?, 'DONE', ?, 1, ?, ?, ?)");
                 PreparedStatement e = c.prepareStatement("INSERT INTO events (seq, event_id, type, at, office_day, ticket_id, payload) "
                         + "VALUES (?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement o = c.prepareStatement("UPDATE node_meta SET value = ? WHERE key = 'outbox.sent-upto'")) {
                for (int n = 1; n <= TICKETS_PER_DAY; n++) {
                    Instant issued = open.plusSeconds(n * 60L);
                    String number = String.format("A%03d", n);
                    String id = day + "/" + number;
                    Instant[] at = {issued, issued.plusSeconds(600), issued.plusSeconds(630), issued.plusSeconds(900)};
                    t.setString(1, id);
                    t.setString(2, day.toString());
                    t.setInt(3, n);
                    for (int i = 0; i < 4; i++) {
                        t.setLong(4 + i, at[i].toEpochMilli());
                    }
                    t.addBatch();
                    EventType[] types = {EventType.TICKET_ISSUED, EventType.TICKET_CALLED, EventType.SERVICE_STARTED, EventType.SERVICE_FINISHED};
                    for (int i = 0; i < EVENTS_PER_TICKET; i++) {
                        seq++;
                        OfficeEvent ev = new OfficeEvent(ProtocolVersion.CURRENT, UUID.randomUUID(), "demo-office", seq, types[i], at[i],
                                day, id, number, "A", issued, i == 0 ? null : 1, i == 0 ? 3 : null, i == 0 ? 10 : null,
                                null, null, null, null, null);
                        e.setLong(1, seq);
                        e.setString(2, ev.eventId().toString());
                        e.setString(3, ev.type().name());
                        e.setLong(4, at[i].toEpochMilli());
                        e.setString(5, day.toString());
                        e.setString(6, id);
                        e.setBytes(7, codec.encode(ev));
                        e.addBatch();
                    }
                }
                t.executeBatch();
                e.executeBatch();
                o.setString(1, Long.toString(seq));
                assertThat(o.executeUpdate()).as("the outbox's mark").isOne();
            }
            return null;
        });
    }

    private static long bytes(OfficeDatabase db) {
        return db.transaction(c -> count(c, "PRAGMA page_count") * count(c, "PRAGMA page_size"));
    }

    private static long count(OfficeDatabase db, String sql) {
        return db.transaction(c -> count(c, sql));
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }
}
