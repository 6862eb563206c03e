package tw.jiaohao.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.alerts.Alert;
import tw.jiaohao.hub.alerts.AlertKind;
import tw.jiaohao.hub.broker.EmbeddedBroker;
import tw.jiaohao.hub.store.OfficeProgress;
import tw.jiaohao.hub.store.SqliteHubStore;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.hub.testing.SyntheticOffice;
import tw.jiaohao.hub.testing.TestClient;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.RecoveryReply;

/**
 * Events the hub must not believe (issue 10 findings 1 and 2, issue 18 item 2), sent through a
 * real (embedded) broker to a running hub on a real SQLite file: seqs from the future (2^63−1,
 * 10^12, just past the bound), negative and zero seqs, different events for seqs the hub holds
 * (forged, or reused by an office whose database was restored). Afterwards the figures equal an
 * independent computation from the genuine events, every genuine event is stored or kept as
 * evidence, the office's progress is its genuine one, and the start-up check hands out only
 * genuine events.
 */
class ForgedEventsIT {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonCodec CODEC = new JsonCodec();

    @TempDir
    static Path brokerDir;
    private static EmbeddedBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedBroker(brokerDir).start(0);
    }

    @AfterAll
    static void stopBroker() {
        broker.stop();
    }

    @Test
    void forgedEventsWithHugeNegativeOrTakenSeqs_changeNoFigure_loseNoGenuineEvent_andAreKeptAsEvidence() throws Exception {
        String office = "forged";
        List<OfficeEvent> genuine = new SyntheticOffice(office, 21).day(DAY, 60);
        int n = genuine.size();
        int half = n / 2;
        try (Hub hub = HubFixture.start(dir, broker.url(), "hub-forged");
             TestClient node = new TestClient(broker.url(), "office-forged");
             TestClient attacker = new TestClient(broker.url(), "attacker-forged")) {
            node.publishEvents(genuine.subList(0, half));
            Poll.until(WAIT, "the first half stored", () -> HubFixture.contiguous(hub, office) == half);

            List<OfficeEvent> fromTheFuture = List.of(
                    forged(office, Long.MAX_VALUE, "A901"),
                    forged(office, 1_000_000_000_000L, "A902"),
                    forged(office, half + SqliteHubStore.DEFAULT_MAX_SEQ_AHEAD + 1, "A903"));
            attacker.publishEvents(fromTheFuture);
            String next = CODEC.encodeToString(genuine.get(half));
            String seqField = "\"seq\":" + genuine.get(half).seq();
            for (String bad : List.of("-5", "0", String.valueOf(Long.MIN_VALUE), "9223372036854775808")) {
                attacker.publish(Topics.event(office), next.replace(seqField, "\"seq\":" + bad).getBytes(StandardCharsets.UTF_8));
            }
            List<OfficeEvent> taken = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                taken.add(forged(office, genuine.get(i * 7).seq(), "A91" + i));
            }
            attacker.publishEvents(taken);
            attacker.publishEvents(genuine.subList(0, 3)); // exact copies: silent duplicates
            node.publishEvents(genuine.subList(half, n));

            int published = n + fromTheFuture.size() + 4 + taken.size() + 3;
            Poll.until(WAIT, "every message taken", () -> hub.writerIdle() && hub.metrics().received.get() == published);
            assertThat(hub.store().events(office, 1, 10_000)).as("exactly the genuine events").containsExactlyElementsOf(genuine);
            assertThat(hub.store().progress(office)).as("the progress is the genuine one: no forged max seq, no gap")
                    .contains(new OfficeProgress(office, n, n, null));
            assertThat(hub.metrics().implausibleSeqs.get()).isEqualTo(fromTheFuture.size());
            assertThat(hub.metrics().seqConflicts.get()).isEqualTo(taken.size());
            assertThat(hub.metrics().rejectedEvents.get()).as("seq ≤ 0 and beyond a long refused by the codec").isEqualTo(4);
            assertThat(hub.metrics().duplicates.get()).isGreaterThanOrEqualTo(3);
            assertThat(hub.metrics().replayRequests.get()).as("no replay asked for a forged seq").isZero();
            assertThat(hub.replays().openGaps()).isEmpty();
            IngestIT.assertFiguresMatch(hub, office, genuine);

            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub.db")); Statement st = c.createStatement()) {
                Set<Long> implausible = new HashSet<>();
                try (ResultSet rs = st.executeQuery("SELECT seq, held_seq, payload FROM seq_implausible WHERE office = 'forged'")) {
                    while (rs.next()) {
                        implausible.add(rs.getLong(1));
                        assertThat(rs.getLong(2)).isEqualTo(half);
                        assertThat(CODEC.decodeOrThrow(rs.getString(3).getBytes(StandardCharsets.UTF_8), OfficeEvent.class))
                                .isIn(fromTheFuture);
                    }
                }
                assertThat(implausible).containsExactlyInAnyOrderElementsOf(fromTheFuture.stream().map(OfficeEvent::seq).toList());
                Map<Long, String[]> conflicts = new HashMap<>();
                try (ResultSet rs = st.executeQuery("SELECT seq, event_id, stored_event_id FROM seq_conflict WHERE office = 'forged'")) {
                    while (rs.next()) {
                        conflicts.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
                    }
                }
                assertThat(conflicts).hasSize(taken.size());
                for (OfficeEvent t : taken) {
                    assertThat(conflicts.get(t.seq())).containsExactly(t.eventId().toString(),
                            genuine.get((int) t.seq() - 1).eventId().toString());
                }
            }
            Poll.until(WAIT, "both alerts raised", () -> openAlerts(hub, office).containsAll(Set.of(AlertKind.SEQ_CONFLICT,
                    AlertKind.IMPLAUSIBLE_SEQ)));

            RecoveryReply reply = HubFixture.startUpCheck(attacker, office, 1);
            assertThat(reply.maxSeq()).isEqualTo(n);
            assertThat(reply.events()).as("the start-up check hands out only genuine events").containsExactlyElementsOf(genuine);
        }
    }

    /**
     * A seq taken before the office sends it (a forgery squatting it) or sent twice with
     * different events (an office database restored from a backup reusing seqs): the first
     * stored stays, the other is kept in {@code seq_conflict} exactly as sent, counted, logged and
     * alerted; the office's following events are stored as usual, never dropped as duplicates.
     */
    @Test
    void aSeqReusedByARestoredOffice_orSquattedByAForgery_keepsTheOtherEventAsEvidence_andTheNextEventsAreStored() throws Exception {
        String office = "reused";
        List<OfficeEvent> genuine = new SyntheticOffice(office, 22).day(DAY, 40);
        int n = genuine.size();
        try (Hub hub = HubFixture.start(dir, broker.url(), "hub-reused");
             TestClient node = new TestClient(broker.url(), "office-reused");
             TestClient attacker = new TestClient(broker.url(), "attacker-reused")) {
            node.publishEvents(genuine.subList(0, 20));
            Poll.until(WAIT, "20 stored", () -> HubFixture.contiguous(hub, office) == 20);
            OfficeEvent squatter = forged(office, n, "A990"); // the office's last seq, taken before it is sent
            attacker.publishEvents(List.of(squatter));
            List<OfficeEvent> reissued = new ArrayList<>(); // a backup from after seq 15: seqs 16..20 again, other tickets
            for (long seq = 16; seq <= 20; seq++) {
                reissued.add(forged(office, seq, "B" + (900 + seq)));
            }
            node.publishEvents(reissued);
            node.publishEvents(genuine.subList(20, n));

            Poll.until(WAIT, "every message taken", () -> hub.writerIdle()
                    && hub.metrics().received.get() == n + 1 + reissued.size());
            assertThat(hub.store().progress(office)).contains(new OfficeProgress(office, n, n, null));
            List<OfficeEvent> stored = hub.store().events(office, 1, 10_000);
            assertThat(stored.subList(0, n - 1)).as("every event after the reuse stored").containsExactlyElementsOf(genuine.subList(0, n - 1));
            assertThat(stored.get(n - 1)).as("first stored stays").isEqualTo(squatter);
            assertThat(hub.metrics().seqConflicts.get()).isEqualTo(reissued.size() + 1);

            List<String> kept = new ArrayList<>();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub.db")); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT payload FROM seq_conflict WHERE office = 'reused' ORDER BY seq")) {
                while (rs.next()) {
                    kept.add(rs.getString(1));
                }
            }
            List<String> expected = new ArrayList<>(reissued.stream().map(CODEC::encodeToString).toList());
            expected.add(CODEC.encodeToString(genuine.get(n - 1)));
            assertThat(kept).as("nothing lost without a trace: each other event kept as sent").containsExactlyElementsOf(expected);
            Poll.until(WAIT, "alert raised", () -> openAlerts(hub, office).contains(AlertKind.SEQ_CONFLICT));
        }
    }

    private static OfficeEvent forged(String office, long seq, String number) {
        return SyntheticOffice.stranger(office, DAY, seq, number);
    }

    private static Set<AlertKind> openAlerts(Hub hub, String office) {
        Set<AlertKind> kinds = new HashSet<>();
        for (Alert a : hub.dashboard().alerts().list(List.of(office), true, 50)) {
            kinds.add(a.kind());
        }
        return kinds;
    }
}
