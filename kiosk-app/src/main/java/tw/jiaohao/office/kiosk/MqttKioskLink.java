package tw.jiaohao.office.kiosk;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.device.PrinterCondition;
import tw.jiaohao.protocol.notice.NoticeBoard;

/**
 * Adapter: {@link KioskHubLink} over MQTT 5 (Paho), as the kiosk device {@code kiosk.device-id}
 * of the office, on the office's broker and credentials.
 *
 * <p>The office node's {@link tw.jiaohao.office.link.MqttLink} offers no hooks for other
 * subscriptions, and the kiosk is a device of its own with its own retained
 * {@link DeviceStatus} and last will, so it keeps its own connection (client id
 * {@code <mqtt.client-id>-kiosk}). Paho reconnects by itself (1 s doubling to 2 min); on every
 * connect the kiosk subscribes to {@link Topics#noticesFor(String)} (retained boards arrive at
 * once) and republishes its status with the latest printer condition. Offline, nothing blocks:
 * the condition is kept and sent on the next connect. Malformed notice boards are refused,
 * logged once each and counted ({@link #rejectedNotices()}).
 */
public final class MqttKioskLink implements KioskHubLink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttKioskLink.class);

    private final String office;
    private final String device;
    private final Clock clock;
    private final JsonCodec codec = new JsonCodec();
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final String statusTopic;
    private final List<Consumer<NoticeBoard>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong rejected = new AtomicLong();
    private volatile PrinterCondition printer;
    private volatile String detail;
    private volatile boolean closed;

    public MqttKioskLink(OfficeConfig config, String deviceId, Clock clock) {
        this.office = config.officeId();
        this.device = deviceId;
        this.clock = clock;
        this.statusTopic = Topics.deviceStatus(office, deviceId);
        try {
            client = new MqttAsyncClient(config.brokerUrl(), config.mqttClientId() + "-kiosk", new MemoryPersistence());
        } catch (MqttException e) {
            throw new KioskException("cannot create the kiosk's MQTT client for " + config.brokerUrl()
                    + " (check mqtt.broker): " + e.getMessage(), e);
        }
        options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 120);
        options.setConnectionTimeout(10);
        if (config.mqttUsername() != null && !config.mqttUsername().isBlank()) {
            options.setUserName(config.mqttUsername());
            options.setPassword(config.mqttPassword() == null ? new byte[0] : config.mqttPassword().getBytes(StandardCharsets.UTF_8));
        }
        MqttMessage will = new MqttMessage(codec.encode(status(false)));
        will.setQos(1);
        will.setRetained(true);
        options.setWill(statusTopic, will);
        client.setCallback(new Callback());
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        Thread t = new Thread(this::firstConnect, "kiosk-mqtt-connect");
        t.setDaemon(true);
        t.start();
    }

    /** Paho's automatic reconnect takes over only after a first successful connect: until then, retry here. */
    private void firstConnect() {
        long delay = 1_000;
        while (!closed) {
            try {
                client.connect(options).waitForCompletion(15_000);
                return;
            } catch (MqttException e) {
                log.warn("kiosk MQTT: cannot reach the broker ({}); next try in {} s", e.getMessage(), delay / 1000);
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            delay = Math.min(delay * 2, 120_000);
        }
    }

    @Override
    public Runnable onNotices(Consumer<NoticeBoard> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void reportPrinter(PrinterCondition condition, String detail) {
        this.printer = condition;
        this.detail = detail == null ? null : detail.substring(0, Math.min(detail.length(), 300));
        publishStatus(true);
    }

    /** Notice boards refused as malformed or addressed to another office. */
    public long rejectedNotices() {
        return rejected.get();
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    private DeviceStatus status(boolean online) {
        return new DeviceStatus(ProtocolVersion.CURRENT, office, device, DeviceKind.KIOSK, online, clock.instant(),
                version(), printer, detail);
    }

    private static String version() {
        String v = MqttKioskLink.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private void publishStatus(boolean online) {
        if (!client.isConnected()) {
            return; // sent on the next connect
        }
        try {
            client.publish(statusTopic, codec.encode(status(online)), 1, true);
        } catch (MqttException e) {
            log.warn("kiosk MQTT: device status not sent now ({}); it is sent again on the next connect", e.getMessage());
        }
    }

    private void noticeArrived(String topic, byte[] payload) {
        Decoded<NoticeBoard> d = codec.decode(payload, NoticeBoard.class);
        if (d instanceof Decoded.Accepted<NoticeBoard> a) {
            var parsed = Topics.parse(topic);
            if (parsed.isPresent() && parsed.get().office().equals(a.message().scope())) {
                listeners.forEach(l -> l.accept(a.message()));
                return;
            }
            rejected.incrementAndGet();
            log.warn("notice board on {} refused: its scope '{}' differs from the topic's", topic, a.message().scope());
            return;
        }
        rejected.incrementAndGet();
        log.warn("notice board on {} refused: {}", topic, d);
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (client.isConnected()) {
                client.publish(statusTopic, codec.encode(status(false)), 1, true).waitForCompletion(2_000);
                client.disconnect().waitForCompletion(2_000);
            }
            client.close();
        } catch (MqttException e) {
            log.info("kiosk MQTT: closing: {}", e.getMessage());
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            log.info("kiosk MQTT: connected to {}", serverURI);
            try {
                String[] topics = Topics.noticesFor(office);
                client.subscribe(topics, new int[] {1, 1});
            } catch (MqttException e) {
                log.warn("kiosk MQTT: cannot subscribe to notices: {}", e.getMessage());
            }
            publishStatus(true);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            noticeArrived(topic, message.getPayload());
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            log.warn("kiosk MQTT: disconnected ({}); reconnecting", response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("kiosk MQTT: {}", exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
