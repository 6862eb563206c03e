package tw.jiaohao.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.device.DeviceStatus;

/** Sessions against a real broker (a Mosquitto child of this test, restarted on the same port). */
class MqttSessionIT {
    private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private int port;
    private Process broker;
    private final List<MqttSession> sessions = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startBroker() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        startMosquitto();
    }

    private void startMosquitto() throws Exception {
        assertThat(MOSQUITTO).as("mosquitto is installed").exists();
        broker = new ProcessBuilder(MOSQUITTO.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile())).start();
        until("mosquitto listens", () -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        sessions.forEach(MqttSession::close);
        broker.destroy();
        broker.waitFor(10, TimeUnit.SECONDS);
    }

    private MqttSession session(String device) {
        MqttSettings settings = MqttSettings.defaults("it-" + device).withUrl("tcp://127.0.0.1:" + port)
                .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(300)));
        MqttSession s = new MqttSession(settings, new Device("it-office", device, DeviceKind.WALL_BOARD, "test"), Clock.systemUTC());
        sessions.add(s);
        return s;
    }

    /** A session of no device (no will, no status), persistent when {@code expiry} is above zero. */
    private MqttSession plain(String clientId, Duration expiry, int receiveMaximum) {
        MqttSettings settings = MqttSettings.defaults(clientId).withUrl("tcp://127.0.0.1:" + port)
                .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(300))).withSessionExpiry(expiry)
                .withReceiveMaximum(receiveMaximum);
        MqttSession s = new MqttSession(settings, Clock.systemUTC());
        sessions.add(s);
        return s;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

        private static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void typedHandlersGetDecodedMessages_andRefusedPayloadsAreCountedNotDelivered() throws Exception {
        MqttSession a = session("a").start();
        List<DeviceStatus> seen = new CopyOnWriteArrayList<>();
        a.subscribe(Topics.deviceStatus("it-office", "x").replace("/x/", "/+/"), 1, DeviceStatus.class, in -> seen.add(in.message()));
        assertThat(a.awaitConnected(WAIT)).isTrue();
        until("a sees its own status", () -> seen.stream().anyMatch(s -> s.device().equals("a") && s.online()));

        MqttSession b = session("b").start();
        assertThat(b.awaitConnected(WAIT)).isTrue();
        until("a sees b online", () -> seen.stream().anyMatch(s -> s.device().equals("b") && s.online()));
        b.publish(Outbound.of(Topics.deviceStatus("it-office", "bad"), "{not json".getBytes(StandardCharsets.UTF_8))).get(5, TimeUnit.SECONDS);
        b.publish(Outbound.of(Topics.deviceStatus("it-office", "bad"), "{\"v\":1}".getBytes(StandardCharsets.UTF_8))).get(5, TimeUnit.SECONDS);
        until("a refused both", () -> a.metrics().rejected("DeviceStatus") == 2);
        assertThat(seen).noneMatch(s -> s.device().equals("bad"));

        b.close();
        until("a sees b offline after b closed", () -> seen.stream().anyMatch(s -> s.device().equals("b") && !s.online()));
    }

    @Test
    void aRequestIsAnsweredOnItsReplyTopic_timesOut_orFailsAtOnceOffline() throws Exception {
        MqttSession responder = session("responder").start();
        responder.subscribeRaw("jiaohao/v1/office/it-office/ask", 1, in -> responder.publish(
                Outbound.of(in.responseTopic(), in.message()).correlated(in.correlation())));
        MqttSession asker = session("asker");
        MqttSession.Requests<DeviceStatus> requests = asker.requests(Topics.replyTo("asker", "test"), DeviceStatus.class);
        DeviceStatus question = new DeviceStatus(ProtocolVersion.CURRENT, "it-office", "q", DeviceKind.KIOSK, true,
                java.time.Instant.parse("2026-12-03T10:00:00Z"), "test", null, "ping");

        assertThat(requests.send("jiaohao/v1/office/it-office/ask", question, Duration.ofSeconds(5)))
                .as("offline: fails at once").isCompletedExceptionally();

        asker.start();
        assertThat(asker.awaitConnected(WAIT)).isTrue();
        assertThat(responder.awaitConnected(WAIT)).isTrue();
        assertThat(requests.send("jiaohao/v1/office/it-office/ask", question, Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS))
                .isEqualTo(question);

        try {
            requests.send("jiaohao/v1/office/it-office/nobody", question, Duration.ofMillis(300)).get(5, TimeUnit.SECONDS);
            throw new AssertionError("answered by nobody");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void afterTheBrokerRestartsTheSessionReconnects_resubscribes_andIsOnlineAgain() throws Exception {
        MqttSession a = session("a").start();
        List<String> texts = new CopyOnWriteArrayList<>();
        a.subscribeRaw("jiaohao/v1/office/it-office/news", 1, in -> texts.add(new String(in.message(), StandardCharsets.UTF_8)));
        assertThat(a.awaitConnected(WAIT)).isTrue();

        broker.destroy();
        broker.waitFor(10, TimeUnit.SECONDS);
        until("a lost the broker", () -> !a.isConnected());
        assertThat(a.publish(Outbound.of("jiaohao/v1/office/it-office/news", new byte[] {1}))).as("offline publish").isCompletedExceptionally();
        startMosquitto();
        assertThat(a.awaitConnected(WAIT)).isTrue();
        assertThat(a.metrics().connects()).isEqualTo(2);
        assertThat(a.metrics().connectionLosses()).isEqualTo(1);

        MqttSession b = session("b").start();
        List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();
        b.subscribe(Topics.deviceStatus("it-office", "a"), 1, DeviceStatus.class, in -> statuses.add(in.message()));
        assertThat(b.awaitConnected(WAIT)).isTrue();
        until("a's retained status is online again", () -> statuses.stream().anyMatch(DeviceStatus::online));
        b.publish(Outbound.of("jiaohao/v1/office/it-office/news", "after the restart".getBytes(StandardCharsets.UTF_8))).get(5, TimeUnit.SECONDS);
        until("a received it on its resubscribed filter", () -> texts.contains("after the restart"));
    }

    @Test
    void aPersistentSession_getsWhatWasPublishedWhileAway_andWhatItDidNotAcknowledge_butNothingItAcknowledged() throws Exception {
        String topic = "jiaohao/v1/office/it-office/work";
        MqttSession sender = session("sender").start();
        assertThat(sender.awaitConnected(WAIT)).isTrue();

        MqttSession first = plain("it-persistent", Duration.ofMinutes(5), 100);
        List<String> firstGot = new CopyOnWriteArrayList<>();
        List<Acknowledgement> held = new CopyOnWriteArrayList<>();
        first.subscribeRawAcked(topic, 1, (in, ack) -> {
            firstGot.add(text(in.message()));
            if (text(in.message()).startsWith("acked")) {
                ack.ack();
            } else {
                held.add(ack); // never acknowledged by this run: as if it died before its commit
            }
        });
        first.start();
        assertThat(first.awaitConnected(WAIT)).isTrue();
        sender.publish(Outbound.of(topic, text("acked-1"))).get(5, TimeUnit.SECONDS);
        sender.publish(Outbound.of(topic, text("held-2"))).get(5, TimeUnit.SECONDS);
        until("the first run got both", () -> firstGot.size() == 2);
        // Paho sends acknowledgements before publishes: once this one is acknowledged, acked-1's PUBACK is out
        first.publish(Outbound.of("jiaohao/v1/office/it-office/sync", text("sync"))).get(5, TimeUnit.SECONDS);
        first.halt(); // a crash: no DISCONNECT, the broker keeps the session
        assertThat(held).hasSize(1);
        held.get(0).ack(); // after the connection is gone: not sent (an old packet id must not acknowledge another message)
        assertThat(first.metrics().staleAcks()).isEqualTo(1);

        sender.publish(Outbound.of(topic, text("while-away-3"))).get(5, TimeUnit.SECONDS);

        MqttSession second = plain("it-persistent", Duration.ofMinutes(5), 100);
        List<String> secondGot = new CopyOnWriteArrayList<>();
        second.subscribeRawAcked(topic, 1, (in, ack) -> {
            secondGot.add(text(in.message()));
            ack.ack();
        });
        second.start();
        until("the second run got the unacknowledged one and the one published while away",
                () -> secondGot.containsAll(List.of("held-2", "while-away-3")));
        second.close(); // a clean stop keeps the persistent session too

        MqttSession third = plain("it-persistent", Duration.ofMinutes(5), 100);
        List<String> thirdGot = new CopyOnWriteArrayList<>();
        third.subscribeRaw(topic, 1, in -> thirdGot.add(text(in.message())));
        third.start();
        assertThat(third.awaitConnected(WAIT)).isTrue();
        sender.publish(Outbound.of(topic, text("after-4"))).get(5, TimeUnit.SECONDS);
        until("the third run got the new one", () -> thirdGot.contains("after-4"));
        assertThat(secondGot).as("nothing acknowledged came twice").doesNotContain("acked-1");
        assertThat(thirdGot).as("what the second run acknowledged did not come again").containsExactly("after-4");
    }

    @Test
    void theReceiveMaximumHoldsBackWhatAnAckingHandlerHasNotAcknowledged() throws Exception {
        String topic = "jiaohao/v1/office/it-office/flow";
        MqttSession consumer = plain("it-flow", Duration.ofMinutes(5), 3);
        List<String> got = new CopyOnWriteArrayList<>();
        List<Acknowledgement> held = new CopyOnWriteArrayList<>();
        consumer.subscribeRawAcked(topic, 1, (in, ack) -> {
            got.add(text(in.message()));
            held.add(ack);
        });
        consumer.start();
        assertThat(consumer.awaitConnected(WAIT)).isTrue();
        MqttSession control = session("flow-control");
        List<String> controlGot = new CopyOnWriteArrayList<>();
        control.subscribeRaw(topic, 1, in -> controlGot.add(text(in.message())));
        control.start();
        assertThat(control.awaitConnected(WAIT)).isTrue();
        MqttSession sender = session("flow-sender").start();
        assertThat(sender.awaitConnected(WAIT)).isTrue();
        for (int i = 1; i <= 8; i++) {
            sender.publish(Outbound.of(topic, text("m" + i))).get(5, TimeUnit.SECONDS);
        }
        // a subscriber that acknowledges at once has all eight: the broker routed every one, and
        // holds back what would exceed the three unacknowledged the consumer allows
        until("the control subscriber got all", () -> controlGot.size() == 8);
        until("three delivered", () -> got.size() >= 3);
        assertThat(got).containsExactly("m1", "m2", "m3");
        while (got.size() < 8) {
            List<Acknowledgement> now = List.copyOf(held);
            held.removeAll(now);
            now.forEach(Acknowledgement::ack);
            int before = got.size();
            until("more after acknowledging", () -> got.size() > before || got.size() == 8);
        }
        assertThat(got).containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8");
    }

    @Test
    void aSharedAndAPlainSubscriptionOfOneSession_eachGetTheirOwnCopyOnce() throws Exception {
        String topic = "jiaohao/v1/office/it-office/both";
        MqttSession hub = plain("it-both", Duration.ZERO, 100);
        List<String> shared = new CopyOnWriteArrayList<>();
        List<String> plainCopies = new CopyOnWriteArrayList<>();
        hub.subscribeRawAcked("$share/g1/jiaohao/v1/office/+/both", 1, (in, ack) -> {
            shared.add(text(in.message()));
            ack.ack();
        });
        hub.subscribeRaw("jiaohao/v1/office/+/both", 1, in -> plainCopies.add(text(in.message())));
        hub.start();
        assertThat(hub.awaitConnected(WAIT)).isTrue();
        MqttSession sender = session("both-sender").start();
        assertThat(sender.awaitConnected(WAIT)).isTrue();
        sender.publish(Outbound.of(topic, text("x"))).get(5, TimeUnit.SECONDS);
        sender.publish(Outbound.of(topic, text("end"))).get(5, TimeUnit.SECONDS);
        until("both handlers got the end", () -> shared.contains("end") && plainCopies.contains("end"));
        assertThat(shared).containsExactly("x", "end");
        assertThat(plainCopies).containsExactly("x", "end");
        assertThat(hub.metrics().delivered()).as("the broker sent one copy per subscription").isEqualTo(4);
    }

    @Test
    void aSessionOfNoDevice_hasNoWillAndPublishesNoStatus() throws Exception {
        MqttSession watcher = session("watcher");
        List<String> statuses = new CopyOnWriteArrayList<>();
        watcher.subscribeRaw("jiaohao/v1/office/+/device/+/status", 1, in -> statuses.add(in.topic()));
        watcher.start();
        assertThat(watcher.awaitConnected(WAIT)).isTrue();
        until("the watcher's own status", () -> statuses.size() == 1);
        MqttSession hub = plain("it-no-device", Duration.ZERO, 100).start();
        assertThat(hub.awaitConnected(WAIT)).isTrue();
        assertThat(hub.primaryDevice()).isNull();
        hub.halt();
        hub.close();
        // a round trip through the broker after the halt: a will would have arrived before it
        MqttSession other = session("other").start();
        until("the other's status", () -> statuses.size() == 2);
        assertThat(statuses).containsExactly(Topics.deviceStatus("it-office", "watcher"), Topics.deviceStatus("it-office", "other"));
    }

    @Test
    void aSecondDeviceOfTheProcess_namesThePrimaryAsItsHost_andIsTakenOfflineByThePrimarysWill() throws Exception {
        MqttSession watcher = session("watcher");
        Map<String, DeviceStatus> newest = new java.util.concurrent.ConcurrentHashMap<>();
        watcher.subscribe("jiaohao/v1/office/it-office/device/+/status", 1, DeviceStatus.class,
                in -> newest.put(in.message().device(), in.message()));
        watcher.start();
        assertThat(watcher.awaitConnected(WAIT)).isTrue();
        MqttSession node = session("node");
        node.addDevice(new Device("it-office", "kiosk", DeviceKind.KIOSK, "test"));
        node.start();
        until("both devices online", () -> newest.containsKey("node") && newest.get("node").online()
                && newest.containsKey("kiosk") && newest.get("kiosk").online());
        assertThat(newest.get("kiosk").host()).isEqualTo("node");
        assertThat(newest.get("node").host()).as("the primary carries its own will").isNull();

        node.halt(); // the process vanishes: the broker publishes the one will, the primary's
        until("the node's will", () -> !newest.get("node").online());
        DeviceStatus kiosk = newest.get("kiosk");
        assertThat(kiosk.online()).as("nothing announces the kiosk itself").isTrue();
        assertThat(kiosk.givenHost(newest.get("node")).online()).as("but a receiver takes it offline with its host").isFalse();
    }
}
