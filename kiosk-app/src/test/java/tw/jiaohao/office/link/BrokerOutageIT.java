package tw.jiaohao.office.link;

import tw.jiaohao.messaging.Backoff;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.testing.Await;
import tw.jiaohao.office.testing.EmbeddedBroker;
import tw.jiaohao.office.testing.EventCollector;
import tw.jiaohao.office.testing.TestClient;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;

class BrokerOutageIT {
    static final Duration T = Duration.ofSeconds(30);

    @Test
    void withTheBrokerDown_ticketsAreIssuedAndCalled_andAfterwardsTheSubscriberHasEveryEventOncePerSeqInOrder(
            @TempDir Path dir) {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"))) {
            OfficeConfig config = TestOffice.defaultConfig(dir).withBrokerUrl(broker.url());
            String office = config.officeId();
            EventCollector seen = new EventCollector();
            try (TestClient hub = new TestClient(broker.url(), "outage-hub", true).subscribe(Topics.event(office));
                 OfficeNode node = OfficeNode.start(config, Clock.systemUTC(), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)))) {
                Await.until("connected", T, node.link()::isConnected);
                for (int i = 0; i < 5; i++) {
                    node.service().issue("A");
                }
                Await.until("the first events arrived", T, () -> {
                    seen.drain(hub, Duration.ofMillis(50));
                    return seen.distinct() == 5;
                });

                broker.stop();
                Await.until("the node noticed", T, () -> !node.link().isConnected());
                node.service().execute(office, 1, CommandAction.OPEN);
                node.service().execute(office, 4, CommandAction.OPEN);
                for (int i = 0; i < 20; i++) {
                    assertThat(node.service().issue(i % 2 == 0 ? "A" : "C").number()).isNotBlank();
                    int counter = i % 2 == 0 ? 1 : 4;
                    CommandReply called = node.service().execute(office, counter, CommandAction.CALL_NEXT);
                    assertThat(called.ok()).as(called.message()).isTrue();
                    assertThat(node.service().execute(office, counter, CommandAction.START).ok()).isTrue();
                    assertThat(node.service().execute(office, counter, CommandAction.FINISH).ok()).isTrue();
                }
                long last = node.engine().lastSeq();
                assertThat(last).isEqualTo(5 + 20 * 4);
                assertThat(node.engine().pendingCount()).isGreaterThanOrEqualTo(80);

                broker.start();
                Await.until("every event arrived after the restart", T, () -> {
                    seen.drain(hub, Duration.ofMillis(50));
                    return seen.distinct() == last;
                }, () -> "seen " + seen.distinct() + " of " + last + "; " + node.link().metrics());
                assertThat(seen.isGapFreeInOrder(last)).as("seqs in order: %s", seen.distinctInOrder()).isTrue();
                Await.until("the outbox drained", T, () -> node.engine().pendingCount() == 0);
                assertThat(node.link().metrics().connects()).isGreaterThanOrEqualTo(2);
                assertThat(node.link().metrics().connectionLosses()).isGreaterThanOrEqualTo(1);
            }
        }
    }
}
