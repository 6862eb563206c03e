package tw.jiaohao.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.db.HubDatabase;
import tw.jiaohao.hub.stats.OfficeFigures;
import tw.jiaohao.hub.testing.FiguresAssert;
import tw.jiaohao.hub.testing.ReferenceFigures;
import tw.jiaohao.hub.testing.SyntheticOffice;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.device.PrinterCondition;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * The hub store's contract, on the SQLite file; {@link PostgresHubStoreIT} runs the same tests
 * on PostgreSQL (a fresh database per test).
 */
class SqliteHubStoreIT {
    static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    @TempDir
    Path dir;
    HubDatabase db;
    SqliteHubStore store;

    /** The database the tests run on: here the SQLite file in the test's folder. */
    protected HubDatabase openDatabase(Path dir) {
        return HubDatabase.open(dir.resolve("hub.db"));
    }

    /** Called after the database is closed. */
    protected void dropDatabase() {
    }

    @BeforeEach
    void openDatabaseAndStore() {
        db = openDatabase(dir);
        open();
    }

    void open() {
        store = newStore();
    }

    /** A store on the test's database (the caller closes it; the database stays open). */
    SqliteHubStore newStore() {
        return new SqliteHubStore(db, SqliteHubStore.Sync.NORMAL, new JsonCodec(),
                Clock.fixed(Instant.parse("2026-11-20T08:00:00Z"), ZoneOffset.UTC), java.time.ZoneId.of("Asia/Taipei"),
                SqliteHubStore.DEFAULT_MAX_SEQ_AHEAD);
    }

    @AfterEach
    void close() {
        store.close();
        db.close();
        dropDatabase();
    }

    @Test
    void eventsInAnyOrderWithDuplicates_areStoredOnce_andRollupsEqualTheReference() throws Exception {
        List<OfficeEvent> events = new SyntheticOffice("north", 1).day(DAY, 400);
        List<OfficeEvent> shuffled = new ArrayList<>(events);
        shuffled.addAll(events.subList(0, 500)); // redeliveries
        Collections.shuffle(shuffled, new Random(3));
        int stored = 0;
        for (int i = 0; i < shuffled.size(); i += 97) {
            stored += store.write(shuffled.subList(i, Math.min(shuffled.size(), i + 97)), List.of()).stored();
        }
        assertThat(stored).isEqualTo(events.size());
        assertThat(countRows("SELECT COUNT(*) FROM event")).isEqualTo(events.size());
        assertThat(store.progress("north")).contains(new OfficeProgress("north", events.size(), events.size(), null));
        FiguresAssert.matches(OfficeFigures.of("north", DAY, DAY, store.rollups("north", DAY, DAY)), ReferenceFigures.of(events));
        assertThat(store.events("north", 1, 10)).containsExactlyElementsOf(events.subList(0, 10));
    }

    @Test
    void aGap_isReported_untilFilled() {
        List<OfficeEvent> events = new SyntheticOffice("east", 2).day(DAY, 20);
        List<OfficeEvent> withGap = new ArrayList<>(events.subList(0, 5));
        withGap.addAll(events.subList(9, events.size()));
        BatchOutcome outcome = store.write(withGap, List.of());
        assertThat(outcome.touched()).containsExactly(new OfficeProgress("east", 5, events.size(), 10L));
        assertThat(store.offices(DAY).get(0).waitingNow()).as("unknown while a gap is open").isNull();

        outcome = store.write(events.subList(5, 9), List.of());
        assertThat(outcome.touched()).containsExactly(new OfficeProgress("east", events.size(), events.size(), null));
        assertThat(store.offices(DAY).get(0).waitingNow()).isNotNull();
    }

