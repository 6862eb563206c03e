package tw.jiaohao.hub.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.HubConfig;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.RecoveryReply;
import tw.jiaohao.protocol.event.RecoveryRequest;

/** Starts hubs for tests: free HTTP port, a database under the test's folder, fast replay requests. */
public final class HubFixture {
    private static final JsonCodec CODEC = new JsonCodec();

    private HubFixture() {
    }

    public static HubConfig config(Path dir, String brokerUrl, String clientId, Map<String, String> extra) {
        Map<String, String> m = new HashMap<>();
        m.put("mqtt.url", brokerUrl);
        m.put("mqtt.client-id", clientId);
        m.put("http.port", "0");
        m.put("db.path", dir.resolve("hub.db").toString());
        m.put("db.synchronous", "NORMAL");
        m.put("broker.embedded.dir", dir.resolve("broker").toString());
        m.put("replay.interval-seconds", "1");
        m.put("replay.max-interval-seconds", "2");
        // these tests read the ingest's API without a dashboard login
        m.put("web.ingest-api-public", "true");
        m.putAll(extra);
        return HubConfig.from(m);
    }

    public static Hub start(Path dir, String brokerUrl, String clientId) {
        return Hub.start(config(dir, brokerUrl, clientId, Map.of()), Clock.systemUTC());
    }

    /** Every seq of the office up to this one is stored at the hub (0 before its first event). */
    public static long contiguous(Hub hub, String office) {
        return hub.store().progress(office).map(p -> p.contiguousSeq()).orElse(0L);
    }

    /** What an office node asks the hub at start, through the broker; asks again while the hub's responder is still subscribing. */
    public static RecoveryReply startUpCheck(TestClient client, String office, long fromSeq) throws Exception {
        client.subscribe(Topics.recoveryReply(office));
        MqttProperties props = new MqttProperties();
        props.setResponseTopic(Topics.recoveryReply(office));
        props.setCorrelationData(new byte[] {4, 2});
        for (int attempt = 0; ; attempt++) {
            client.publish(Topics.recovery(office), CODEC.encode(new RecoveryRequest(ProtocolVersion.CURRENT, office, fromSeq,
                    RecoveryRequest.MAX_LIMIT, "test-node")), false, props);
            TestClient.Received r = client.received.poll(5, TimeUnit.SECONDS); // the responder may still be subscribing
            if (r != null && r.topic().equals(Topics.recoveryReply(office))) {
                return CODEC.decodeOrThrow(r.payload(), RecoveryReply.class);
            }
            assertThat(attempt).as("a reply to the start-up check").isLessThan(5);
        }
    }
}
