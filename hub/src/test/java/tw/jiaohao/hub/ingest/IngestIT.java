package tw.jiaohao.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.broker.EmbeddedBroker;
import tw.jiaohao.hub.stats.OfficeFigures;
import tw.jiaohao.hub.store.OfficeProgress;
import tw.jiaohao.hub.store.SqliteHubStore;
import tw.jiaohao.hub.testing.FiguresAssert;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.hub.testing.ReferenceFigures;
import tw.jiaohao.hub.testing.SyntheticOffice;
import tw.jiaohao.hub.testing.TestClient;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.device.PrinterCondition;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.ReplayRequest;

/** The hub's ingest through a real (embedded) broker into a real SQLite file. */
class IngestIT {
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
    void redeliveredEvents_areStoredOnce() throws Exception {
        List<OfficeEvent> events = new SyntheticOffice("redeliver", 11).day(DAY, 60);
        try (Hub hub = HubFixture.start(dir, broker.url(), "hub-redeliver");
             TestClient office = new TestClient(broker.url(), "office-redeliver")) {
            office.publishEvents(events);
            office.publishEvents(events);
            office.publishEvents(events.subList(0, 50));
            int published = events.size() * 2 + 50;
            Poll.until(WAIT, "every message taken", () -> hub.metrics().received.get() == published && hub.writerIdle());
            assertThat(hub.metrics().stored.get()).isEqualTo(events.size());
            assertThat(hub.metrics().duplicates.get()).isEqualTo(events.size() + 50);
            assertThat(hub.store().events("redeliver", 1, 10_000)).containsExactlyElementsOf(events);
            assertFiguresMatch(hub, "redeliver", events);
        }
    }

    @Test
    void aGap_triggersReplayRequests_repeatedUntilFilled_andFillingCompletesTheRollups() throws Exception {
        List<OfficeEvent> events = new SyntheticOffice("gappy", 12).day(DAY, 40);
        try (Hub hub = HubFixture.start(dir, broker.url(), "hub-gap");
             TestClient office = new TestClient(broker.url(), "office-gap")) {
            office.subscribe(Topics.replay("gappy"));
            office.publishEvents(events.subList(0, 5));
            office.publishEvents(events.subList(10, events.size()));

            ReplayRequest first = nextReplay(office);
            assertThat(first.office()).isEqualTo("gappy");
            assertThat(first.fromSeq()).isEqualTo(6);
            assertThat(first.toSeq()).isEqualTo(10);
            assertThat(first.requestedBy()).isEqualTo("hub-gap");
            assertThat(nextReplay(office)).as("asked again while unanswered").isEqualTo(first);
            assertThat(hub.store().progress("gappy")).contains(new OfficeProgress("gappy", 5, events.size(), 11L));

            office.publishEvents(events.subList(5, 10)); // the office answers
            Poll.until(WAIT, "gap filled", () -> HubFixture.contiguous(hub, "gappy") == events.size());
            Poll.until(WAIT, "no gap left", () -> hub.replays().openGaps().isEmpty());
            assertFiguresMatch(hub, "gappy", events);
        }
    }

