package tw.jiaohao.office.link;

import tw.jiaohao.messaging.Backoff;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.testing.Await;
import tw.jiaohao.office.testing.EventCollector;
import tw.jiaohao.office.testing.MosquittoProcess;
import tw.jiaohao.office.testing.TestClient;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;

/** The office against a real Mosquitto child process that is stopped and restarted mid-day. */
@Tag("system")
class MosquittoOutageSystemIT {
    static final Duration T = Duration.ofSeconds(30);

    @Test
    void mosquittoRestart_midDay_officeKeepsWorking_subscriberGetsEverySeqInOrder(@TempDir Path dir) {
        try (MosquittoProcess mosquitto = MosquittoProcess.start(dir.resolve("mosquitto"))) {
            OfficeConfig config = TestOffice.defaultConfig(dir).withBrokerUrl(mosquitto.url());
            String office = config.officeId();
            EventCollector seen = new EventCollector();
            try (TestClient hub = new TestClient(mosquitto.url(), "system-hub", true).subscribe(Topics.event(office));
                 OfficeNode node = OfficeNode.start(config, Clock.systemUTC(), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)))) {
                Await.until("connected", T, node.link()::isConnected);
                try (TestClient counter = new TestClient(mosquitto.url(), "system-counter", false)) {
                    node.service().issue("A");
                    CommandReply open = counter.request(Topics.counterCommand(office, 2), CounterCommand.of(office, 2, CommandAction.OPEN));
                    assertThat(open.ok()).isTrue();
                    CommandReply call = counter.request(Topics.counterCommand(office, 2), CounterCommand.of(office, 2, CommandAction.CALL_NEXT));
                    assertThat(call.ticket().number()).isEqualTo("A001");
                }
                mosquitto.stop();
                Await.until("the node noticed", T, () -> !node.link().isConnected());
                for (int i = 0; i < 15; i++) {
                    node.service().issue("B");
                }
                node.service().execute(office, 2, CommandAction.START);
                node.service().execute(office, 2, CommandAction.FINISH);
                for (int i = 0; i < 5; i++) {
                    assertThat(node.service().execute(office, 2, CommandAction.CALL_NEXT).ok()).isTrue();
                    assertThat(node.service().execute(office, 2, CommandAction.NO_SHOW).ok()).isTrue();
                }
                long last = node.engine().lastSeq();
                mosquitto.start();
                Await.until("every event after the restart", T, () -> {
                    seen.drain(hub, Duration.ofMillis(50));
                    return seen.distinct() == last;
                }, () -> seen.distinct() + " of " + last + "; " + node.link().metrics());
                assertThat(seen.isGapFreeInOrder(last)).as("in order: %s", seen.distinctInOrder()).isTrue();
                Await.until("outbox drained", T, () -> node.engine().pendingCount() == 0);
            }
        }
    }
}
