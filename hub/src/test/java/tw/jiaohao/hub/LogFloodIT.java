package tw.jiaohao.hub;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.cases.HubKeys;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.hub.testing.SyntheticOffice;
import tw.jiaohao.hub.testing.TestClient;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.RecoveryRequest;

/**
 * Issue 10, finding 7: 1,000 hostile messages spread over every MQTT input of the hub (events
 * with implausible, negative and taken seqs; device statuses naming another device or dated a
 * day ahead; recovery requests without a reply topic; malformed look-ups and self-service
 * requests), from 15 invented offices, through a real (embedded) broker. The log grows by a
 * bounded number of lines, measured here, none with a stack trace; every message is counted.
 */
class LogFloodIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonCodec CODEC = new JsonCodec();
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    /** Lines the flood may add: a handful of kinds per input, each at most 6 lines a minute (5 offices + "others"). */
    private static final int MAX_LINES = 100;

    @TempDir
    Path dir;

    @Test
    void thousandHostileMessages_growTheLogByABoundedNumberOfLines_withoutStackTraces_andAreAllCounted() throws Exception {
        HubKeys.create(dir.resolve("keys"));
        Map<String, String> extra = Map.of("broker.embedded.port", "0", "selfservice.enabled", "true",
                "selfservice.keys-dir", dir.resolve("keys").toString(), "selfservice.mqtt.client-id", "flood-ss");
        List<OfficeEvent> steady = new SyntheticOffice("steady", 31).day(DAY, 5);
        try (Hub hub = Hub.start(HubFixture.config(dir, "", "flood-hub", extra), Clock.systemUTC());
             TestClient sender = new TestClient(hub.brokerUrl(), "flood-sender")) {
            sender.publishEvents(steady);
            Poll.until(WAIT, "the genuine office stored", () -> HubFixture.contiguous(hub, "steady") == steady.size());
            HubFixture.startUpCheck(sender, "steady", 1); // the recovery responder is listening
            long refusedRecoveriesBefore = hub.recovery().refused();

            ListAppender<ILoggingEvent> log = new ListAppender<>();
            log.start();
            ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.addAppender(log);
            int sent = 0;
            try {
                for (int i = 0; i < 250; i++) {
                    sender.publishEvents(List.of(SyntheticOffice.stranger(office(i), DAY, 1_000_000_000_000L + i, "A" + (100 + i % 900))));
                    sent++;
                }
                String json = CODEC.encodeToString(steady.get(0));
                for (int i = 0; i < 150; i++) {
                    String bad = json.replace("\"office\":\"steady\"", "\"office\":\"" + office(i) + "\"")
                            .replace("\"seq\":1,", "\"seq\":-" + (i + 1) + ",");
                    sender.publish(Topics.event(office(i)), bad.getBytes(StandardCharsets.UTF_8));
                    sent++;
                }
                for (int i = 0; i < 100; i++) {
                    sender.publishEvents(List.of(SyntheticOffice.stranger("steady", DAY, 1 + i % steady.size(), "C" + (100 + i))));
                    sent++;
                }
                for (int i = 0; i < 100; i++) {
                    DeviceStatus other = new DeviceStatus(ProtocolVersion.CURRENT, office(i), "kiosk-x", DeviceKind.KIOSK, false,
                            Instant.now(), "1.0", null, null);
                    sender.publish(Topics.deviceStatus(office(i), "kiosk-" + i), CODEC.encode(other));
                    sent++;
                }
                for (int i = 0; i < 100; i++) {
                    DeviceStatus ahead = new DeviceStatus(ProtocolVersion.CURRENT, office(i), "board-" + i, DeviceKind.WALL_BOARD, true,
                            Instant.now().plus(Duration.ofDays(1)), "1.0", null, null);
                    sender.publish(Topics.deviceStatus(office(i), "board-" + i), CODEC.encode(ahead));
                    sent++;
                }
                for (int i = 0; i < 100; i++) {
                    sender.publish(Topics.recovery(office(i)), CODEC.encode(new RecoveryRequest(ProtocolVersion.CURRENT, office(i), 1, 10,
                            "flood")));
                    sent++;
                }
                for (int i = 0; i < 100; i++) {
                    MqttProperties props = new MqttProperties();
                    props.setResponseTopic(Topics.replyTo(office(i), "lookup"));
                    props.setCorrelationData(new byte[] {(byte) i});
                    sender.publish(Topics.accountLookup(), ("{\"v\":1,\"office\":\"" + office(i) + "\",\"accountNumber\":\"" + i + "\"}")
                            .getBytes(StandardCharsets.UTF_8), false, props);
                    sent++;
                }
                for (int i = 0; i < 100; i++) {
                    sender.publish(Topics.request(office(i)), ("{\"v\":1,\"office\":\"" + office(i) + "\",\"kind\":\"TRANSFER\",\"n\":" + i + "}")
                            .getBytes(StandardCharsets.UTF_8));
                    sent++;
                }
                int events = steady.size() + 250 + 150 + 100;
                java.util.function.Supplier<List<Long>> counted = () -> List.of(hub.metrics().received.get() - events - 200,
                        hub.metrics().implausibleSeqs.get() - 250, hub.metrics().rejectedEvents.get() - 150,
                        hub.metrics().seqConflicts.get() - 100, hub.metrics().rejectedStatuses.get() - 100,
                        hub.metrics().clockAhead.get() - 100, hub.recovery().refused() - refusedRecoveriesBefore - 100,
                        hub.selfService().cases().metrics().lookupsMalformed.get() - 100,
                        hub.selfService().cases().metrics().requestsMalformed.get() - 100,
                        hub.dashboard().link().rejectedMessages() - 100, hub.dashboard().link().clockAheadStatuses() - 100);
                try {
                    Poll.until(WAIT, "every message counted", () -> hub.writerIdle() && counted.get().stream().allMatch(d -> d == 0));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; counts minus expected: " + counted.get(), e);
                }
            } finally {
                root.detachAppender(log);
            }
            List<ILoggingEvent> lines = log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).toList();
            long chars = lines.stream().mapToLong(e -> e.getLoggerName().length() + e.getFormattedMessage().length() + 40).sum();
            System.out.printf("log flood: %d hostile messages -> %d log lines, about %d bytes%n", sent, lines.size(), chars);
            assertThat(sent).isEqualTo(1000);
            assertThat(lines).as("no stack trace for bad input").allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
            assertThat(lines).as("log lines for 1,000 hostile messages").hasSizeLessThanOrEqualTo(MAX_LINES);
            assertThat(hub.store().events("steady", 1, 100)).as("the genuine office untouched").containsExactlyElementsOf(steady);
            assertThat(hub.connected()).isTrue();
        }
    }

    /** One of 15 invented offices. */
    private static String office(int i) {
        return "flood-" + (i % 15);
    }
}
