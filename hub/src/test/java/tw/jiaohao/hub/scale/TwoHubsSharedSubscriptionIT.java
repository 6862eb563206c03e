package tw.jiaohao.hub.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.stats.OfficeFigures;
import tw.jiaohao.hub.testing.FiguresAssert;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.hub.testing.PostgresDatabase;
import tw.jiaohao.hub.testing.ReferenceFigures;
import tw.jiaohao.hub.testing.SyntheticOffice;
import tw.jiaohao.hub.testing.TestClient;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.office.testing.MosquittoProcess;

/**
 * Two hub instances on one PostgreSQL database and one MQTT 5 shared subscription: each takes a
 * share of the offices' events, every {@code (office, seq)} is stored once (the database's unique
 * key, not either hub's memory), the rollups equal an independent computation from the raw
 * events although both instances wrote them, and each event's alert is raised once. The broker
 * is a real Mosquitto (a child process on a free port): HiveMQ CE, the hub's embedded broker,
 * handed every message to the first member of the group in this test, and an embedded broker
 * lives inside one instance anyway.
 */
@Tag("system")
class TwoHubsSharedSubscriptionIT {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    @TempDir
    Path dir;

    @Test
    void twoHubsOnOneSharedSubscription_eachTakeAShare_andStoreEveryEventOnce() throws Exception {
        try (PostgresDatabase pg = PostgresDatabase.create("two_hubs");
             // no office here to replay what a broker drops: room for every message queued per hub
             MosquittoProcess mosquitto = MosquittoProcess.withMaxQueuedMessages(dir.resolve("mosquitto"), 100_000).start()) {
            Map<String, String> a = new HashMap<>(pg.hubConfig());
            a.put("ingest.share-group", "hubs");
            // a small in-flight window (receive maximum = queue capacity): a broker that fills one member's
            // window before the next one's (HiveMQ does) must hand the rest to the other hub
            a.put("ingest.queue-capacity", "20");
            a.put("ingest.batch-max", "10");
            Hub first = Hub.start(HubFixture.config(dir.resolve("a"), mosquitto.url(), "two-hubs-a", a), Clock.systemUTC());
            Hub second = null;
            try {
                Map<String, String> b = new HashMap<>(pg.hubConfig());
                b.put("ingest.share-group", "hubs");
                b.put("ingest.queue-capacity", "20");
                b.put("ingest.batch-max", "10");
                second = Hub.start(HubFixture.config(dir.resolve("b"), mosquitto.url(), "two-hubs-b", b), Clock.systemUTC());
                Hub other = second;
                Poll.until(Duration.ofSeconds(20), "both hubs subscribed", () -> first.connected() && other.connected());

                Map<String, List<OfficeEvent>> byOffice = new HashMap<>();
                List<OfficeEvent> all = new ArrayList<>();
                for (String office : List.of("share-north", "share-south")) {
                    List<OfficeEvent> events = new SyntheticOffice(office, office.length()).day(DAY, 150);
                    byOffice.put(office, events);
                    all.addAll(events);
                }
                try (TestClient offices = new TestClient(mosquitto.url(), "two-hubs-offices")) {
                    offices.publishEvents(all);
                    offices.publishEvents(all.subList(0, 200)); // redeliveries, as after an office's reconnect
                }
                Poll.until(Duration.ofSeconds(120), "every event stored", () -> byOffice.entrySet().stream().allMatch(e ->
                        HubFixture.contiguous(first, e.getKey()) == e.getValue().get(e.getValue().size() - 1).seq()));

                Hub b2 = second;
                Poll.until(Duration.ofSeconds(60), "every message, the redeliveries too, taken by one of the hubs and written",
                        () -> first.metrics().received.get() + b2.metrics().received.get() == all.size() + 200
                                && first.writerIdle() && b2.writerIdle());
                assertThat(first.metrics().received.get()).as("the first hub's share").isPositive();
                assertThat(second.metrics().received.get()).as("the second hub's share").isPositive();
                assertThat(first.metrics().stored.get() + second.metrics().stored.get()).as("stored once between them")
                        .isEqualTo(all.size());
                try (Connection c = pg.connect(); Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT (office, seq)) FROM event")) {
                    r.next();
                    assertThat(r.getLong(1)).isEqualTo(all.size());
                    assertThat(r.getLong(2)).isEqualTo(all.size());
                }
                long lastId;
                try (Connection c = pg.connect(); Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT MAX(id) FROM event")) {
                    r.next();
                    lastId = r.getLong(1);
                }
                Hub otherHub = second;
                Poll.until(Duration.ofSeconds(30), "both hubs' alert feeds past every event", () ->
                        first.dashboard().alertFeed().cursor() == lastId && otherHub.dashboard().alertFeed().cursor() == lastId);
                Set<String> dissatisfied = all.stream().filter(e -> e.type() == EventType.RATING_RECORDED && e.rating() == Rating.DISSATISFIED)
                        .map(e -> "rating|" + e.office() + "|" + e.ticketId()).collect(Collectors.toSet());
                assertThat(dissatisfied).as("the day has dissatisfied ratings").isNotEmpty();
                List<String> ratingAlerts = new ArrayList<>();
                try (Connection c = pg.connect(); Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT dedupe_key FROM alert WHERE kind = 'DISSATISFIED_RATING'")) {
                    while (r.next()) {
                        ratingAlerts.add(r.getString(1));
                    }
                }
                assertThat(ratingAlerts).as("one alert per dissatisfied rating, raised by one of the two hubs")
                        .containsExactlyInAnyOrderElementsOf(dissatisfied);
                for (Map.Entry<String, List<OfficeEvent>> e : byOffice.entrySet()) {
                    FiguresAssert.matches(OfficeFigures.of(e.getKey(), DAY, DAY, second.store().rollups(e.getKey(), DAY, DAY)),
                            ReferenceFigures.of(e.getValue()));
                }
            } finally {
                if (second != null) {
                    second.close();
                }
                first.close();
            }
        }
    }
}
