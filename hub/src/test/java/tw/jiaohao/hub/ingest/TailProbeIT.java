package tw.jiaohao.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.broker.EmbeddedBroker;
import tw.jiaohao.hub.store.OfficeProgress;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.hub.testing.SyntheticOffice;
import tw.jiaohao.hub.testing.TestClient;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.ReplayRequest;

/**
 * Issue 18, item 8, through a real (embedded) broker that keeps only 50 messages for an absent
 * client: the hub is away while an office with an open gap publishes 180 more events; the broker
 * drops the newest 130. After the hub reconnects, with the default replay settings, it asks for
 * everything after the newest event it got within 30 s — the open gap does not hold the probe back.
 */
class TailProbeIT {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final JsonCodec CODEC = new JsonCodec();

    @TempDir
    Path dir;

    @Test
    void afterAReconnect_eventsLostBeyondTheBrokersQueue_areAskedForWithin30Seconds_whileAGapIsOpen() throws Exception {
        List<OfficeEvent> events = new SyntheticOffice("tail", 41).day(DAY, 80);
        assertThat(events.size()).isGreaterThanOrEqualTo(200);
        Map<String, String> defaults = Map.of("replay.interval-seconds", "5", "replay.max-interval-seconds", "300",
                "replay.probe-interval-seconds", "600");
        try (EmbeddedBroker broker = new EmbeddedBroker(dir.resolve("broker"), "127.0.0.1", 50).start(0);
             TestClient office = new TestClient(broker.url(), "office-tail")) {
            try (Hub hub = Hub.start(HubFixture.config(dir, broker.url(), "hub-tail", defaults), Clock.systemUTC())) {
                office.publishEvents(events.subList(0, 10));
                office.publishEvents(events.subList(14, 20)); // 11..14 never arrive: a gap the office will not fill
                Poll.until(Duration.ofSeconds(30), "1..10 and 15..20 stored",
                        () -> hub.store().progress("tail").equals(java.util.Optional.of(new OfficeProgress("tail", 10, 20, 15L))));
            }
            office.publishEvents(events.subList(20, 200)); // the hub is away: the broker keeps 21..70, drops 71..200
            office.subscribe(Topics.replay("tail"));

            try (Hub hub = Hub.start(HubFixture.config(dir, broker.url(), "hub-tail", defaults), Clock.systemUTC())) {
                Instant reconnected = Instant.now();
                assertThat(hub.connected()).isTrue();
                Poll.until(Duration.ofSeconds(30), "what the broker kept stored", () -> hub.store().progress("tail")
                        .map(OfficeProgress::maxSeq).orElse(0L) == 70);
                assertThat(hub.replays().openGaps()).containsKey("tail");
                ReplayRequest tail = null;
                while (tail == null) {
                    long left = 30 - Duration.between(reconnected, Instant.now()).toSeconds();
                    TestClient.Received r = office.received.poll(Math.max(left, 0), TimeUnit.SECONDS);
                    assertThat(r).as("a request for everything after seq 70 within 30 s of reconnecting").isNotNull();
                    ReplayRequest request = CODEC.decodeOrThrow(r.payload(), ReplayRequest.class);
                    if (request.toSeq() == null) {
                        tail = request;
                    }
                }
                assertThat(tail.fromSeq()).isEqualTo(71);
                assertThat(Duration.between(reconnected, Instant.now())).isLessThanOrEqualTo(Duration.ofSeconds(30));
                office.publishEvents(events.subList(70, 200)); // the office answers (this small broker may drop some again)
                Poll.until(Duration.ofSeconds(30), "the answer taken", () -> hub.store().progress("tail")
                        .map(OfficeProgress::maxSeq).orElse(0L) > 70);
            }
        }
    }
}
