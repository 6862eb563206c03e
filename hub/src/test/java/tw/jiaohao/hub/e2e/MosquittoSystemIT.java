package tw.jiaohao.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.stats.OfficeFigures;
import tw.jiaohao.hub.testing.FiguresAssert;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.hub.testing.ReferenceFigures;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.messaging.Backoff;
import tw.jiaohao.office.testing.MosquittoProcess;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * Against a real Mosquitto child process: the hub away while the office works past
 * Mosquitto's queue limit (messages dropped), then Mosquitto itself restarted. The hub's
 * persistent session, its replay requests and the office node's replay must still bring
 * every event exactly once.
 */
@Tag("system")
class MosquittoSystemIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonCodec CODEC = new JsonCodec();
    private static final String OFFICE = "mosq-office";

    @TempDir
    Path dir;

    @Test
    void hubAwayPastTheBrokersQueueLimit_thenBrokerRestarted_gapsAreReplayed_andEveryEventIsHeldOnce() throws Exception {
        try (MosquittoProcess mosquitto = MosquittoProcess.withMaxQueuedMessages(dir.resolve("mosquitto"), 50).start()) {
            AtomicReference<Hub> hub = new AtomicReference<>(HubFixture.start(dir.resolve("hub"), mosquitto.url(), "hub-mosq"));
            OfficeConfig config = OfficeConfigLoader.defaults().withOffice(OFFICE, dir.resolve("office.db")).withBrokerUrl(mosquitto.url());
            try (OfficeNode node = OfficeNode.start(config, Clock.systemUTC(), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)))) {
                Random random = new Random(9);
                for (int k = 1; k <= 5; k++) {
                    node.service().execute(OFFICE, k, CommandAction.OPEN);
                }
                work(node, random, 20);
                Poll.until(WAIT, "hub caught up", () -> HubFixture.contiguous(hub.get(), OFFICE) == node.engine().lastSeq());

                hub.get().halt(); // the hub crashes; its session stays at Mosquitto
                work(node, random, 60); // ~200 events: past the queue limit of 50, Mosquitto drops the rest
                Poll.until(WAIT, "the office's outbox drained to the broker", () -> node.engine().pendingCount() == 0);
                hub.set(HubFixture.start(dir.resolve("hub"), mosquitto.url(), "hub-mosq"));
                long afterHubOutage = node.engine().lastSeq();
                Poll.until(WAIT, "the dropped events replayed", () -> HubFixture.contiguous(hub.get(), OFFICE) == afterHubOutage);
                // Mosquitto dropped the newest events: no gap shows, the probe after connecting finds them
                assertThat(hub.get().metrics().probes.get()).as("the office was probed").isPositive();

                mosquitto.stop();
                work(node, random, 20);
                mosquitto.start();
                long last = node.engine().lastSeq();
                Poll.until(WAIT, "everything after the broker restart", () -> HubFixture.contiguous(hub.get(), OFFICE) == last);

                List<OfficeEvent> officeEvents = node.engine().range(1, last, Integer.MAX_VALUE).stream()
                        .map(e -> CODEC.decodeOrThrow(e.payload(), OfficeEvent.class)).toList();
                assertThat(hub.get().store().events(OFFICE, 1, Integer.MAX_VALUE)).containsExactlyElementsOf(officeEvents);
                LocalDate day = officeEvents.get(officeEvents.size() - 1).officeDay();
                FiguresAssert.matches(OfficeFigures.of(OFFICE, day, day, hub.get().store().rollups(OFFICE, day, day)),
                        ReferenceFigures.of(officeEvents.stream().filter(e -> e.officeDay().equals(day)).toList()));
            } finally {
                hub.get().close();
            }
        }
    }

    private static void work(OfficeNode node, Random random, int tickets) {
        for (int i = 0; i < tickets; i++) {
            node.service().issue(random.nextBoolean() ? "A" : "C");
            int counter = 1 + random.nextInt(5);
            if (node.service().execute(OFFICE, counter, CommandAction.CALL_NEXT).ok()) {
                node.service().execute(OFFICE, counter, CommandAction.START);
                node.service().execute(OFFICE, counter, CommandAction.FINISH);
            }
        }
    }

}