    @Test
    void hostilePayloads_onEveryTopicTheHubConsumes_areRefusedCounted_andIngestKeepsGoing() throws Exception {
        OfficeEvent valid = new SyntheticOffice("hostile", 13).day(DAY, 1).get(0);
        String json = CODEC.encodeToString(valid);
        // under the embedded broker's packet limit (bigger ones never reach the hub), far over the codec's string limit
        String bigString = "x".repeat(200 * 1024);
        List<byte[]> badEvents = List.of(
                json.substring(0, json.length() / 2).getBytes(StandardCharsets.UTF_8),
                json.replace("\"seq\":1", "\"seq\":\"one\"").getBytes(StandardCharsets.UTF_8),
                json.replace("\"TICKET_ISSUED\"", "\"TICKET_TELEPORTED\"").getBytes(StandardCharsets.UTF_8),
                json.replace("\"office\":\"hostile\"", "\"office\":\"elsewhere\"").getBytes(StandardCharsets.UTF_8),
                json.replace("\"category\":\"", "\"note\":\"" + bigString + "\",\"category\":\"").getBytes(StandardCharsets.UTF_8),
                ("{\"v\":1,\"alert\":\"" + "y".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8),
                new byte[0],
                "null".getBytes(StandardCharsets.UTF_8),
                "[1,2,3]".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        DeviceStatus status = new DeviceStatus(ProtocolVersion.CURRENT, "hostile", "kiosk-1", DeviceKind.KIOSK, true,
                Instant.parse("2026-11-20T01:00:00Z"), "1.0", PrinterCondition.READY, null);
        String statusJson = CODEC.encodeToString(status);
        List<byte[]> badStatuses = List.of(
                statusJson.substring(0, 20).getBytes(StandardCharsets.UTF_8),
                statusJson.replace("\"online\":true", "\"online\":\"maybe\"").getBytes(StandardCharsets.UTF_8),
                statusJson.replace("\"KIOSK\"", "\"TOASTER\"").getBytes(StandardCharsets.UTF_8),
                statusJson.replace("\"office\":\"hostile\"", "\"office\":\"elsewhere\"").getBytes(StandardCharsets.UTF_8),
                statusJson.replace("\"device\":\"kiosk-1\"", "\"device\":\"kiosk-2\"").getBytes(StandardCharsets.UTF_8),
                statusJson.replace("\"version\":\"1.0\"", "\"version\":\"" + bigString + "\"").getBytes(StandardCharsets.UTF_8));
        try (Hub hub = HubFixture.start(dir, broker.url(), "hub-hostile");
             TestClient sender = new TestClient(broker.url(), "sender-hostile")) {
            for (byte[] p : badEvents) {
                sender.publish(Topics.event("hostile"), p);
            }
            for (byte[] p : badStatuses) {
                sender.publish(Topics.deviceStatus("hostile", "kiosk-1"), p);
            }
            sender.publish(Topics.event("hostile"), CODEC.encode(valid));
            sender.publish(Topics.deviceStatus("hostile", "kiosk-1"), CODEC.encode(status));
            Poll.until(WAIT, "the valid event and status stored", () -> hub.metrics().stored.get() == 1 && hub.metrics().statuses.get() == 1);
            Poll.until(WAIT, "every message taken", () -> hub.writerIdle()
                    && hub.metrics().received.get() == badEvents.size() + badStatuses.size() + 2);
            assertThat(hub.metrics().rejectedEvents.get()).isEqualTo(badEvents.size());
            assertThat(hub.metrics().rejectedStatuses.get()).isEqualTo(badStatuses.size());
            assertThat(hub.store().events("hostile", 1, 100)).containsExactly(valid);
            assertThat(hub.store().knowsOffice("elsewhere")).isFalse();
            assertThat(hub.store().offices(DAY)).singleElement().satisfies(o -> assertThat(o.devices()).singleElement()
                    .satisfies(d -> assertThat(d.device()).isEqualTo("kiosk-1")));
            assertThat(hub.connected()).isTrue();
        }
    }

    @Test
    void anEventTheStoreRefuses_isQuarantinedCounted_andNeitherStopsIngestNorLeavesAGap() throws Exception {
        List<OfficeEvent> events = new SyntheticOffice("poison", 14).day(DAY, 40);
        OfficeEvent poison = events.get(6);
        Path db = dir.resolve("hub.db");
        new SqliteHubStore(db, SqliteHubStore.Sync.NORMAL, CODEC, Clock.systemUTC()).close(); // creates the schema
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            // a store failure for this one event only, as a constraint or rollup rule would fail on it
            st.execute("CREATE TRIGGER poison BEFORE INSERT ON event WHEN NEW.office = 'poison' AND NEW.seq = "
                    + poison.seq() + " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
        }
        List<OfficeEvent> withoutSeq30 = new ArrayList<>(events);
        withoutSeq30.remove(29);
        try (Hub hub = HubFixture.start(dir, broker.url(), "hub-poison");
             TestClient office = new TestClient(broker.url(), "office-poison")) {
            office.subscribe(Topics.replay("poison"));
            office.publishEvents(withoutSeq30);

            // the only gap the hub asks for is the real one: the quarantined seq counts as received
            assertThat(nextReplay(office)).satisfies(r -> {
                assertThat(r.fromSeq()).isEqualTo(30);
                assertThat(r.toSeq()).isEqualTo(30);
            });
            office.publishEvents(List.of(events.get(29), poison)); // the answer, and the poison redelivered
            Poll.until(WAIT, "every message taken", () -> hub.writerIdle() && hub.metrics().received.get() == events.size() + 1);
            Poll.until(WAIT, "no gap left", () -> hub.replays().openGaps().isEmpty());

            assertThat(hub.metrics().stored.get()).isEqualTo(events.size() - 1);
            assertThat(hub.metrics().quarantined.get()).isEqualTo(1);
            assertThat(hub.metrics().snapshot()).containsEntry("quarantined", 1L);
            assertThat(hub.metrics().writeFailures.get()).as("not retried as a database failure").isZero();
            List<OfficeEvent> others = new ArrayList<>(events);
            others.remove(poison);
            assertThat(hub.store().events("poison", 1, 10_000)).containsExactlyElementsOf(others);
            assertThat(hub.store().progress("poison")).contains(new OfficeProgress("poison", events.size(), events.size(), null));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT office, seq, event_id, payload, error, received_ms FROM quarantine")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("poison");
                assertThat(rs.getLong(2)).isEqualTo(poison.seq());
                assertThat(rs.getString(3)).isEqualTo(poison.eventId().toString());
                assertThat(rs.getBytes(4)).isEqualTo(CODEC.encode(poison));
                assertThat(rs.getString(5)).contains("refused by the test");
                assertThat(rs.getLong(6)).isPositive();
                assertThat(rs.next()).as("one row").isFalse();
            }
            assertThat(hub.connected()).isTrue();
        }
    }

