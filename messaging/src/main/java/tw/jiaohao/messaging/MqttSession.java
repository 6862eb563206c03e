package tw.jiaohao.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.messaging.internal.NoDelaySocketFactory;
import tw.jiaohao.messaging.internal.TopicFilter;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.device.PrinterCondition;

/**
 * The one MQTT 5 session of a process: every feature of the process publishes and subscribes
 * through it, so the broker sees one client per device ({@link MqttSettings#clientId()}), with
 * one login, one last will and one set of tunings.
 *
 * <p><b>Connection.</b> {@link #start()} returns at once; a connector thread connects (a clean
 * start, or resuming the broker's session when {@link MqttSettings#persistent()}) and reconnects after every loss, waiting {@link MqttSettings#backoff()} (capped
 * exponential, jittered) between attempts. After each connect it subscribes to every registered
 * filter (the same filter registered twice is subscribed once), publishes the retained online
 * status of every {@link Device} of the session, and then tells the {@link ConnectionListener}s.
 * A connection has one last will, so a session has one: the primary device's offline status;
 * other devices' statuses (e.g. the kiosk beside its office node) are published offline by
 * {@link DeviceHandle#close()} and {@link #close()}, and name the primary as their {@code host}, so
 * a receiver takes them offline with the primary when the process vanishes
 * ({@link DeviceStatus#givenHost}). A session without a primary device ({@link #MqttSession(MqttSettings, Clock)},
 * the hub) has no will and publishes no status.
 *
 * <p><b>Persistent session.</b> With {@link MqttSettings#sessionExpiry()} above zero the broker keeps
 * the session's subscriptions and its QoS 1 messages while the process is away and delivers them
 * after the next connect; features register their handlers before {@link #start()} so none of
 * them is missed.
 *
 * <p><b>Offline.</b> Nothing blocks while the broker is unreachable: {@link #publish} and
 * {@link Requests#send} fail at once with {@link MessagingException.NotConnected}, pending
 * requests fail the moment the link is lost, and handlers simply receive nothing. Features
 * that must not lose a message keep it in their own store until its publish completes (the
 * office node's outbox marks an event sent only when its future completes, i.e. on PUBACK).
 *
 * <p><b>Flow control.</b> At most {@link MqttSettings#maxInFlight()} (and never more than the
 * broker's receive maximum) QoS 1 publishes await their PUBACK; a publish waits up to 2 s for a
 * free slot, except on the delivery thread, where it never waits.
 *
 * <p><b>Delivery.</b> Handlers run on one delivery thread, one message at a time in arrival
 * order ({@link Handler}). Each filter is subscribed with an MQTT 5 subscription identifier when
 * the broker offers them, so a message is handed only to the handlers of the subscriptions it
 * came through (a shared {@code $share/g/f} and a plain {@code f} of the same session each get
 * their own copies, not both copies twice); otherwise handlers are chosen by topic.
 *
 * <p><b>Acknowledgement.</b> A QoS 1 message is acknowledged (PUBACK) once its handlers returned,
 * unless an {@link AckingHandler} ({@link #subscribeAcked}) took it: then when every such handler
 * called its {@link Acknowledgement}. Until then the broker counts it against
 * {@link MqttSettings#receiveMaximum()} and, for a persistent session, delivers it again after a
 * reconnect. Typed handlers get payloads decoded by the protocol codec; a refused
 * payload never reaches them: it is counted and logged once per kind and source
 * ({@link SessionMetrics#reject}). Empty payloads (a retained message being cleared) are skipped.
 *
 * <p>Thread-safe. Paho types never leave this class.
 */
