package tw.jiaohao.hub.testing;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.client.MqttClientException;
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
    /** Events a test sends as a history (publishHistory) in flight at a time; below a broker's Receive Maximum (HiveMQ 10, Mosquitto 20). */
    private static final int HISTORY_IN_FLIGHT = 8;
    private final Client client;
    /** Messages received on subscribed topics, as (topic, payload). */
    public final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    public record Received(String topic, byte[] payload) {
    }

    public TestClient(String url, String clientId) throws MqttException {
        client = new Client(url, clientId);
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Received(topic, message.getPayload()));
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 2);
        options.setMaximumPacketSize(4L * 1024 * 1024);
        client.connect(options);
    }

    public void subscribe(String filter) throws MqttException {
        // MqttClient.subscribe(String, int, listener) recurses forever in Paho 1.2.5: use the callback
        client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)});
    }

    public void publish(String topic, byte[] payload) throws MqttException {
        publish(topic, payload, false);
    }

    public void publish(String topic, byte[] payload, boolean retained) throws MqttException {
        publish(topic, payload, retained, null);
    }

    /** Publishes QoS 1 with MQTT 5 properties (a response topic and correlation data for requests). */
    public void publish(String topic, byte[] payload, boolean retained, MqttProperties properties) throws MqttException {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        m.setRetained(retained);
        if (properties != null) {
            m.setProperties(properties);
        }
        for (int attempt = 0; ; attempt++) {
            try {
                client.publish(topic, m);
                return;
            } catch (MqttException e) {
                // Paho 1.2.5 may count a completed publish as in flight for a moment (32202)
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || attempt > 5000) {
                    throw e;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        }
    }

    public void publishEvents(List<OfficeEvent> events) throws MqttException {
        for (OfficeEvent e : events) {
            publish(Topics.event(e.office()), CODEC.encode(e));
        }
    }

    /**
     * Like {@link #publishEvents}, for a long history a test sets up (thousands of events): the
     * same QoS 1 messages in the same order on the one connection, but up to
     * {@value #HISTORY_IN_FLIGHT} in flight instead of one, so the test does not wait a PUBACK's
     * round trip per event. MQTT keeps a client's QoS 1 messages on a topic in order (the
     * "ordered topic" of the specification), so the hub receives them as with one at a time.
     * Returns once every one of them is acknowledged.
     */
    public void publishHistory(List<OfficeEvent> events) throws MqttException {
        MqttAsyncClient async = client.async();
        ArrayDeque<IMqttToken> inFlight = new ArrayDeque<>();
        for (OfficeEvent e : events) {
            if (inFlight.size() >= HISTORY_IN_FLIGHT) {
                inFlight.poll().waitForCompletion();
            }
            MqttMessage m = new MqttMessage(CODEC.encode(e));
            m.setQos(1);
            for (int attempt = 0; ; attempt++) {
                try {
                    inFlight.add(async.publish(Topics.event(e.office()), m));
                    break;
                } catch (MqttException x) {
                    // the broker's Receive Maximum reached for a moment (32202): wait for the oldest
                    if (x.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || attempt > 5000) {
                        throw x;
                    }
                    if (!inFlight.isEmpty()) {
                        inFlight.poll().waitForCompletion();
                    } else {
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                    }
                }
            }
        }
        while (!inFlight.isEmpty()) {
            inFlight.poll().waitForCompletion();
        }
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Paho's blocking client, with its asynchronous one (a protected field) reachable for {@link #publishHistory}. */
    private static final class Client extends MqttClient {
        Client(String url, String clientId) throws MqttException {
            super(url, clientId, new MemoryPersistence());
        }

        MqttAsyncClient async() {
            return aClient;
        }
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