    @Test
    void hubRestartedMidStream_losesNothing_andCountsNothingTwice() throws Exception {
        List<OfficeEvent> events = new SyntheticOffice("restart", 14).day(DAY, 600);
        AtomicReference<Hub> hub = new AtomicReference<>(HubFixture.start(dir, broker.url(), "hub-restart"));
        AtomicInteger published = new AtomicInteger();
        AtomicReference<Exception> publishFailure = new AtomicReference<>();
        Thread publisher = new Thread(() -> {
            try (TestClient office = new TestClient(broker.url(), "office-restart")) {
                for (OfficeEvent e : events) {
                    office.publishEvents(List.of(e));
                    published.incrementAndGet();
                }
            } catch (Exception e) {
                publishFailure.set(e);
            }
        });
        publisher.start();
        try {
            Poll.until(WAIT, "a third stored", () -> hub.get().metrics().stored.get() > events.size() / 3);
            hub.get().halt(); // as a crash: queued messages neither stored nor acknowledged
            hub.set(HubFixture.start(dir, broker.url(), "hub-restart"));
            Poll.until(WAIT, "more stored", () -> HubFixture.contiguous(hub.get(), "restart") > events.size() * 2 / 3);
            hub.get().close(); // a clean stop
            hub.set(HubFixture.start(dir, broker.url(), "hub-restart"));
            publisher.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(publishFailure.get()).isNull();
            assertThat(published.get()).isEqualTo(events.size());
            Poll.until(WAIT, "everything stored", () -> HubFixture.contiguous(hub.get(), "restart") == events.size());
            assertThat(hub.get().store().events("restart", 1, 10_000)).containsExactlyElementsOf(events);
            assertFiguresMatch(hub.get(), "restart", events);
        } finally {
            publisher.join(TimeUnit.SECONDS.toMillis(60));
            hub.get().close();
        }
    }

    @Test
    void brokerRestarted_hubReconnects_andTheSessionBringsWhatWasMissed() throws Exception {
        List<OfficeEvent> events = new SyntheticOffice("outage", 15).day(DAY, 50);
        int half = events.size() / 2;
        try (Hub hub = HubFixture.start(dir, broker.url(), "hub-outage")) {
            try (TestClient office = new TestClient(broker.url(), "office-outage-1")) {
                office.publishEvents(events.subList(0, half));
            }
            Poll.until(WAIT, "first half stored", () -> hub.metrics().stored.get() == half);
            broker.stop();
            Poll.until(WAIT, "hub notices", () -> !hub.connected());
            broker.start();
            try (TestClient office = new TestClient(broker.url(), "office-outage-2")) {
                office.publishEvents(events.subList(half, events.size()));
            }
            Poll.until(WAIT, "all stored", () -> HubFixture.contiguous(hub, "outage") == events.size());
            assertThat(hub.connected()).isTrue();
            assertFiguresMatch(hub, "outage", events);
        }
    }

