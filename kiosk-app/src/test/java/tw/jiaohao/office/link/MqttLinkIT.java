package tw.jiaohao.office.link;

import tw.jiaohao.messaging.Backoff;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.testing.Await;
import tw.jiaohao.office.testing.EmbeddedBroker;
import tw.jiaohao.office.testing.TestClient;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.counter.ReplyCode;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.ReplayRequest;
import tw.jiaohao.protocol.state.StateSnapshot;

class MqttLinkIT {
    static final Duration T = Duration.ofSeconds(15);
    static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(500));
    static final AtomicInteger offices = new AtomicInteger();
    static EmbeddedBroker broker;
    final JsonCodec codec = new JsonCodec();

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker(@TempDir Path brokerDir) {
        broker = EmbeddedBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private OfficeConfig config() {
        String office = "link-" + offices.incrementAndGet();
        return TestOffice.defaultConfig(dir).withOffice(office, dir.resolve(office + ".db")).withBrokerUrl(broker.url());
    }

    private static void awaitConnected(OfficeNode node) {
        Await.until("the node connected", T, node.link()::isConnected);
    }

    private CommandReply send(TestClient c, String office, int counter, CommandAction action) {
        return c.request(Topics.counterCommand(office, counter), CounterCommand.of(office, counter, action));
    }

    @Test
    void commands_areAnsweredOnTheResponseTopic_withTheCorrelationData() {
        OfficeConfig config = config();
        String office = config.officeId();
        try (OfficeNode node = OfficeNode.start(config, Clock.systemUTC(), FAST);
             TestClient counter = new TestClient(broker.url(), "counter-unit-1", false)) {
            awaitConnected(node);
            assertThat(send(counter, office, 1, CommandAction.CALL_NEXT).code()).isEqualTo(ReplyCode.COUNTER_CLOSED);
            assertThat(send(counter, office, 1, CommandAction.OPEN).ok()).isTrue();
            assertThat(send(counter, office, 1, CommandAction.CALL_NEXT).code()).isEqualTo(ReplyCode.NOBODY_WAITING);
            node.service().issue("A");
            CommandReply called = send(counter, office, 1, CommandAction.CALL_NEXT);
            assertThat(called.ok()).isTrue();
            assertThat(called.ticket().number()).isEqualTo("A001");
            assertThat(send(counter, office, 77, CommandAction.OPEN).code()).isEqualTo(ReplyCode.UNKNOWN_COUNTER);
            assertThat(node.link().metrics().commandsExecuted()).isEqualTo(5);
        }
    }

    @Test
    void outbox_publishesEveryEventInSeqOrder_andMarksThemSent_snapshotIsRetained() {
        OfficeConfig config = config();
        String office = config.officeId();
        try (TestClient hub = new TestClient(broker.url(), "hub-" + office, false).subscribe(Topics.event(office));
             OfficeNode node = OfficeNode.start(config, Clock.systemUTC(), FAST)) {
            for (int i = 0; i < 30; i++) {
                node.service().issue(i % 2 == 0 ? "A" : "B");
            }
            node.service().execute(office, 1, CommandAction.OPEN);
            node.service().execute(office, 1, CommandAction.CALL_NEXT);
            for (long seq = 1; seq <= 31; seq++) {
                OfficeEvent e = codec.decodeOrThrow(hub.await(r -> true, T).payload(), OfficeEvent.class);
                assertThat(e.seq()).isEqualTo(seq);
                assertThat(e.office()).isEqualTo(office);
            }
            Await.until("all events marked sent", T, () -> node.engine().pendingCount() == 0);

            // a board that connects later gets the newest state at once (retained)
            try (TestClient board = new TestClient(broker.url(), "board-" + office, false)) {
                board.subscribe(Topics.state(office));
                TestClient.Received r = board.await(m -> codec.decodeOrThrow(m.payload(), StateSnapshot.class).seq() == 31, T);
                assertThat(r.retained()).isTrue();
                StateSnapshot s = codec.decodeOrThrow(r.payload(), StateSnapshot.class);
                assertThat(s.counters().get(0).current().number()).isEqualTo("A001");
                assertThat(s.categories().get(0).waiting()).isEqualTo(14);
            }
        }
    }

    @Test
    void deviceStatus_isOnlineWhileRunning_andOfflineAfterClose() {
        OfficeConfig config = config();
        String topic = Topics.deviceStatus(config.officeId(), config.deviceId());
        try (TestClient hub = new TestClient(broker.url(), "status-" + config.officeId(), false).subscribe(topic)) {
            OfficeNode node = OfficeNode.start(config, Clock.systemUTC(), FAST);
            DeviceStatus online = codec.decodeOrThrow(hub.await(r -> true, T).payload(), DeviceStatus.class);
            assertThat(online.online()).isTrue();
            assertThat(online.kind()).isEqualTo(DeviceKind.OFFICE_NODE);
            node.close();
            DeviceStatus offline = codec.decodeOrThrow(hub.await(r -> true, T).payload(), DeviceStatus.class);
            assertThat(offline.online()).isFalse();
        }
        try (TestClient late = new TestClient(broker.url(), "status-late-" + config.officeId(), false).subscribe(topic)) {
            TestClient.Received r = late.await(m -> true, T);
            assertThat(r.retained()).isTrue();
            assertThat(codec.decodeOrThrow(r.payload(), DeviceStatus.class).online()).isFalse();
        }
    }

    @Test
    void replayRequest_republishesTheAskedEvents_inSeqOrder() {
        OfficeConfig config = config();
        String office = config.officeId();
        try (TestClient hub = new TestClient(broker.url(), "replay-" + office, false).subscribe(Topics.event(office));
             OfficeNode node = OfficeNode.start(config, Clock.systemUTC(), FAST)) {
            for (int i = 0; i < 6; i++) {
                node.service().issue("C");
            }
            for (int i = 0; i < 6; i++) {
                hub.await(r -> true, T);
            }
            Await.until("all sent", T, () -> node.engine().pendingCount() == 0);
            hub.publish(Topics.replay(office), codec.encode(new ReplayRequest(1, office, 2, 4L, "hub")), null, null);
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                seqs.add(codec.decodeOrThrow(hub.await(r -> true, T).payload(), OfficeEvent.class).seq());
            }
            assertThat(seqs).containsExactly(2L, 3L, 4L);
            hub.publish(Topics.replay(office), codec.encode(new ReplayRequest(1, office, 5, null, "hub")), null, null);
            assertThat(codec.decodeOrThrow(hub.await(r -> true, T).payload(), OfficeEvent.class).seq()).isEqualTo(5);
            assertThat(codec.decodeOrThrow(hub.await(r -> true, T).payload(), OfficeEvent.class).seq()).isEqualTo(6);
            Await.until("replays counted", T, () -> node.link().metrics().replaysServed() == 2);
        }
        // after a restart, with nothing left to send, the stored events are still replayed
        try (TestClient hub = new TestClient(broker.url(), "replay2-" + office, false).subscribe(Topics.event(office));
             OfficeNode node = OfficeNode.start(config, Clock.systemUTC(), FAST)) {
            awaitConnected(node);
            hub.publish(Topics.replay(office), codec.encode(new ReplayRequest(1, office, 3, 3L, "hub")), null, null);
            assertThat(codec.decodeOrThrow(hub.await(r -> true, T).payload(), OfficeEvent.class).seq()).isEqualTo(3);
        }
    }

    @Test
    void hostilePayloads_onEveryConsumedTopic_areRefusedAndCounted_nodeKeepsWorking_nothingStored() {
        OfficeConfig config = config();
        String office = config.officeId();
        String cmdTopic = Topics.counterCommand(office, 2);
        String big = "x".repeat(1024 * 1024);
        List<String> badCommands = List.of(
                "{\"v\":1,\"office\":\"" + office + "\",\"counter\":2,\"action\":\"CALL_",          // truncated
                "{\"v\":1,\"office\":\"" + office + "\",\"counter\":\"two\",\"action\":\"OPEN\"}",   // wrong type
                "{\"v\":1,\"office\":\"" + office + "\",\"counter\":2,\"action\":\"OPEN\",\"ticketId\":\"" + big + "\"}", // 1 MB
                "{\"v\":1,\"office\":\"" + office + "\",\"counter\":2,\"action\":\"SELF_DESTRUCT\"}", // unknown type
                "{\"v\":1,\"office\":\"someone-else\",\"counter\":2,\"action\":\"OPEN\"}",          // office ≠ topic
                "{\"v\":1,\"office\":\"" + office + "\",\"counter\":3,\"action\":\"OPEN\"}",         // counter ≠ topic
                "[1,2,3]", "null", "", "{\"v\":2,\"office\":\"" + office + "\",\"counter\":2,\"action\":\"OPEN\"}");
        List<String> badReplays = List.of(
                "{\"v\":1,\"office\":\"" + office + "\",\"fromSeq\":",
                "{\"v\":1,\"office\":\"" + office + "\",\"fromSeq\":\"one\",\"requestedBy\":\"hub\"}",
                "{\"v\":1,\"office\":\"" + office + "\",\"fromSeq\":1,\"requestedBy\":\"" + big + "\"}",
                "{\"v\":1,\"office\":\"other\",\"fromSeq\":1,\"requestedBy\":\"hub\"}",
                "{\"v\":1,\"office\":\"" + office + "\",\"fromSeq\":0,\"requestedBy\":\"hub\"}",
                "{\"v\":1,\"office\":\"" + office + "\",\"fromSeq\":1,\"toSeq\":999999999,\"requestedBy\":\"hub\"}");
        try (OfficeNode node = OfficeNode.start(config, Clock.systemUTC(), FAST);
             TestClient attacker = new TestClient(broker.url(), "attacker-" + office, false)) {
            awaitConnected(node);
            node.service().issue("A");
            long seq = node.engine().lastSeq();
            int i = 0;
            for (String bad : badCommands) {
                byte[] corr = ("bad-" + i++).getBytes(StandardCharsets.UTF_8);
                attacker.publish(cmdTopic, bad.getBytes(StandardCharsets.UTF_8), attacker.replyTopic(), corr);
                TestClient.Received reply = attacker.awaitReply(corr, T);
                assertThat(reply).as("a MALFORMED reply to %s", bad.length() > 80 ? bad.substring(0, 80) : bad).isNotNull();
                assertThat(codec.decodeOrThrow(reply.payload(), CommandReply.class).code()).isEqualTo(ReplyCode.MALFORMED);
            }
            // a response topic outside jiaohao/v1/reply/ would let a sender inject messages anywhere
            attacker.publish(cmdTopic, codec.encode(CounterCommand.of(office, 2, CommandAction.OPEN)), Topics.event(office), "x".getBytes());
            for (String bad : badReplays) {
                attacker.publish(Topics.replay(office), bad);
            }
            Await.until("every hostile payload counted", T,
                    () -> node.link().metrics().commandsRefused() == badCommands.size() + 1
                            && node.link().metrics().replaysRefused() == badReplays.size(),
                    () -> node.link().metrics().toString());
            assertThat(node.link().metrics().commandsExecuted()).isZero();
            assertThat(node.link().metrics().replaysServed()).isZero();
            assertThat(node.engine().lastSeq()).as("nothing stored").isEqualTo(seq);
            assertThat(node.engine().snapshot().counters().get(1).open()).as("counter 2 still closed").isFalse();

            // still connected and working
            assertThat(node.link().isConnected()).isTrue();
            assertThat(send(attacker, office, 2, CommandAction.OPEN).ok()).isTrue();
            assertThat(send(attacker, office, 2, CommandAction.CALL_NEXT).ticket().number()).isEqualTo("A001");
        }
    }
}
