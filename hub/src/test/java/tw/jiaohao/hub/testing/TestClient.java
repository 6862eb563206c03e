package tw.jiaohao.hub.testing;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.OfficeEvent;

/** A plain Paho client standing in for offices and devices in tests: publishes QoS 1 and waits for PUBACK. */
public final class TestClient implements AutoCloseable {
    private static final JsonCodec CODEC = new JsonCodec();
    private final MqttClient client;
    /** Messages received on subscribed topics, as (topic, payload). */
    public final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    public record Received(String topic, byte[] payload) {
    }

    public TestClient(String url, String clientId) throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 2);
        options.setMaximumPacketSize(4L * 1024 * 1024);
        client.connect(options);
    }

    public void subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1, (topic, message) -> received.add(new Received(topic, message.getPayload())));
    }

    public void publish(String topic, byte[] payload) throws MqttException {
        publish(topic, payload, false);
    }

    public void publish(String topic, byte[] payload, boolean retained) throws MqttException {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        m.setRetained(retained);
        client.publish(topic, m);
    }

    public void publishEvents(List<OfficeEvent> events) throws MqttException {
        for (OfficeEvent e : events) {
            publish(Topics.event(e.office()), CODEC.encode(e));
        }
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
