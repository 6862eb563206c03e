package tw.jiaohao.office.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandReply;

/**
 * A Paho MQTT 5 client for tests: records every message it receives, sends requests with a
 * response topic and correlation data. With {@code persistent} it keeps its session (and
 * reconnects by itself) so it receives what was published while it was cut off.
 */
public final class TestClient implements AutoCloseable {
    /** A received message. */
    public record Received(String topic, byte[] payload, boolean retained, byte[] correlation) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final MqttClient client;
    private final String id;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final ConcurrentHashMap<String, BlockingQueue<Received>> replies = new ConcurrentHashMap<>();
    private final JsonCodec codec = new JsonCodec();
    private final String replyTopic;

    public TestClient(String brokerUrl, String clientId, boolean persistent) {
        this.id = clientId;
        this.replyTopic = Topics.replyTo(clientId, "command");
        try {
            client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
            client.setCallback(new MqttCallback() {
                @Override
                public void disconnected(MqttDisconnectResponse r) {
                }

                @Override
                public void mqttErrorOccurred(MqttException e) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage m) {
                    byte[] corr = m.getProperties() == null ? null : m.getProperties().getCorrelationData();
                    Received r = new Received(topic, m.getPayload(), m.isRetained(), corr);
                    if (topic.equals(replyTopic) && corr != null) {
                        replies.computeIfAbsent(new String(corr, StandardCharsets.UTF_8), k -> new LinkedBlockingQueue<>()).add(r);
                    } else {
                        received.add(r);
                    }
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
            o.setCleanStart(!persistent);
            o.setSessionExpiryInterval(persistent ? 3600L : 0L);
            o.setAutomaticReconnect(persistent);
            o.setAutomaticReconnectDelay(1, 2);
            tw.jiaohao.messaging.internal.NoDelaySocketFactory.applyTo(o, brokerUrl);
            client.connect(o);
            client.subscribe(replyTopic, 1);
        } catch (MqttException e) {
            throw new IllegalStateException("test client cannot connect to " + brokerUrl + ": " + e, e);
        }
    }

    public TestClient subscribe(String filter) {
        try {
            client.subscribe(filter, 1);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public void publish(String topic, byte[] payload, String responseTopic, byte[] correlation) {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        MqttProperties p = new MqttProperties();
        if (responseTopic != null) {
            p.setResponseTopic(responseTopic);
        }
        if (correlation != null) {
            p.setCorrelationData(correlation);
        }
        m.setProperties(p);
        try {
            client.publish(topic, m);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    public void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), null, null);
    }

    /** Sends {@code payload} to {@code topic} as a request and waits for the reply. */
    public CommandReply request(String topic, byte[] payload, Duration timeout) {
        String corr = UUID.randomUUID().toString();
        BlockingQueue<Received> q = replies.computeIfAbsent(corr, k -> new LinkedBlockingQueue<>());
        publish(topic, payload, replyTopic, corr.getBytes(StandardCharsets.UTF_8));
        try {
            Received r = q.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            replies.remove(corr);
            if (r == null) {
                throw new AssertionError("no reply on " + replyTopic + " within " + timeout);
            }
            return codec.decodeOrThrow(r.payload(), CommandReply.class);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    public CommandReply request(String topic, Object command) {
        return request(topic, codec.encode(command), Duration.ofSeconds(10));
    }

    /** The reply topic this client's requests name. */
    public String replyTopic() {
        return replyTopic;
    }

    /** Waits for the next received message that matches, dropping those that do not. */
    public Received await(Predicate<Received> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Received r = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
                if (r == null) {
                    throw new AssertionError(id + ": no matching message within " + timeout);
                }
                if (match.test(r)) {
                    return r;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** Next received message, or null after the timeout. */
    public Received poll(Duration timeout) {
        try {
            return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Replies that arrived for no pending request (e.g. MALFORMED replies to raw publishes). */
    public Received awaitReply(byte[] correlation, Duration timeout) {
        BlockingQueue<Received> q = replies.computeIfAbsent(new String(correlation, StandardCharsets.UTF_8), k -> new LinkedBlockingQueue<>());
        try {
            return q.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        } catch (MqttException e) {
            // closing a test client; nothing to do
        }
    }
}
