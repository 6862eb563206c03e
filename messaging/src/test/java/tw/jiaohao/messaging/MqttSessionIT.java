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
}
