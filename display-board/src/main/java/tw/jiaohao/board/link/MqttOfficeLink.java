package tw.jiaohao.board.link;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import tw.jiaohao.board.BoardException;
import tw.jiaohao.board.DisplayConfig;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * A board's or counter unit's MQTT 5 connection to its office broker (adapter, Paho).
 *
 * <p>Connects once and keeps the connection (a Paho connect costs ~300 ms). On loss it tells
 * the listener (offline since when) and reconnects by itself with {@link Backoff}; every
 * connect starts a clean session and subscribes again, so the broker's retained state
 * snapshot and notices arrive anew. Publishes its retained {@link DeviceStatus} (online on
 * connect, offline as the last will and on {@link #close()}).
 *
 * <p>Threading: one worker thread connects, reconnects and times commands out; listener calls
 * come from the worker or Paho's callback thread, one at a time.
 */
public final class MqttOfficeLink implements CommandSender, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttOfficeLink.class);
    private static final String VERSION = "display-board 0.1.0";
    private static final long WAIT_MS = 10_000;
    static final String OFFLINE_MESSAGE = "與伺服器斷線，請稍後再按 / Not connected to the office broker; press again shortly";
    static final String NO_ANSWER_MESSAGE = "辦公室主機未回應，請再按一次 / The office node did not answer; press again";

    private final DisplayConfig.Mqtt settings;
    private final String office;
    private final String device;
    private final DeviceKind kind;
    private final OfficeListener listener;
    private final Clock clock;
    private final JsonCodec codec = new JsonCodec();
    private final LinkMetrics metrics = new LinkMetrics();
    private final SnapshotGate gate = new SnapshotGate(metrics);
    private final Backoff backoff;
    private final ScheduledExecutorService worker;
    private final String replyTopic;
    private final Map<String, CompletableFuture<CommandOutcome>> pending = new ConcurrentHashMap<>();
    private final Object deliveryLock = new Object();
    private MqttAsyncClient client;
    private volatile boolean connected;
    private volatile boolean closed;
    private boolean loggedUnreachable;

    public MqttOfficeLink(DisplayConfig config, DeviceKind kind, OfficeListener listener, Clock clock) {
        this.settings = config.mqtt();
        this.office = config.officeId();
        this.device = config.deviceId();
        this.kind = kind;
        this.listener = listener;
        this.clock = clock;
        this.backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax(), new Random());
        this.replyTopic = Topics.replyTo(device, "command");
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-link-" + device);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts connecting in the background; returns at once. The listener first hears "offline since now". */
    public void start() {
        try {
            client = new MqttAsyncClient(settings.url(), device, new MemoryPersistence());
        } catch (MqttException e) {
            throw new BoardException("cannot create an MQTT client for " + settings.url() + ": " + e.getMessage()
                    + "; check mqtt.url", e);
        }
        client.setCallback(new Callback());
        listener.onConnection(false, clock.instant());
        worker.execute(this::connect);
    }

    public boolean isConnected() {
        return connected;
    }

    public LinkMetrics metrics() {
        return metrics;
    }

    @Override
    public CompletableFuture<CommandOutcome> send(CounterCommand command) {
        CompletableFuture<CommandOutcome> outcome = new CompletableFuture<>();
        if (!connected) {
            outcome.complete(new CommandOutcome.Unanswered(OFFLINE_MESSAGE));
            return outcome;
        }
        String correlation = UUID.randomUUID().toString();
        MqttProperties properties = new MqttProperties();
        properties.setResponseTopic(replyTopic);
        properties.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
        MqttMessage message = new MqttMessage(codec.encode(command));
        message.setQos(1);
        message.setProperties(properties);
        pending.put(correlation, outcome);
        worker.schedule(() -> answer(correlation, new CommandOutcome.Unanswered(NO_ANSWER_MESSAGE)),
                settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            client.publish(Topics.counterCommand(command.office(), command.counter()), message);
        } catch (MqttException | RuntimeException e) {
            LOG.warn("could not send {} for counter {}: {}", command.action(), command.counter(), e.getMessage());
            answer(correlation, new CommandOutcome.Unanswered(OFFLINE_MESSAGE));
        }
        return outcome;
    }

    private void answer(String correlation, CommandOutcome outcome) {
        CompletableFuture<CommandOutcome> future = pending.remove(correlation);
        if (future != null) {
            future.complete(outcome);
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setAutomaticReconnect(false);
            options.setKeepAliveInterval(5);
            options.setConnectionTimeout(5);
            if (settings.url().startsWith("tcp://")) {
                options.setSocketFactory(new NoDelaySocketFactory());
            }
            if (settings.username() != null) {
                options.setUserName(settings.username());
            }
            if (settings.password() != null) {
                options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
            }
            MqttMessage will = new MqttMessage(codec.encode(status(false)));
            will.setQos(1);
            will.setRetained(true);
            options.setWill(Topics.deviceStatus(office, device), will);
            client.connect(options).waitForCompletion(WAIT_MS);
            List<String> topics = new ArrayList<>(List.of(Topics.state(office)));
            topics.addAll(List.of(Topics.noticesFor(office)));
            if (kind == DeviceKind.COUNTER_UNIT) {
                topics.add(replyTopic);
            }
            int[] qos = topics.stream().mapToInt(t -> 1).toArray();
            client.subscribe(topics.toArray(String[]::new), qos).waitForCompletion(WAIT_MS);
            publishStatus(true);
            backoff.reset();
            loggedUnreachable = false;
            connected = true;
            metrics.connects.incrementAndGet();
            LOG.info("connected to {} as {} (office {})", settings.url(), device, office);
            synchronized (deliveryLock) {
                listener.onConnection(true, null);
            }
        } catch (MqttException | RuntimeException e) {
            if (client.isConnected()) {
                try {
                    client.disconnectForcibly(0, 1000, false);
                } catch (MqttException ignored) {
                    // the connection is being dropped anyway; the retry below starts afresh
                }
            }
            retryLater("cannot reach " + settings.url() + " (" + e.getMessage() + ")");
        }
    }

    private void retryLater(String why) {
        if (closed) {
            return;
        }
        Duration delay = backoff.next();
        if (!loggedUnreachable) {
            LOG.warn("{}; retrying with backoff up to {} s, first in {} ms", why, settings.reconnectMax().toSeconds(), delay.toMillis());
            loggedUnreachable = true;
        }
        worker.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void lost(String reason) {
        if (closed || !connected) {
            return;
        }
        connected = false;
        metrics.connectionsLost.incrementAndGet();
        Instant since = clock.instant();
        LOG.warn("lost the broker {} ({}); showing the last state, reconnecting", settings.url(), reason);
        synchronized (deliveryLock) {
            listener.onConnection(false, since);
        }
        pending.keySet().forEach(c -> answer(c, new CommandOutcome.Unanswered(OFFLINE_MESSAGE)));
        retryLater("broker " + settings.url() + " unreachable");
    }

    private void publishStatus(boolean online) throws MqttException {
        client.publish(Topics.deviceStatus(office, device), codec.encode(status(online)), 1, true).waitForCompletion(WAIT_MS);
    }

    private DeviceStatus status(boolean online) {
        return new DeviceStatus(1, office, device, kind, online, clock.instant(), VERSION, null, null);
    }

    private void deliver(String topic, MqttMessage message) {
        Topics.Parsed parsed = Topics.parse(topic).orElse(null);
        if (parsed == null) {
            return;
        }
        switch (parsed.kind()) {
            case STATE -> {
                Decoded<StateSnapshot> decoded = codec.decode(topic, message.getPayload(), StateSnapshot.class);
                synchronized (deliveryLock) {
                    gate.admit(decoded).ifPresent(listener::onSnapshot);
                }
            }
            case NOTICE -> {
                Decoded<NoticeBoard> decoded = codec.decode(message.getPayload(), NoticeBoard.class);
                if (decoded instanceof Decoded.Accepted<NoticeBoard> ok && ok.message().scope().equals(parsed.office())) {
                    synchronized (deliveryLock) {
                        listener.onNotices(ok.message());
                    }
                } else if (message.getPayload().length > 0) {
                    metrics.noticesMalformed.incrementAndGet();
                    LOG.warn("ignored a notice list on {}: {}", topic, decoded.isAccepted() ? "scope differs from topic" : decoded);
                }
            }
            case REPLY -> {
                byte[] correlation = message.getProperties() == null ? null : message.getProperties().getCorrelationData();
                Decoded<CommandReply> decoded = codec.decode(message.getPayload(), CommandReply.class);
                if (correlation == null || !(decoded instanceof Decoded.Accepted<CommandReply> ok)) {
                    metrics.repliesMalformed.incrementAndGet();
                    LOG.warn("ignored a command reply: {}", correlation == null ? "no correlation data" : decoded);
                    return;
                }
                answer(new String(correlation, StandardCharsets.UTF_8), new CommandOutcome.Replied(ok.message()));
            }
            default -> {
            }
        }
    }

    /** Publishes "offline", disconnects and stops reconnecting. */
    @Override
    public void close() {
        closed = true;
        worker.shutdownNow();
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                publishStatus(false);
                client.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            LOG.info("closing the broker connection: {}", e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("close: {}", e.getMessage());
        }
        connected = false;
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (closed) {
                return;
            }
            String reason = response.getException() != null ? response.getException().getMessage() : response.getReasonString();
            worker.execute(() -> lost(reason == null ? "disconnected" : reason));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error: {}", exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                deliver(topic, message);
            } catch (RuntimeException e) {
                // An exception escaping here would make Paho drop the connection.
                LOG.error("failed to handle a message on {}", topic, e);
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
