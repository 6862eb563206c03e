package tw.jiaohao.hub.ingest;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.ReplayRequest;

/**
 * The hub's MQTT side: a persistent session ({@code cleanStart=false}, session expiry) with
 * manual acknowledgements, subscribed to every office's events and every device's status.
 * Each message goes as it is to the {@link BatchWriter}, which decodes it, stores or refuses
 * it and acknowledges it after commit. Nothing a sender does can stop ingest.
 *
 * <p>Connection: the first connect is retried in the background until it succeeds; after
 * that Paho reconnects by itself (1 s doubling to 30 s) and the session brings what was
 * published meanwhile. Thread-safe.
 */
public final class MqttIngest implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttIngest.class);

    /**
     * What the hub needs to reach the broker. With a {@code shareGroup}, events and device
     * status come through MQTT 5 shared subscriptions of that group ({@code $share/{group}/…}),
     * so several hub instances with different client ids each take a share of the stream;
     * empty: plain subscriptions (one hub takes everything).
     */
    public record Settings(String brokerUrl, String clientId, String username, String password,
                           long sessionExpirySeconds, int receiveMaximum, String shareGroup) {
        public Settings {
            shareGroup = shareGroup == null ? "" : shareGroup;
        }

        public Settings(String brokerUrl, String clientId, String username, String password, long sessionExpirySeconds, int receiveMaximum) {
            this(brokerUrl, clientId, username, password, sessionExpirySeconds, receiveMaximum, "");
        }

        String filter(String plain) {
            return shareGroup.isEmpty() ? plain : Topics.shared(shareGroup, plain);
        }
    }

    private final Settings settings;
    private final JsonCodec codec;
    private final BatchWriter writer;
    private final IngestMetrics metrics;
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hub-mqtt-connect");
        t.setDaemon(true);
        return t;
    });
    private final MqttAsyncClient client;
    private final Runnable onConnected;
    private volatile boolean closed;

    /**
     * @param onConnected called on Paho's thread after every (re)connection; must not block
     */
    public MqttIngest(Settings settings, JsonCodec codec, BatchWriter writer, IngestMetrics metrics, Runnable onConnected) {
        this.settings = settings;
        this.onConnected = onConnected;
        this.codec = codec;
        this.writer = writer;
        this.metrics = metrics;
        try {
            client = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new HubException("invalid broker.url '" + settings.brokerUrl() + "' (" + e.getMessage()
                    + "); use tcp://host:port or ssl://host:port", e);
        } catch (IllegalArgumentException e) {
            throw new HubException("invalid broker.url '" + settings.brokerUrl() + "' (" + e.getMessage()
                    + "); use tcp://host:port or ssl://host:port", e);
        }
        client.setManualAcks(true);
        client.setCallback(new Callback());
    }

    /**
     * Connects, waiting up to {@code waitMillis} for the first connection; returns whether it
     * is connected. If not, it keeps trying in the background (1 s doubling to 30 s).
     */
    public boolean start(long waitMillis) {
        if (tryConnect(waitMillis)) {
            return true;
        }
        log.warn("broker {} not reachable yet; the hub keeps trying", settings.brokerUrl());
        scheduleConnect(1000);
        return false;
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Publishes a replay request (QoS 1) on the office's replay topic; throws if offline. */
    public void publishReplay(ReplayRequest request) {
        try {
            MqttMessage m = new MqttMessage(codec.encode(request), 1, false, new MqttProperties());
            client.publish(Topics.replay(request.office()), m);
        } catch (MqttException e) {
            throw new HubException("cannot publish to the broker: " + e.getMessage(), e);
        }
    }

    /** Disconnects cleanly; unacknowledged messages stay with the broker's session. */
    @Override
    public void close() {
        closed = true;
        connector.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(5000).waitForCompletion(5000);
            }
        } catch (MqttException e) {
            log.debug("disconnect: {}", e.getMessage());
        }
        closeClient();
    }

    /** Drops the connection at once, as a crashing process would. */
    public void halt() {
        closed = true;
        connector.shutdownNow();
        try {
            client.disconnectForcibly(0, 0, false);
        } catch (MqttException e) {
            log.debug("forced disconnect: {}", e.getMessage());
        }
        closeClient();
    }

    private void closeClient() {
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("close: {}", e.getMessage());
        }
    }

    private boolean tryConnect(long waitMillis) {
        if (closed) {
            return false;
        }
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(settings.sessionExpirySeconds());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        options.setReceiveMaximum(settings.receiveMaximum());
        if (!settings.username().isEmpty()) {
            options.setUserName(settings.username());
            options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        try {
            client.connect(options).waitForCompletion(waitMillis);
            return client.isConnected();
        } catch (MqttException e) {
            log.debug("connect to {} failed: {}", settings.brokerUrl(), e.getMessage());
            return false;
        }
    }

    private void scheduleConnect(long delayMillis) {
        if (closed) {
            return;
        }
        connector.schedule(() -> {
            if (!tryConnect(10_000)) {
                scheduleConnect(Math.min(delayMillis * 2, 30_000));
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Paho's automatic reconnect has been seen to stop trying after a broker restart while the
     * session held unacknowledged messages; this asks it again until the link is back.
     */
    private void watchReconnect(long delayMillis) {
        if (closed) {
            return;
        }
        connector.schedule(() -> {
            if (closed || client.isConnected()) {
                return;
            }
            try {
                client.reconnect();
            } catch (MqttException e) {
                log.debug("reconnect to {}: {}", settings.brokerUrl(), e.getMessage());
            }
            watchReconnect(Math.min(delayMillis * 2, 30_000));
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void subscribe() {
        MqttSubscription[] subscriptions = {
            new MqttSubscription(settings.filter(Topics.allOfficeEvents()), 1),
            new MqttSubscription(settings.filter(Topics.allDeviceStatus()), 1)
        };
        try {
            client.subscribe(subscriptions, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    log.info("subscribed to every office's events and device status at {}{}", settings.brokerUrl(),
                            settings.shareGroup().isEmpty() ? "" : " (shared subscription, group " + settings.shareGroup() + ")");
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    log.error("cannot subscribe at {}: {}; check the broker's ACL for the hub's login",
                            settings.brokerUrl(), e.getMessage());
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            log.error("cannot subscribe at {}: {}", settings.brokerUrl(), e.getMessage());
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            metrics.received.incrementAndGet();
            int id = message.getId();
            int qos = message.getQos();
            Runnable ack = () -> {
                if (qos == 0) {
                    return;
                }
                try {
                    client.messageArrivedComplete(id, qos);
                } catch (MqttException | RuntimeException e) {
                    // the connection dropped: the broker redelivers and the store drops the duplicate
                    log.debug("ack of message {} not sent: {}", id, e.getMessage());
                }
            };
            try {
                writer.submit(new Inbound(topic, message.getPayload(), ack));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("unexpected failure taking a message from {}; it stays unacknowledged", Topics.parse(topic)
                        .map(p -> p.kind().toString()).orElse("an unknown topic"), e);
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            log.info("{} to the broker at {}", reconnect ? "reconnected" : "connected", serverURI);
            subscribe();
            onConnected.run();
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (!closed) {
                log.warn("lost the broker at {} ({}); reconnecting", settings.brokerUrl(), response.getReasonString());
                watchReconnect(5_000);
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            log.warn("MQTT error: {}", e.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // replay requests need no confirmation: the gap schedule asks again
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
