package tw.jiaohao.hub.live;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.notices.NoticePublisher;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * The dashboard's one MQTT connection (Paho, MQTT 5): publishes notice boards and office settings
 * retained, receives the office nodes' settings answers, and follows every office's retained state snapshot and device status into the {@link LiveBoard}
 * and the device-status listener (the alerts). Reconnects by itself; after every (re)connect it
 * subscribes again and calls {@code onConnected} (the notice service republishes its boards).
 * A payload that cannot be decoded (or names another office or device than its topic) is
 * counted, logged once per kind and office per interval ({@link tw.jiaohao.hub.ingest.RefusalLog})
 * and dropped; a status dated implausibly ahead takes this hub's time ({@link tw.jiaohao.hub.ingest.DeviceTimes}).
 */
public final class MqttDashboardLink implements NoticePublisher, tw.jiaohao.hub.settings.SettingsPublisher, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttDashboardLink.class);

    private final MqttClient client;
    private final MqttConnectionOptions options;
    private final JsonCodec codec;
    private final LiveBoard live;
    private final Consumer<DeviceStatus> statusListener;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dashboard-mqtt-resubscribe");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong clockAhead = new AtomicLong();
    private final tw.jiaohao.hub.ingest.RefusalLog refusals = new tw.jiaohao.hub.ingest.RefusalLog(log);
    private volatile Runnable onConnected = () -> { };
    private volatile Consumer<tw.jiaohao.protocol.settings.SettingsAck> settingsAnswers = a -> { };

    /**
     * @param brokerUrl e.g. tcp://127.0.0.1:1883
     * @param username null for an anonymous broker
     */
    public MqttDashboardLink(String brokerUrl, String clientId, String username, char[] password,
                             JsonCodec codec, LiveBoard live, Consumer<DeviceStatus> statusListener) {
        this.codec = codec;
        this.live = live;
        this.statusListener = statusListener;
        try {
            this.client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new HubException("bad broker URL '" + brokerUrl + "': " + e.getMessage(), e);
        }
        options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password == null ? null : new String(password).getBytes(StandardCharsets.UTF_8));
        }
        client.setCallback(new Callback());
    }

    /** Called after every (re)connect, once subscriptions are in place. */
    public void onConnected(Runnable r) {
        this.onConnected = r;
    }

    /** Connects (blocking up to the connection timeout); later losses reconnect by themselves. */
    public void connect() {
        try {
            client.connect(options);
        } catch (MqttException e) {
            throw new HubException("cannot connect the dashboard to the broker " + client.getServerURI() + ": " + e.getMessage()
                    + " (check broker.url and the broker's credentials)", e);
        }
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void publish(NoticeBoard board) {
        MqttMessage m = new MqttMessage(codec.encode(board));
        m.setQos(1);
        m.setRetained(true);
        try {
            client.publish(Topics.notice(board.scope()), m);
        } catch (MqttException e) {
            throw new HubException("cannot publish notice board '" + board.scope() + "': " + e.getMessage(), e);
        }
    }

    /** Publishes an office's settings retained on {@code hub/settings/{office}} (QoS 1). */
    @Override
    public void publish(tw.jiaohao.protocol.settings.OfficeSettings settings) {
        MqttMessage m = new MqttMessage(codec.encode(settings));
        m.setQos(1);
        m.setRetained(true);
        try {
            client.publish(Topics.settings(settings.office()), m);
        } catch (MqttException e) {
            throw new HubException("cannot publish settings of '" + settings.office() + "': " + e.getMessage(), e);
        }
    }

    /** Who receives the office nodes' settings answers ({@code office/+/settings/ack}); called on the MQTT thread, must return quickly. */
    public void onSettingsAnswer(Consumer<tw.jiaohao.protocol.settings.SettingsAck> listener) {
        this.settingsAnswers = listener;
    }

    public long rejectedMessages() {
        return rejected.get();
    }

    /** Device statuses dated implausibly ahead, taken with this hub's time. */
    public long clockAheadStatuses() {
        return clockAhead.get();
    }

    public long receivedMessages() {
        return received.get();
    }

    private void subscribe() {
        try {
            client.subscribe(new String[] {Topics.ROOT + "/office/+/state", Topics.allDeviceStatus(), Topics.allSettingsAcks()}, new int[] {1, 1, 1});
            onConnected.run();
        } catch (MqttException | RuntimeException e) {
            log.warn("dashboard subscription failed: {}; retrying at the next reconnect", e.getMessage());
        }
    }

    private void handle(String topic, byte[] payload) {
        received.incrementAndGet();
        var parsed = Topics.parse(topic);
        if (parsed.isEmpty()) {
            return;
        }
        switch (parsed.get().kind()) {
            case STATE -> {
                Decoded<StateSnapshot> d = codec.decode(topic, payload, StateSnapshot.class);
                if (d instanceof Decoded.Accepted<StateSnapshot> a) {
                    live.onState(a.message());
                } else {
                    reject(topic, d);
                }
            }
            case DEVICE_STATUS -> {
                if (payload.length == 0) {
                    return; // a retained status being cleared
                }
                Decoded<DeviceStatus> d = codec.decode(topic, payload, DeviceStatus.class);
                if (d instanceof Decoded.Accepted<DeviceStatus> a) {
                    DeviceStatus s = tw.jiaohao.hub.ingest.DeviceTimes.plausible(a.message(), java.time.Instant.now(), clockAhead, refusals);
                    live.onDeviceStatus(s);
                    statusListener.accept(s);
                } else {
                    reject(topic, d);
                }
            }
            case SETTINGS_ACK -> {
                Decoded<tw.jiaohao.protocol.settings.SettingsAck> d = codec.decode(topic, payload, tw.jiaohao.protocol.settings.SettingsAck.class);
                if (d instanceof Decoded.Accepted<tw.jiaohao.protocol.settings.SettingsAck> a) {
                    settingsAnswers.accept(a.message());
                } else {
                    reject(topic, d);
                }
            }
            default -> { }
        }
    }

    private void reject(String topic, Decoded<?> d) {
        rejected.incrementAndGet();
        var parsed = Topics.parse(topic);
        refusals.refused("refused " + parsed.map(p -> p.kind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .orElse("message"), parsed.map(Topics.Parsed::office).orElse("(unknown)"), d.toString());
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse r) {
            log.warn("dashboard MQTT link lost: {}; reconnecting", r.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            log.warn("dashboard MQTT error: {}", e.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                handle(topic, message.getPayload());
            } catch (RuntimeException e) {
                // a bug, not bad input (decoding never throws): keep its stack trace
                rejected.incrementAndGet();
                log.error("message on {} could not be handled: {}", topic, e.getMessage(), e);
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            log.info("dashboard MQTT link {} to {}", reconnect ? "reconnected" : "connected", serverURI);
            worker.execute(MqttDashboardLink.this::subscribe);
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(2000);
            }
            client.close();
        } catch (MqttException e) {
            log.debug("closing the dashboard MQTT link: {}", e.getMessage());
        }
    }
}
