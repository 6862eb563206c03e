package tw.jiaohao.office.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.RecoveryReply;
import tw.jiaohao.protocol.event.RecoveryRequest;

/**
 * Answers an office's start-up recovery requests over a real broker the way a test scripts it:
 * {@link #answering(List)} like the hub from a list of events, or with any raw bytes (hostile,
 * malformed) from {@code script}. Counts the requests it answered.
 */
public final class FakeRecoveryHub implements AutoCloseable {
    private static final JsonCodec CODEC = new JsonCodec();
    private final MqttClient client;
    private final AtomicInteger requests = new AtomicInteger();

    public FakeRecoveryHub(String brokerUrl, String office, Function<RecoveryRequest, byte[]> script) throws MqttException {
        client = new MqttClient(brokerUrl, "fake-hub-" + office, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) throws Exception {
                RecoveryRequest request = CODEC.decodeOrThrow(m.getPayload(), RecoveryRequest.class);
                requests.incrementAndGet();
                MqttProperties props = new MqttProperties();
                props.setCorrelationData(m.getProperties().getCorrelationData());
                MqttMessage reply = new MqttMessage(script.apply(request));
                reply.setQos(1);
                reply.setProperties(props);
                String to = m.getProperties().getResponseTopic();
                new Thread(() -> {
                    try {
                        client.publish(to, reply);
                    } catch (MqttException e) {
                        throw new IllegalStateException(e);
                    }
                }).start();
            }

            @Override
            public void deliveryComplete(IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int code, MqttProperties p) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o);
        client.subscribe(Topics.recovery(office), 1);
    }

    /** Answers like the hub: the events of {@code held} from the request's seq on, at most its limit. */
    public static Function<RecoveryRequest, byte[]> answering(List<OfficeEvent> held) {
        return r -> {
            long max = held.stream().mapToLong(OfficeEvent::seq).max().orElse(0);
            List<OfficeEvent> page = held.stream().filter(e -> e.seq() >= r.fromSeq()).limit(r.limit()).toList();
            return CODEC.encode(new RecoveryReply(ProtocolVersion.CURRENT, r.office(), max, max, page));
        };
    }

    /** {@code json} as the reply's bytes. */
    public static byte[] raw(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