    @Test
    void missing_listsEveryRunOfAbsentSeqs_lowestFirst_withinTheCapAndWindow() {
        List<OfficeEvent> events = new SyntheticOffice("east", 2).day(DAY, 20);
        assertThat(events.size()).isGreaterThan(30);
        List<OfficeEvent> holes = new ArrayList<>(events);
        holes.removeIf(e -> e.seq() == 3 || e.seq() == 4 || e.seq() == 10 || e.seq() >= 20 && e.seq() <= 22);
        store.write(holes, List.of());
        assertThat(store.missing("east", 10, 1000)).containsExactly(new long[] {3, 4}, new long[] {10, 10}, new long[] {20, 22});
        assertThat(store.missing("east", 2, 1000)).as("at most maxRuns").containsExactly(new long[] {3, 4}, new long[] {10, 10});
        assertThat(store.missing("east", 10, 5)).as("nothing beyond contiguous + window").containsExactly(new long[] {3, 4});
        assertThat(store.missing("nowhere", 10, 1000)).isEmpty();
        store.write(events, List.of());
        assertThat(store.missing("east", 10, 1000)).isEmpty();
    }

    @Test
    void aBatchWithCopiesOfItsOwnEvents_storesEachOnce_andCountsTheCopiesAsDuplicates() {
        List<OfficeEvent> events = new SyntheticOffice("south", 4).day(DAY, 20);
        List<OfficeEvent> twice = new ArrayList<>(events);
        twice.addAll(events.subList(0, 10));
        BatchOutcome outcome = store.write(twice, List.of());
        assertThat(outcome.stored()).isEqualTo(events.size());
        assertThat(outcome.duplicates()).isEqualTo(10);
        FiguresAssert.matches(OfficeFigures.of("south", DAY, DAY, store.rollups("south", DAY, DAY)), ReferenceFigures.of(events));
    }

    @Test
    void waitingNow_countsTodaysTicketsNotYetCalled() {
        List<OfficeEvent> events = new SyntheticOffice("west", 3).day(DAY, 30);
        long issuedOnly = events.stream().filter(e -> e.seq() <= 10).count();
        store.write(events.subList(0, 10), List.of());
        List<String> waiting = new ArrayList<>();
        for (OfficeEvent e : events.subList(0, 10)) {
            switch (e.type()) {
                case TICKET_ISSUED -> waiting.add(e.ticketId());
                case TICKET_CALLED, TICKET_CANCELLED, TICKET_TRANSFERRED -> waiting.remove(e.ticketId());
                default -> { }
            }
        }
        OfficeOverview o = store.offices(DAY).get(0);
        assertThat(issuedOnly).isEqualTo(10);
        assertThat(o.waitingNow()).isEqualTo(waiting.size());
        assertThat(o.ticketsToday()).isEqualTo(events.subList(0, 10).stream()
                .filter(e -> e.type() == tw.jiaohao.protocol.event.EventType.TICKET_ISSUED).count());
        assertThat(store.offices(DAY.plusDays(1)).get(0).ticketsToday()).isZero();
    }

    @Test
    void deviceStatus_keepsTheNewest_evenWhenAnOlderOneArrivesLater() {
        Instant t = Instant.parse("2026-11-20T02:00:00Z");
        DeviceStatus newer = new DeviceStatus(ProtocolVersion.CURRENT, "south", "kiosk-1", DeviceKind.KIOSK, true, t.plusSeconds(60),
                "1.0", PrinterCondition.PAPER_NEAR_END, null);
        DeviceStatus older = new DeviceStatus(ProtocolVersion.CURRENT, "south", "kiosk-1", DeviceKind.KIOSK, false, t,
                "1.0", PrinterCondition.READY, null);
        store.write(List.of(), List.of(newer));
        store.write(List.of(), List.of(older));
        OfficeOverview o = store.offices(DAY).get(0);
        assertThat(o.office()).isEqualTo("south");
        assertThat(o.devices()).containsExactly(new DeviceState("kiosk-1", DeviceKind.KIOSK, true, PrinterCondition.PAPER_NEAR_END,
                t.plusSeconds(60), "1.0", null));
        assertThat(store.knowsOffice("south")).isTrue();
        assertThat(store.knowsOffice("nowhere")).isFalse();
    }

    @Test
    void reopened_store_keepsEverything() {
        List<OfficeEvent> events = new SyntheticOffice("north", 4).day(DAY, 50);
        store.write(events, List.of());
        store.close();
        open();
        assertThat(store.write(events, List.of()).stored()).isZero();
        FiguresAssert.matches(OfficeFigures.of("north", DAY, DAY, store.rollups("north", DAY, DAY)), ReferenceFigures.of(events));
    }

    private long countRows(String sql) throws Exception {
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