    @Test
    void brokerDownAtStart_theHubStartsAnyway_andIngestsOnceTheBrokerIsUp(@TempDir Path otherBrokerDir) throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        List<OfficeEvent> events = new SyntheticOffice("late", 16).day(DAY, 10);
        try (Hub hub = HubFixture.start(dir, "tcp://127.0.0.1:" + port, "hub-late")) {
            assertThat(hub.connected()).isFalse();
            assertThat(get(hub.apiUrl() + "/api/offices")).isEqualTo("[]");
            try (EmbeddedBroker late = new EmbeddedBroker(otherBrokerDir).start(port)) {
                Poll.until(WAIT, "the hub connects", hub::connected);
                try (TestClient office = new TestClient(late.url(), "office-late")) {
                    office.publishEvents(events);
                }
                Poll.until(WAIT, "stored", () -> HubFixture.contiguous(hub, "late") == events.size());
            }
        }
    }

    @Test
    void deviceStatus_showsInTheOfficesApi() throws Exception {
        DeviceStatus status = new DeviceStatus(ProtocolVersion.CURRENT, "devices", "node", DeviceKind.OFFICE_NODE, true,
                Instant.parse("2026-11-20T01:00:00Z"), "0.1.0", PrinterCondition.PAPER_OUT, null);
        try (Hub hub = HubFixture.start(dir, broker.url(), "hub-devices");
             TestClient device = new TestClient(broker.url(), "device-status")) {
            device.publish(Topics.deviceStatus("devices", "node"), CODEC.encode(status), true);
            Poll.until(WAIT, "status stored", () -> hub.metrics().statuses.get() >= 1);
            String body = get(hub.apiUrl() + "/api/offices");
            assertThat(body).contains("\"office\":\"devices\"").contains("\"device\":\"node\"")
                    .contains("\"online\":true").contains("\"printer\":\"PAPER_OUT\"");
            device.publish(Topics.deviceStatus("devices", "node"), new byte[0], true); // clear the retained status
        }
    }

    /**
     * Issue 10, finding 6: a status dated a year ahead would pin the device (older statuses are
     * ignored) and date its alert in the future. The hub takes its own time for it instead, so the
     * next genuine status still counts and the offline alert carries the hub's time.
     */
    @Test
    void aDeviceStatusDatedFarAhead_isTakenWithTheHubsTime_andNeitherPinsTheDeviceNorDatesItsAlert() throws Exception {
        Instant yearAhead = Instant.now().plus(Duration.ofDays(365));
        DeviceStatus forged = new DeviceStatus(ProtocolVersion.CURRENT, "clock", "node", DeviceKind.OFFICE_NODE, false, yearAhead, "1.0",
                null, null);
        try (Hub hub = HubFixture.start(dir, broker.url(), "hub-clock");
             TestClient device = new TestClient(broker.url(), "device-clock")) {
            Instant before = Instant.now();
            device.publish(Topics.deviceStatus("clock", "node"), CODEC.encode(forged));
            Poll.until(WAIT, "the offline alert", () -> !hub.dashboard().alerts().list(List.of("clock"), true, 10).isEmpty());
            Instant after = Instant.now();
            Poll.until(WAIT, "counted", () -> hub.metrics().clockAhead.get() == 1);
            assertThat(hub.dashboard().alerts().list(List.of("clock"), true, 10)).singleElement().satisfies(a ->
                    assertThat(a.raisedAt()).isBetween(before, after));

            DeviceStatus genuine = new DeviceStatus(ProtocolVersion.CURRENT, "clock", "node", DeviceKind.OFFICE_NODE, true, Instant.now(), "1.0",
                    null, null);
            device.publish(Topics.deviceStatus("clock", "node"), CODEC.encode(genuine));
            Poll.until(WAIT, "the genuine status applied", () -> hub.store().offices(DAY).stream()
                    .filter(o -> o.office().equals("clock")).flatMap(o -> o.devices().stream()).anyMatch(d -> d.online()));
            Poll.until(WAIT, "the live view not pinned either", () -> Boolean.TRUE.equals(hub.dashboard().live().view("clock").online()));
        }
    }

    private static ReplayRequest nextReplay(TestClient office) throws InterruptedException {
        TestClient.Received r = office.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(r).as("a replay request").isNotNull();
        return CODEC.decodeOrThrow(r.payload(), ReplayRequest.class);
    }

    /** The office's figures of {@link #DAY} at the API equal {@link ReferenceFigures} computed from {@code events} alone. */
    static void assertFiguresMatch(Hub hub, String office, List<OfficeEvent> events) throws Exception {
        OfficeFigures figures = CODEC.mapper().readValue(get(hub.apiUrl() + "/api/offices/" + office + "/days/" + DAY),
                OfficeFigures.class);
        FiguresAssert.matches(figures, ReferenceFigures.of(new ArrayList<>(events)));
    }

    static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + " → " + r.body()).isEqualTo(200);
        return r.body();
    }
}