public final class MqttSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttSession.class);
    private static final long PUBLISH_WAIT_MS = 2_000;

    private final MqttSettings settings;
    private final Clock clock;
    private final JsonCodec codec = new JsonCodec();
    private final SessionMetrics metrics = new SessionMetrics();
    private final MqttAsyncClient client;
    private final DeviceHandle primary; // null: no device, no will
    private final List<DeviceHandle> devices = new CopyOnWriteArrayList<>();
    private final List<Sub<?>> subs = new CopyOnWriteArrayList<>();
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Pending<?>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final ThreadLocal<Boolean> onDeliveryThread = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private volatile boolean subscriptionIds;
    /** Counts connections: an acknowledgement of a message of an earlier one is not sent. */
    private volatile long generation;

    private final Object lock = new Object();
    private volatile boolean running;
    private volatile boolean closed;
    private volatile boolean connected;
    private volatile Semaphore window = new Semaphore(0);
    private Thread connector;

    /**
     * A session as {@code primary} (whose offline status is the last will). Creates no
     * connection until {@link #start()}. Throws {@link MessagingException} when Paho refuses the
     * URL or client id.
     */
    public MqttSession(MqttSettings settings, Device primary, Clock clock) {
        this(settings, Objects.requireNonNull(primary, "primary device"), clock, true);
    }

    /**
     * A session of a process that is no device of an office (the hub): no last will, no device
     * status. Creates no connection until {@link #start()}.
     */
    public MqttSession(MqttSettings settings, Clock clock) {
        this(settings, null, clock, false);
    }

    private MqttSession(MqttSettings settings, Device primary, Clock clock, boolean device) {
        this.settings = settings;
        this.clock = clock;
        try {
            this.client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new MessagingException("cannot create the MQTT client for " + settings.url() + " (check " + MqttSettings.URL + "): "
                    + e.getMessage(), e);
        }
        client.setCallback(new Callback());
        client.setManualAcks(true); // acknowledged in Callback.messageArrived, or by an AckingHandler
        if (device) {
            this.primary = new DeviceHandle(primary, "connection lost");
            devices.add(this.primary);
        } else {
            this.primary = null;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mqtt-timeouts-" + settings.clientId()));
    }

    /** Starts connecting in the background; returns at once. */
    public MqttSession start() {
        synchronized (lock) {
            if (running || closed) {
                return this;
            }
            running = true;
        }
        connector = daemon(this::connectLoop, "mqtt-session-" + settings.clientId());
        connector.start();
        return this;
    }

    public MqttSettings settings() {
        return settings;
    }

    public SessionMetrics metrics() {
        return metrics;
    }

    public boolean isConnected() {
        return connected;
    }

    /** Waits until the session is connected, at most {@code timeout}; true when connected. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            long left;
            while (!connected && !closed && (left = until - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return connected;
        }
    }

    /** The device this session connects as; null for a session without a device. */
    public DeviceHandle primaryDevice() {
        return primary;
    }

    /**
     * Adds another device of this process whose retained status the session keeps (online from
     * the next connect, or now). Its status names the primary device as its {@code host}: the
     * connection's one last will is the primary's, and receivers take this device offline with it.
     */
    public DeviceHandle addDevice(Device device) {
        DeviceHandle h = new DeviceHandle(device, null);
        devices.add(h);
        h.publish(true);
        return h;
    }

    /** Hears connects and losses; when the session is connected now, {@code up()} is called at once. */
    public Registration onConnection(ConnectionListener listener) {
        listeners.add(listener);
        if (connected) {
            listener.up();
        }
        return () -> listeners.remove(listener);
    }

    // ------------------------------------------------------------------ subscribing

    /**
     * Delivers every message on {@code filter} decoded as {@code type} to {@code handler};
     * refused payloads are counted as kind {@code type.getSimpleName()}. Subscribes now when
     * connected, and again after every reconnect.
     */
    public <T> Registration subscribe(String filter, int qos, Class<T> type, Handler<T> handler) {
        return add(new Sub<>(filter, qos, type, handler, null));
    }

    /** As {@link #subscribe(String, int, Class, Handler)}, with the payload bytes undecoded (empty payloads included). */
    public Registration subscribeRaw(String filter, int qos, Handler<byte[]> handler) {
        return add(new Sub<>(filter, qos, null, handler, null));
    }

    /**
     * As {@link #subscribe(String, int, Class, Handler)}, but {@code handler} acknowledges each
     * message itself ({@link AckingHandler}); a refused payload is acknowledged at once. With a
     * persistent session this gives at-least-once delivery into what the handler commits.
     */
    public <T> Registration subscribeAcked(String filter, int qos, Class<T> type, AckingHandler<T> handler) {
        return add(new Sub<>(filter, qos, type, null, handler));
    }

    /** As {@link #subscribeAcked}, with the payload bytes undecoded (empty payloads included). */
    public Registration subscribeRawAcked(String filter, int qos, AckingHandler<byte[]> handler) {
        return add(new Sub<>(filter, qos, null, null, handler));
    }

    private Registration add(Sub<?> sub) {
        boolean first;
        synchronized (lock) {
            first = subs.stream().noneMatch(s -> s.filter.equals(sub.filter));
            subs.add(sub);
        }
        if (first && client.isConnected()) {
            try {
                subscribeNow(Map.of(sub.filter, sub.qos), subscriptionIds, settings.connectTimeout().toMillis() * 2);
            } catch (MqttException e) {
                log.warn("could not subscribe to {} now ({}); subscribed on the next connect", sub.filter, reason(e));
            }
        }
        return () -> remove(sub);
    }

    /**
     * The subscription identifier of a filter (1 … 268,435,455), derived from the filter alone:
     * a persistent session's messages queued while the process was away carry the identifiers of
     * the run that subscribed, so they must mean the same filters in the next run.
     */
    static int filterId(String filter) {
        int id = filter.hashCode() & 0x0FFF_FFFF;
        return id == 0 ? 1 : id;
    }

    /**
     * Subscribes to {@code filters}, each with its own subscription identifier when the broker
     * offers them, waiting for the acknowledgements; a filter the broker refuses is logged.
     */
    private void subscribeNow(Map<String, Integer> filters, boolean withIds, long waitMs) throws MqttException {
        List<IMqttToken> tokens = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (withIds) {
            for (Map.Entry<String, Integer> f : filters.entrySet()) {
                MqttProperties p = new MqttProperties();
                p.setSubscriptionIdentifier(filterId(f.getKey()));
                tokens.add(client.subscribe(new MqttSubscription[] {new MqttSubscription(f.getKey(), f.getValue())}, null, null, p));
                names.add(f.getKey());
            }
        } else {
            List<MqttSubscription> list = new ArrayList<>();
            filters.forEach((f, q) -> list.add(new MqttSubscription(f, q)));
            tokens.add(client.subscribe(list.toArray(MqttSubscription[]::new)));
            names.add(String.join(", ", filters.keySet()));
        }
        for (int i = 0; i < tokens.size(); i++) {
            IMqttToken t = tokens.get(i);
            t.waitForCompletion(waitMs);
            int[] codes = t.getReasonCodes();
            if (codes != null) {
                for (int code : codes) {
                    if (code >= 0x80) {
                        log.error("the broker refused the subscription to {} (reason code 0x{}); check its ACL for login {}", names.get(i),
                                Integer.toHexString(code), settings.username() == null ? "(anonymous)" : settings.username());
                    }
                }
            }
        }
    }

    private void remove(Sub<?> sub) {
        boolean last;
        synchronized (lock) {
            if (!subs.remove(sub)) {
                return;
            }
            last = subs.stream().noneMatch(s -> s.filter.equals(sub.filter));
        }
        if (last && client.isConnected()) {
            try {
                client.unsubscribe(sub.filter);
            } catch (MqttException e) {
                log.debug("unsubscribe {}: {}", sub.filter, reason(e));
            }
        }
    }

    // ------------------------------------------------------------------ publishing

    /** Encodes {@code message} with the protocol codec. */
    public byte[] encode(Object message) {
        return codec.encode(message);
    }

    /**
     * Publishes {@code m}. The future completes when the broker acknowledged it (QoS 1: PUBACK)
     * or when it was written (QoS 0), and fails with {@link MessagingException.NotConnected}
     * at once while offline, or with {@link MessagingException} when no in-flight slot freed up
     * in time or the connection dropped before the acknowledgement. Never throws.
     */
    public CompletableFuture<Void> publish(Outbound m) {
        if (!connected) {
            return CompletableFuture.failedFuture(new MessagingException.NotConnected("not connected to " + settings.url()));
        }
        return send(m);
    }

    /** {@link #publish(Outbound)} of {@code message} encoded by the protocol codec, QoS 1. */
    public CompletableFuture<Void> publish(String topic, Object message) {
        return publish(Outbound.of(topic, codec.encode(message)));
    }

    private CompletableFuture<Void> send(Outbound m) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Semaphore w = window;
        boolean slot = false;
        if (m.qos() > 0) {
            try {
                slot = onDeliveryThread.get() ? w.tryAcquire() : w.tryAcquire(PUBLISH_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!slot) {
                metrics.publishFailures.incrementAndGet();
                done.completeExceptionally(new MessagingException("no in-flight slot for " + Outbound.abbreviate(m.topic())
                        + ": " + settings.maxInFlight() + " publishes await acknowledgement"));
                return done;
            }
        }
        boolean held = slot;
        MqttMessage message = new MqttMessage(m.payload());
        message.setQos(m.qos());
        message.setRetained(m.retained());
        if (m.responseTopic() != null || m.correlation() != null || m.expirySeconds() > 0) {
            MqttProperties p = new MqttProperties();
            if (m.responseTopic() != null) {
                p.setResponseTopic(m.responseTopic());
            }
            if (m.correlation() != null) {
                p.setCorrelationData(m.correlation());
            }
            if (m.expirySeconds() > 0) {
                p.setMessageExpiryInterval(m.expirySeconds());
            }
            message.setProperties(p);
        }
        try {
            client.publish(m.topic(), message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    if (held) {
                        w.release();
                    }
                    metrics.published.incrementAndGet();
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    if (held) {
                        w.release();
                    }
                    metrics.publishFailures.incrementAndGet();
                    done.completeExceptionally(new MessagingException("publish on " + Outbound.abbreviate(m.topic()) + " failed: "
                            + reason(failure), failure));
                }
            });
        } catch (MqttException | RuntimeException e) {
            if (held) {
                w.release();
            }
            metrics.publishFailures.incrementAndGet();
            done.completeExceptionally(new MessagingException("publish on " + Outbound.abbreviate(m.topic()) + " failed: " + reason(e), e));
        }
        return done;
    }

    // ------------------------------------------------------------------ request / response

    /**
     * A request channel whose answers arrive on {@code replyTopic} (subscribed from now on),
     * decoded as {@code replyType}. Answers are matched to requests by correlation data; an
     * answer nobody waits for (late, or another requester's) is dropped.
     */
    public <R> Requests<R> requests(String replyTopic, Class<R> replyType) {
        Outbound.checkTopic("replyTopic", replyTopic);
        Registration r = subscribeRaw(replyTopic, 1, in -> answer(in, replyType));
        return new Requests<>(replyTopic, replyType, r);
    }

    private <R> void answer(Inbound<byte[]> in, Class<R> type) {
        String id = in.correlationId();
        Pending<?> p = id == null ? null : pending.get(id);
        if (p == null || p.type != type) {
            return;
        }
        pending.remove(id);
        // the reply topic is the requester's choice (a device's, not an office's): the correlation, not the topic, ties the answer to its request
        Decoded<R> d = codec.decode(in.message(), type);
        if (d instanceof Decoded.Accepted<R> a) {
            @SuppressWarnings("unchecked")
            CompletableFuture<R> f = (CompletableFuture<R>) p.future;
            f.complete(a.message());
        } else {
            metrics.reject(type.getSimpleName(), source(in.topic()), d.toString());
            p.future.completeExceptionally(new MessagingException.RejectedReply(type.getSimpleName() + " " + d));
        }
    }

    private record Pending<R>(Class<R> type, CompletableFuture<R> future) {
    }

    /**
     * Sends requests whose answers come back on one reply topic. {@link #send} publishes the
     * request QoS 1 with the reply topic, a fresh correlation id and an expiry of the timeout
     * (rounded up to whole seconds), so a request the responder could not take in time is
     * dropped by the broker instead of being executed late.
     */
    public final class Requests<R> implements Registration {
        private final String replyTopic;
        private final Class<R> type;
        private final Registration subscription;

        private Requests(String replyTopic, Class<R> type, Registration subscription) {
            this.replyTopic = replyTopic;
            this.type = type;
            this.subscription = subscription;
        }

        public String replyTopic() {
            return replyTopic;
        }

        /**
         * The answer to {@code message} published on {@code topic}. The future fails with
         * {@link MessagingException.NotConnected} at once when offline or when the link is lost
         * before the answer, with {@link TimeoutException} after {@code timeout}, with
         * {@link MessagingException.RejectedReply} when the answer is malformed.
         */
        public CompletableFuture<R> send(String topic, Object message, Duration timeout) {
            CompletableFuture<R> answer = new CompletableFuture<>();
            if (!connected) {
                answer.completeExceptionally(new MessagingException.NotConnected("not connected to " + settings.url()));
                return answer;
            }
            String id = UUID.randomUUID().toString();
            pending.put(id, new Pending<>(type, answer));
            timer.schedule(() -> {
                if (pending.remove(id) != null) {
                    answer.completeExceptionally(new TimeoutException("no answer on " + replyTopic + " within " + timeout.toMillis() + " ms"));
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            long expiry = Math.max(1, (timeout.toMillis() + 999) / 1000);
            publish(Outbound.of(topic, codec.encode(message)).replyTo(replyTopic, id.getBytes(StandardCharsets.UTF_8)).expiresAfter(expiry))
                    .whenComplete((ok, failure) -> {
                        if (failure != null && pending.remove(id) != null) {
                            answer.completeExceptionally(failure);
                        }
                    });
            return answer;
        }

        @Override
        public void close() {
            subscription.close();
        }
    }

    // ------------------------------------------------------------------ devices

    /**
     * The retained status of one device of this process: online while the session is
     * connected, with the printer condition and detail last given to {@link #update}.
     */
    public final class DeviceHandle implements Registration {
        private final Device device;
        private final String willDetail;
        private volatile PrinterCondition printer;
        private volatile String detail;

        private DeviceHandle(Device device, String willDetail) {
            this.device = device;
            this.willDetail = willDetail;
        }

        public Device device() {
            return device;
        }

        /** Sets the status's printer condition and detail (null = none) and republishes it when connected. */
        public void update(PrinterCondition printerCondition, String statusDetail) {
            this.printer = printerCondition;
            this.detail = statusDetail == null || statusDetail.length() <= 300 ? statusDetail : statusDetail.substring(0, 299) + "…";
            publish(true);
        }

        /** As {@link #update}, keeping the printer condition. */
        public void detail(String statusDetail) {
            update(printer, statusDetail);
        }

        DeviceStatus status(boolean online, String overrideDetail) {
            // the will is the primary's alone: a device beside it names it as host, so receivers
            // take it offline with the primary when the process vanishes
            String host = primary == null || primary == this ? null : primary.device.deviceId();
            return new DeviceStatus(ProtocolVersion.CURRENT, device.office(), device.deviceId(), device.kind(), online,
                    clock.instant(), device.version(), printer, overrideDetail != null ? overrideDetail : detail, host);
        }

        String topic() {
            return Topics.deviceStatus(device.office(), device.deviceId());
        }

        CompletableFuture<Void> publish(boolean online) {
            if (!connected) {
                return CompletableFuture.completedFuture(null); // published on the next connect
            }
            return send(Outbound.of(topic(), codec.encode(status(online, null))).retain());
        }

        /** Publishes this device offline (when connected) and stops keeping its status. */
        @Override
        public void close() {
            if (this == primary || !devices.remove(this)) {
                return;
            }
            await(publish(false), "offline status of " + device.deviceId());
        }
    }

    // ------------------------------------------------------------------ connecting

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        o.setConnectionTimeout((int) settings.connectTimeout().toSeconds());
        NoDelaySocketFactory.applyTo(o, settings.url());
        if (settings.username() != null) {
            o.setUserName(settings.username());
            o.setPassword(settings.password() == null ? new byte[0] : settings.password().getBytes(StandardCharsets.UTF_8));
        }
        o.setCleanStart(!settings.persistent());
        o.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        o.setReceiveMaximum(settings.receiveMaximum());
        if (primary != null) {
            MqttMessage will = new MqttMessage(codec.encode(primary.status(false, primary.willDetail)));
            will.setQos(1);
            will.setRetained(true);
            o.setWill(primary.topic(), will);
        }
        return o;
    }

    private void connectLoop() {
        int attempt = 0;
        while (running) {
            if (connected) {
                synchronized (lock) {
                    try {
                        lock.wait(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (connected && !client.isConnected()) {
                    lost("connection closed");
                }
                continue;
            }
            try {
                connectOnce();
                attempt = 0;
            } catch (MqttException | RuntimeException e) {
                if (!running) {
                    return;
                }
                metrics.connectFailures.incrementAndGet();
                Duration delay = settings.backoff().delay(attempt, () -> ThreadLocalRandom.current().nextDouble());
                if (attempt == 0) {
                    log.warn("broker {} unreachable ({}); retrying with backoff up to {} s", settings.url(), reason(e),
                            settings.backoff().max().toSeconds());
                } else {
                    log.debug("connect attempt {} failed ({}); next in {} ms", attempt, reason(e), delay.toMillis());
                }
                attempt++;
                if (client.isConnected()) {
                    disconnectQuietly();
                }
                synchronized (lock) {
                    long until = System.nanoTime() + delay.toNanos();
                    long left;
                    while (running && (left = until - System.nanoTime()) > 0) {
                        try {
                            TimeUnit.NANOSECONDS.timedWait(lock, left);
                        } catch (InterruptedException ie) {
                            return;
                        }
                    }
                }
            }
        }
    }

    private void connectOnce() throws MqttException {
        long wait = settings.connectTimeout().toMillis() * 2;
        generation++; // before the connect: a resumed session's messages arrive right after CONNACK
        IMqttToken token = client.connect(options());
        token.waitForCompletion(wait);
        int slots = settings.maxInFlight();
        MqttProperties connack = token.getResponseProperties();
        if (connack != null && connack.getReceiveMaximum() != null && connack.getReceiveMaximum() > 0) {
            slots = Math.min(slots, connack.getReceiveMaximum());
        }
        window = new Semaphore(slots);
        subscriptionIds = connack == null || connack.isSubscriptionIdentifiersAvailable();
        Map<String, Integer> filters = new LinkedHashMap<>();
        synchronized (lock) {
            for (Sub<?> s : subs) {
                filters.merge(s.filter, s.qos, Math::max);
            }
        }
        if (!filters.isEmpty()) {
            subscribeNow(filters, subscriptionIds, wait);
        }
        for (DeviceHandle d : devices) {
            send(Outbound.of(d.topic(), codec.encode(d.status(true, null))).retain());
        }
        metrics.connects.incrementAndGet();
        synchronized (lock) {
            connected = true;
            lock.notifyAll();
        }
        log.info("connected to {} as {}{}", settings.url(), settings.clientId(),
                !settings.persistent() ? "" : token.getSessionPresent() ? " (session resumed)" : " (new persistent session)");
        for (ConnectionListener l : listeners) {
            try {
                l.up();
            } catch (RuntimeException e) {
                log.error("bug in a connection listener", e);
            }
        }
    }

    private void lost(String why) {
        synchronized (lock) {
            if (!connected) {
                return;
            }
            if (!closed) {
                metrics.connectionLosses.incrementAndGet();
            }
            connected = false;
            lock.notifyAll();
        }
        java.time.Instant since = clock.instant();
        if (!closed) {
            log.warn("lost the broker {} ({}); reconnecting", settings.url(), why);
        }
        for (String id : List.copyOf(pending.keySet())) {
            Pending<?> p = pending.remove(id);
            if (p != null) {
                p.future.completeExceptionally(new MessagingException.NotConnected("lost the broker before the answer (" + why + ")"));
            }
        }
        if (closed) {
            return; // closing is not an outage: listeners hear nothing
        }
        for (ConnectionListener l : listeners) {
            try {
                l.down(since);
            } catch (RuntimeException e) {
                log.error("bug in a connection listener", e);
            }
        }
    }

    private void disconnectQuietly() {
        try {
            client.disconnectForcibly(0, 1_000, false);
        } catch (MqttException | RuntimeException e) {
            log.debug("forced disconnect: {}", e.toString());
        }
    }

    // ------------------------------------------------------------------ delivery

    private final class Sub<T> {
        final String filter;
        final int qos;
        final Class<T> type;
        final Handler<T> handler;
        final AckingHandler<T> acking;
        final int id;
        final TopicFilter matcher;

        Sub(String filter, int qos, Class<T> type, Handler<T> handler, AckingHandler<T> acking) {
            if (filter == null || filter.isEmpty()) {
                throw new IllegalArgumentException("filter must not be empty");
            }
            if (qos != 0 && qos != 1) {
                throw new IllegalArgumentException("qos must be 0 or 1, got " + qos);
            }
            if ((handler == null) == (acking == null)) {
                throw new IllegalArgumentException("one handler is required");
            }
            this.filter = filter;
            this.qos = qos;
            this.type = type;
            this.handler = handler;
            this.acking = acking;
            this.id = filterId(filter);
            this.matcher = new TopicFilter(filter);
        }


        /** Hands the message to the handler; {@code ack} is called once the message may be acknowledged (at once, or by the handler). */
        @SuppressWarnings("unchecked")
        void deliver(String topic, MqttMessage m, Acknowledgement ack) {
            try {
                deliverOrAck(topic, m, ack);
            } catch (RuntimeException e) {
                ack.ack();
                throw e;
            }
        }

        @SuppressWarnings("unchecked")
        private void deliverOrAck(String topic, MqttMessage m, Acknowledgement ack) {
            MqttProperties p = m.getProperties();
            String responseTopic = p == null ? null : p.getResponseTopic();
            byte[] correlation = p == null ? null : p.getCorrelationData();
            T message;
            if (type == null) {
                message = (T) m.getPayload();
            } else {
                if (m.getPayload().length == 0) {
                    ack.ack();
                    return;
                }
                Decoded<T> d = codec.decode(topic, m.getPayload(), type);
                if (d instanceof Decoded.Rejected<T> r) {
                    metrics.reject(type.getSimpleName(), source(topic), r.toString());
                    ack.ack();
                    return;
                }
                message = ((Decoded.Accepted<T>) d).message();
            }
            Inbound<T> in = new Inbound<>(topic, message, responseTopic, correlation, m.isRetained());
            try {
                if (acking != null) {
                    acking.handle(in, ack);
                } else {
                    handler.handle(in);
                    ack.ack();
                }
            } catch (Exception e) {
                ack.ack();
                metrics.handlerFailures.incrementAndGet();
                log.error("bug: the handler of {} failed on a message on {}", filter, Outbound.abbreviate(topic), e);
            }
        }
    }

    /** Where a refused message came from, for "logged once per kind and source": the topic's office, else the topic. */
    private static String source(String topic) {
        return Topics.parse(topic).map(Topics.Parsed::office).filter(o -> o != null).orElse(Outbound.abbreviate(topic));
    }

    /**
     * The subscriptions a message came through: those whose filter matches its topic, narrowed to
     * the subscription identifiers it carries (when one of them is known).
     */
    private List<Sub<?>> takers(String topic, MqttProperties p) {
        List<Sub<?>> matching = new ArrayList<>(2);
        for (Sub<?> s : subs) {
            if (s.matcher.matches(topic)) {
                matching.add(s);
            }
        }
        List<Integer> ids = p == null ? List.of() : p.getSubscriptionIdentifiers();
        if (matching.size() < 2 || ids == null || ids.isEmpty()) {
            return matching;
        }
        List<Sub<?>> narrowed = new ArrayList<>(matching.size());
        for (Sub<?> s : matching) {
            if (ids.contains(s.id)) {
                narrowed.add(s);
            }
        }
        return narrowed.isEmpty() ? matching : narrowed;
    }

    /**
     * The acknowledgement of one message shared by the handlers that took it: sent when each
     * has given its part, only on the connection the message came on.
     */
    private final class Ack implements Acknowledgement {
        private final int packetId;
        private final int qos;
        private final long connection;
        private final java.util.concurrent.atomic.AtomicInteger parts;

        Ack(int packetId, int qos, long connection, int parts) {
            this.packetId = packetId;
            this.qos = qos;
            this.connection = connection;
            this.parts = new java.util.concurrent.atomic.AtomicInteger(Math.max(1, parts));
        }

        /** One handler's part: counts once however often it is called. */
        Acknowledgement part() {
            java.util.concurrent.atomic.AtomicBoolean given = new java.util.concurrent.atomic.AtomicBoolean();
            return () -> {
                if (given.compareAndSet(false, true)) {
                    ack();
                }
            };
        }

        @Override
        public void ack() {
            if (parts.decrementAndGet() != 0 || qos == 0) {
                return;
            }
            if (connection != generation || !client.isConnected()) {
                metrics.staleAcks.incrementAndGet(); // the broker delivers it again on the new connection
                return;
            }
            try {
                client.messageArrivedComplete(packetId, qos);
            } catch (MqttException | RuntimeException e) {
                // the connection dropped meanwhile: the broker delivers the message again
                log.debug("acknowledgement of message {} not sent: {}", packetId, reason(e));
            }
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            lost(response.getException() != null ? reason(response.getException())
                    : response.getReasonString() != null ? response.getReasonString() : "disconnected by the broker");
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("MQTT error: {}", reason(exception));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // Never throw here: Paho closes the connection when this method throws.
            onDeliveryThread.set(Boolean.TRUE);
            metrics.delivered.incrementAndGet();
            try {
                List<Sub<?>> takers = takers(topic, message.getProperties());
                Ack ack = new Ack(message.getId(), message.getQos(), generation, takers.size());
                if (takers.isEmpty()) {
                    ack.ack();
                }
                for (Sub<?> s : takers) {
                    s.deliver(topic, message, ack.part());
                }
            } catch (RuntimeException e) {
                metrics.handlerFailures.incrementAndGet();
                log.error("bug: delivering a message on {} failed", Outbound.abbreviate(topic), e);
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // completions arrive through the per-publish listeners
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // connectOnce subscribes and then marks the session connected
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }

    // ------------------------------------------------------------------ closing

    /**
     * Stops the session: publishes every device offline (when connected, waiting up to 2 s
     * each), disconnects, stops reconnecting. Pending requests fail; connection listeners are
     * not told (closing is not an outage). Idempotent.
     */
    @Override
    public void close() {
        if (!markClosed()) {
            return;
        }
        if (connector != null) {
            connector.interrupt();
            try {
                connector.join(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (client.isConnected()) {
            for (DeviceHandle d : devices) {
                await(send(Outbound.of(d.topic(), codec.encode(d.status(false, d == primary ? "stopped" : null))).retain()),
                        "offline status of " + d.device.deviceId());
            }
            try {
                client.disconnect(2_000).waitForCompletion(3_000);
            } catch (MqttException | RuntimeException e) {
                disconnectQuietly();
            }
        }
        lost("closed");
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            log.debug("close: {}", e.toString());
        }
        timer.shutdownNow();
        log.info("MQTT session {} closed ({})", settings.clientId(), metrics);
    }

    /** Marks the session closed and wakes its waiters; false when it was closed already. */
    private boolean markClosed() {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            closed = true;
            running = false;
            lock.notifyAll();
            return true;
        }
    }

    /**
     * Drops the connection at once without a DISCONNECT, as a crash would (the broker publishes
     * the will and keeps a persistent session with what it had not acknowledged), and stops.
     * For crash-recovery tests and emergency stops. Idempotent; {@link #close()} afterwards does nothing.
     */
    public void halt() {
        if (!markClosed()) {
            return;
        }
        if (connector != null) {
            connector.interrupt();
        }
        disconnectQuietly();
        lost("halted");
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            log.debug("close: {}", e.toString());
        }
        timer.shutdownNow();
        log.info("MQTT session {} halted ({})", settings.clientId(), metrics);
    }

    private static void await(CompletableFuture<Void> f, String what) {
        try {
            f.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("{} not published: {}", what, e.toString());
        }
    }

    /**
     * Publishes one message on a short connection of its own and closes it: for a process that
     * cannot start its session (e.g. to report a damaged database). Best effort: false (logged)
     * when the broker cannot be reached within {@code timeout}.
     */
    public static boolean publishOnce(MqttSettings settings, Outbound m, Duration timeout) {
        MqttClient c = null;
        try {
            c = new MqttClient(settings.url(), settings.clientId(), new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
            if (settings.username() != null) {
                o.setUserName(settings.username());
                o.setPassword(settings.password() == null ? new byte[0] : settings.password().getBytes(StandardCharsets.UTF_8));
            }
            c.connect(o);
            MqttMessage message = new MqttMessage(m.payload());
            message.setQos(m.qos());
            message.setRetained(m.retained());
            c.publish(m.topic(), message);
            c.disconnect();
            return true;
        } catch (MqttException e) {
            log.warn("could not publish on {}: {}", Outbound.abbreviate(m.topic()), reason(e));
            return false;
        } finally {
            if (c != null) {
                try {
                    c.close();
                } catch (MqttException ignored) {
                    // closing a client that never connected
                }
            }
        }
    }

    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return root == e || root.getMessage() == null ? top : top + ": " + root.getMessage();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
