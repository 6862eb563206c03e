package tw.jiaohao.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.cases.HubKeys;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.hub.testing.SyntheticOffice;
import tw.jiaohao.hub.testing.TestClient;
import tw.jiaohao.office.testing.ConnectCounter;
import tw.jiaohao.office.testing.EmbeddedBroker;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.RecoveryReply;
import tw.jiaohao.protocol.selfservice.AccountLookupReply;
import tw.jiaohao.protocol.selfservice.AccountLookupRequest;

/**
 * The hub opens ONE MQTT connection at the broker (counted by a proxy in front of a real broker,
 * as for the board and the counter unit) while its ingest, dashboard live link, self-service
 * look-ups and start-up check responder all work through it.
 */
class HubOneSessionIT {
    private static final JsonCodec CODEC = new JsonCodec();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String OFFICE = "one-hub";

    @TempDir
    Path dir;

    @Test
    void ingestLiveLinkSelfServiceAndRecovery_shareTheHubsOneConnection() throws Exception {
        HubKeys.create(dir.resolve("keys"));
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"));
             ConnectCounter counter = new ConnectCounter(broker.url());
             TestClient office = new TestClient(broker.url(), "one-hub-office")) {
            HubConfig config = HubFixture.config(dir, counter.url(), "one-hub-it", Map.of("selfservice.enabled", "true",
                    "selfservice.keys-dir", dir.resolve("keys").toString()));
            try (Hub hub = Hub.start(config, Clock.systemUTC())) {
                Poll.until(WAIT, "the hub is connected", hub::connected);

                // ingest: an event stored (committed, acknowledged)
                OfficeEvent event = new SyntheticOffice(OFFICE, 7).day(LocalDate.now(SyntheticOffice.TAIPEI).minusDays(1), 1).get(0);
                office.publish(Topics.event(OFFICE), CODEC.encode(event));
                Poll.until(WAIT, "the event is stored", () -> HubFixture.contiguous(hub, OFFICE) == event.seq());

                // dashboard live link: a device's status on the live board
                office.publish(Topics.deviceStatus(OFFICE, "kiosk-1"), CODEC.encode(new DeviceStatus(ProtocolVersion.CURRENT, OFFICE,
                        "kiosk-1", DeviceKind.KIOSK, true, Instant.now(), "test", null, null)), true);
                Poll.until(WAIT, "the live board shows the kiosk", () -> hub.dashboard().live().devices(OFFICE).stream()
                        .anyMatch(d -> d.device().equals("kiosk-1") && d.online()));

                // self-service: a look-up answered on its response topic
                office.subscribe(Topics.replyTo(OFFICE, "lookup"));
                MqttProperties props = new MqttProperties();
                props.setResponseTopic(Topics.replyTo(OFFICE, "lookup"));
                props.setCorrelationData("one".getBytes(StandardCharsets.UTF_8));
                office.publish(Topics.accountLookup(), CODEC.encode(AccountLookupRequest.of(OFFICE, "kiosk-1", "33004567890", null)),
                        false, props);
                TestClient.Received reply = office.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(reply).as("a look-up reply").isNotNull();
                assertThat(reply.topic()).isEqualTo(Topics.replyTo(OFFICE, "lookup"));
                CODEC.decodeOrThrow(reply.payload(), AccountLookupReply.class);

                // recovery: the start-up check answered from the store
                RecoveryReply check = HubFixture.startUpCheck(office, OFFICE, 1);
                assertThat(check.contiguousSeq()).isEqualTo(event.seq());
                assertThat(hub.recovery().answered()).isPositive();

                assertThat(counter.connects()).as("MQTT CONNECTs of the hub").isEqualTo(1);
                assertThat(counter.open()).as("the hub's connections open now").isEqualTo(1);
                assertThat(hub.mqtt().metrics().connects()).isEqualTo(1);
            }
            assertThat(counter.connects()).as("no second connection while stopping").isEqualTo(1);
        }
    }
}
