package tw.jiaohao.office.install;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * An MQTT 5 client for access tests against any broker (Mosquitto with the generated files, the
 * hub's embedded broker): publishes at QoS 1 and reports the PUBACK's reason code, subscribes and
 * reports the SUBACK's, and keeps what it receives as {@code "topic payload"} lines.
 */
public final class AclProbe implements MqttCallback, AutoCloseable {
    /** MQTT 5 reason code "not authorized" (CONNACK, PUBACK, SUBACK). */
    public static final int NOT_AUTHORIZED = 0x87;
    /** MQTT 5 CONNACK reason code "bad user name or password". */
    public static final int BAD_LOGIN = 0x86;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final MqttAsyncClient client;
    /** Messages received, as "topic payload". */
    public final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    /** Messages received with their properties (response topic, correlation data), newest last. */
    public final BlockingQueue<MqttMessage> raw = new LinkedBlockingQueue<>();

    private AclProbe(MqttAsyncClient client) {
        this.client = client;
    }

    /**
     * Connects (clean start); a refused connection throws the {@link MqttException} whose reason
     * code the broker sent. {@code user} null connects anonymously; {@code sockets} null is plain TCP.
     */
    public static AclProbe connect(String url, String user, String password, SocketFactory sockets) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(url, "acl-probe-" + IDS.incrementAndGet(), new MemoryPersistence());
        AclProbe probe = new AclProbe(c);
        c.setCallback(probe);
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.getBytes(UTF_8));
        }
        if (sockets != null) {
            o.setSocketFactory(sockets);
        }
        try {
            c.connect(o).waitForCompletion(WAIT.toMillis());
        } catch (MqttException e) {
            c.close(true);
            throw e;
        }
        return probe;
    }

    /** The reason code of a refused connection attempt, or 0 when it was accepted (and closed again). */
    public static int connectCode(String url, String user, String password, SocketFactory sockets) {
        try (AclProbe p = connect(url, user, password, sockets)) {
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    /** Publishes at QoS 1; the PUBACK's reason code, every success code (below 0x80) reported as 0. */
    public int publish(String topic, String payload) throws MqttException {
        return publish(topic, payload, null);
    }

    /** As {@link #publish(String, String)}, with MQTT 5 properties (response topic, correlation data). */
    public int publish(String topic, String payload, MqttProperties properties) throws MqttException {
        MqttMessage m = new MqttMessage(payload.getBytes(UTF_8));
        m.setQos(1);
        if (properties != null) {
            m.setProperties(properties);
        }
        IMqttToken token = client.publish(topic, m);
        try {
            token.waitForCompletion(WAIT.toMillis());
        } catch (MqttException e) {
            if (e.getReasonCode() >= 0x80 && e.getReasonCode() <= 0xA2) {
                return e.getReasonCode();
            }
            throw e;
        }
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 || codes[0] < 0x80 ? 0 : codes[0];
    }

    /** Subscribes at QoS 1; the SUBACK's reason code (0, 1 or 2 granted; 0x87 refused). */
    public int subscribe(String filter) throws MqttException {
        IMqttToken token = client.subscribe(new MqttSubscription(filter, 1));
        try {
            token.waitForCompletion(WAIT.toMillis());
        } catch (MqttException e) {
            return e.getReasonCode();
        }
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    /** The next message received within 10 s, as "topic payload". */
    public String next() throws InterruptedException {
        String m = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(m).as("a message within " + WAIT).isNotNull();
        return m;
    }

    /** True if nothing else has arrived (call after a sentinel was received). */
    public boolean none() {
        return messages.isEmpty();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        raw.add(message);
        messages.add(topic + " " + new String(message.getPayload(), UTF_8));
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

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2000);
            }
            client.close(true);
        } catch (MqttException e) {
            // already gone
        }
    }
}
