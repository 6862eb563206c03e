package tw.jiaohao.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.messaging.internal.NoDelaySocketFactory;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.device.PrinterCondition;

/** The {@link Session} over Eclipse Paho (MQTT 5). Paho stays inside this class and {@code internal}. */
final class PahoSession implements Session {
    private static final Logger log = LoggerFactory.getLogger(Session.class);
    private static final long PUBLISH_SLOT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final MqttSettings settings;
    private final JsonCodec codec = new JsonCodec();
    private final RefusalLog refusals = new RefusalLog(log);
    private final SessionMetrics metrics = new SessionMetrics(refusals);
    private volatile MqttAsyncClient client;
    private final List<Sub> subs = new CopyOnWriteArrayList<>();
    private final List<Runnable> connectedListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> lostListeners = new CopyOnWriteArrayList<>();
    private final List<Status> statuses = new CopyOnWriteArrayList<>();
    private final Status own;
    private final ScheduledExecutorService timer;
    private final Thread connector;
    private final Object lock = new Object();
    private boolean connected;
    private long generation;
    private volatile boolean running;

    private record Sub(String filter, Handler<byte[]> handler) {
    }

    private MqttAsyncClient newClient() {
        MqttAsyncClient c;
        try {
            c = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new MqttConfigException(MqttKeys.URL, "a broker URL Paho accepts (" + e.getMessage() + ")", settings.url());
        }
        c.setManualAcks(true);
        c.setCallback(new Callback());
        return c;
    }

    /**
     * A connect that timed out can stay "in progress" inside Paho and refuse every later one:
     * start again with a fresh client (same client id, so the broker's session is the same).
     */
    private void replaceClient() {
        MqttAsyncClient old = client;
        client = newClient();
        try {
            old.disconnectForcibly(0, 0, false);
        } catch (MqttException | RuntimeException e) {
            log.trace("dropping the stuck client: {}", e.toString());
        }
        try {
            old.close(true);
        } catch (MqttException | RuntimeException e) {
            log.trace("closing the stuck client: {}", e.toString());
        }
    }

    PahoSession(MqttSettings settings, DeviceIdentity device) {
        this.settings = settings;
        client = newClient();
        own = device == null ? null : new Status(device);
        if (own != null) {
            statuses.add(own);
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mqtt-timeouts"));
        connector = daemon(this::connectLoop, "mqtt-session");
    }

    @Override
    public synchronized PahoSession start() {
        if (!running && connector.getState() == Thread.State.NEW) {
            running = true;
            connector.start();
        }
        return this;
    }

    // ------------------------------------------------------------------ connection

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(!settings.persistent());
        o.setSessionExpiryInterval(settings.sessionExpirySeconds());
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(settings.keepAliveSeconds());
        o.setConnectionTimeout(settings.connectTimeoutSeconds());
        o.setReceiveMaximum(settings.receiveMaximum());
        NoDelaySocketFactory.applyTo(o, settings.url());
        if (settings.username() != null) {
            o.setUserName(settings.username());
            o.setPassword(settings.password() == null ? new byte[0] : settings.password().getBytes(StandardCharsets.UTF_8));
        }
        if (own != null) {
            MqttMessage will = new MqttMessage(codec.encode(own.status(false, "connection lost")));
            will.setQos(1);
            will.setRetained(true);
            o.setWill(own.identity.statusTopic(), will);
        }
        return o;
    }

    private void connectLoop() {
        int attempt = 0;
        while (running) {
            boolean up;
            synchronized (lock) {
                up = connected;
                if (up) {
                    try {
                        lock.wait(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            if (up) {
                if (!client.isConnected()) {
                    lost("connection closed");
                }
                continue;
            }
            try {
                connectOnce();
                attempt = 0;
            } catch (MqttException | RuntimeException e) {
                metrics.connectFailures.incrementAndGet();
                Duration delay = settings.reconnect().delay(attempt, () -> ThreadLocalRandom.current().nextDouble());
                if (attempt == 0) {
                    log.warn("broker {} unreachable as {} ({}); retrying", settings.url(), settings.clientId(), reason(e));
                } else {
                    log.debug("connect attempt {} failed ({}); next in {} ms", attempt, reason(e), delay.toMillis());
                }
                attempt++;
                forceDisconnect();
                if (e instanceof MqttException me && (me.getReasonCode() == MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS
                        || me.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_TIMEOUT
                        || me.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_CONNECTED)) {
                    replaceClient();
                }
                pause(delay);
            }
        }
    }

    private void pause(Duration delay) {
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

    private void connectOnce() throws MqttException {
        long timeoutMs = settings.connectTimeout().toMillis() + 5_000;
        client.connect(options()).waitForCompletion(timeoutMs);
        synchronized (lock) {
            generation++; // a persistent session's queue arrives from the CONNACK on: acknowledge it on this connection
        }
        List<String> filters = filters();
        if (!filters.isEmpty()) {
            MqttSubscription[] s = filters.stream().map(f -> new MqttSubscription(f, 1)).toArray(MqttSubscription[]::new);
            IMqttToken t = client.subscribe(s);
            t.waitForCompletion(timeoutMs);
            int[] codes = t.getReasonCodes();
            for (int i = 0; codes != null && i < codes.length && i < s.length; i++) {
                if (codes[i] >= 0x80) {
                    log.error("the broker refused the subscription to {} (reason code {}); check its ACL for {}", s[i].getTopic(),
                            codes[i], settings.username() == null ? "anonymous clients" : "the login " + settings.username());
                }
            }
        }
        synchronized (lock) {
            connected = true;
            lock.notifyAll();
        }
        metrics.connects.incrementAndGet();
        log.info("connected to {} as {} ({} subscriptions{})", settings.url(), settings.clientId(), filters.size(),
                settings.persistent() ? ", persistent session" : "");
        for (Status s : statuses) {
            s.publish(true);
        }
        for (Runnable r : connectedListeners) {
            runListener(r, "after connecting");
        }
    }

    private List<String> filters() {
        Set<String> f = new LinkedHashSet<>();
        for (Sub s : subs) {
            f.add(s.filter);
        }
        return new ArrayList<>(f);
    }

    private void lost(String why) {
        synchronized (lock) {
            if (!connected) {
                return;
            }
            connected = false;
            generation++;
            lock.notifyAll();
        }
        metrics.connectionLosses.incrementAndGet();
        log.warn("lost the broker {} ({}); reconnecting", settings.url(), why);
        for (Runnable r : lostListeners) {
            runListener(r, "after losing the connection");
        }
    }

    private void runListener(Runnable r, String when) {
        try {
            r.run();
        } catch (RuntimeException e) {
            metrics.handlerBugs.incrementAndGet();
            log.error("a listener failed {} (a bug)", when, e);
        }
    }

    private void forceDisconnect() {
        try {
            client.disconnectForcibly(0, 1_000, false);
        } catch (MqttException | RuntimeException e) {
            log.trace("forced disconnect: {}", e.toString());
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

    @Override
    public boolean isConnected() {
        synchronized (lock) {
            return connected;
        }
    }

    @Override
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            long left;
            while (!connected && running && (left = until - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return connected;
        }
    }

    // ------------------------------------------------------------------ subscriptions and delivery

    @Override
    public <T> Registration subscribe(String filter, Class<T> type, String kind, Handler<T> handler) {
        return subscribeRaw(filter, in -> {
            Decoded<T> d = codec.decode(in.topic(), in.payload(), type);
            if (d instanceof Decoded.Accepted<T> a) {
                handler.handle(new Typed<>(in, a.message()));
            } else {
                refusals.refused("refused " + kind, officeOf(in.topic()), d.toString());
            }
        });
    }

    @Override
    public Registration subscribeRaw(String filter, Handler<byte[]> handler) {
        MqttTopicValidator.validate(filter, true, true);
        Sub sub = new Sub(filter, handler);
        boolean fresh = filters().stream().noneMatch(filter::equals);
        subs.add(sub);
        if (fresh && client.isConnected()) {
            try {
                client.subscribe(new MqttSubscription(filter, 1));
            } catch (MqttException e) {
                log.warn("subscription to {} not sent now ({}); it is sent on the next connect", filter, e.getMessage());
            }
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            subs.remove(sub);
            if (filters().stream().noneMatch(filter::equals) && client.isConnected()) {
                try {
                    client.unsubscribe(filter);
                } catch (MqttException e) {
                    log.debug("unsubscribe {}: {}", filter, e.getMessage());
                }
            }
        };
    }

    static String officeOf(String topic) {
        return Topics.parse(topic).map(Topics.Parsed::office).orElse("(unknown)");
    }

    private void deliver(String topic, MqttMessage message) {
        metrics.received.incrementAndGet();
        long gen;
        synchronized (lock) {
            gen = generation;
        }
        int id = message.getId();
        int qos = message.getQos();
        List<Sub> matching = new ArrayList<>();
        for (Sub s : subs) {
            if (MqttTopicValidator.isMatched(s.filter, topic)) {
                matching.add(s);
            }
        }
        if (matching.isEmpty()) {
            if (metrics.unhandled.incrementAndGet() == 1) {
                log.warn("a message on {} came for no handler and was dropped (further ones are counted)", topic);
            }
            ack(gen, id, qos);
            return;
        }
        AtomicInteger pending = new AtomicInteger(matching.size());
        Runnable oneDone = () -> {
            if (pending.decrementAndGet() == 0) {
                ack(gen, id, qos);
            }
        };
        MqttProperties p = message.getProperties();
        String responseTopic = p == null ? null : p.getResponseTopic();
        byte[] correlation = p == null ? null : p.getCorrelationData();
        for (Sub s : matching) {
            Raw in = new Raw(topic, message.getPayload(), responseTopic, correlation, oneDone);
            try {
                s.handler.handle(in);
            } catch (RuntimeException e) {
                metrics.handlerBugs.incrementAndGet();
                log.error("the handler of {} failed on a message on {} (a bug); the message is acknowledged", s.filter, topic, e);
            } finally {
                in.handlerReturned();
            }
        }
    }

    private void ack(long gen, int id, int qos) {
        if (qos == 0) {
            return;
        }
        synchronized (lock) {
            if (gen != generation) {
                return; // an id of an earlier connection: the broker delivers the message again
            }
        }
        try {
            client.messageArrivedComplete(id, qos);
        } catch (MqttException | RuntimeException e) {
            log.debug("acknowledgement of message {} not sent: {}", id, e.getMessage());
        }
    }

    private static final class Raw implements Inbound<byte[]> {
        private final String topic;
        private final byte[] payload;
        private final String responseTopic;
        private final byte[] correlation;
        private final Runnable done;
        private final AtomicBoolean acked = new AtomicBoolean();
        private volatile boolean deferred;

        Raw(String topic, byte[] payload, String responseTopic, byte[] correlation, Runnable done) {
            this.topic = topic;
            this.payload = payload;
            this.responseTopic = responseTopic;
            this.correlation = correlation;
            this.done = done;
        }

        void handlerReturned() {
            if (!deferred) {
                ackOnce();
            }
        }

        private void ackOnce() {
            if (acked.compareAndSet(false, true)) {
                done.run();
            }
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public byte[] message() {
            return payload;
        }

        @Override
        public byte[] payload() {
            return payload;
        }

        @Override
        public String responseTopic() {
            return responseTopic;
        }

        @Override
        public byte[] correlationData() {
            return correlation;
        }

        @Override
        public Runnable deferAck() {
            deferred = true;
            return this::ackOnce;
        }
    }

    private record Typed<T>(Inbound<byte[]> raw, T message) implements Inbound<T> {
        @Override
        public String topic() {
            return raw.topic();
        }

        @Override
        public byte[] payload() {
            return raw.payload();
        }

        @Override
        public String responseTopic() {
            return raw.responseTopic();
        }

        @Override
        public byte[] correlationData() {
            return raw.correlationData();
        }

        @Override
        public Runnable deferAck() {
            return raw.deferAck();
        }
    }

    // ------------------------------------------------------------------ publishing

    @Override
    public CompletableFuture<Void> publish(Outgoing o) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!client.isConnected()) {
            done.completeExceptionally(new NotConnectedException("not connected to " + settings.url()));
            return done;
        }
        MqttMessage m = new MqttMessage(o.payload());
        m.setQos(o.qos());
        m.setRetained(o.retained());
        MqttProperties p = new MqttProperties();
        if (o.responseTopic() != null) {
            p.setResponseTopic(o.responseTopic());
        }
        if (o.correlationData() != null) {
            p.setCorrelationData(o.correlationData());
        }
        if (o.expirySeconds() > 0) {
            p.setMessageExpiryInterval(o.expirySeconds());
        }
        m.setProperties(p);
        MqttActionListener listener = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                metrics.published.incrementAndGet();
                done.complete(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                metrics.publishFailures.incrementAndGet();
                done.completeExceptionally(failure);
            }
        };
        long deadline = System.nanoTime() + PUBLISH_SLOT_WAIT_NANOS;
        while (true) {
            try {
                client.publish(o.topic(), m, null, listener);
                return done;
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT && System.nanoTime() < deadline && running) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    continue;
                }
                metrics.publishFailures.incrementAndGet();
                done.completeExceptionally(e);
                return done;
            } catch (RuntimeException e) {
                metrics.publishFailures.incrementAndGet();
                done.completeExceptionally(e);
                return done;
            }
        }
    }

    @Override
    public CompletableFuture<Void> publish(String topic, Object message, boolean retained) {
        return publish(new Outgoing(topic, codec.encode(message), 1, retained, null, null, 0));
    }

    @Override
    public CompletableFuture<Void> reply(Inbound<?> request, Object answer, Duration expiry) {
        if (request.responseTopic() == null) {
            return null;
        }
        return publish(new Outgoing(request.responseTopic(), codec.encode(answer), 1, false, null, request.correlationData(),
                expiry == null ? 0 : expiry.toSeconds()));
    }

    // ------------------------------------------------------------------ request/response

    @Override
    public <R> Requester<R> requester(String responseTopic, Class<R> replyType, String kind) {
        RequesterImpl<R> r = new RequesterImpl<>(responseTopic, replyType, kind);
        subscribeRaw(responseTopic, r::arrived);
        return r;
    }

    private final class RequesterImpl<R> implements Requester<R> {
        private final String responseTopic;
        private final Class<R> type;
        private final String kind;
        private final Map<String, CompletableFuture<R>> waiting = new ConcurrentHashMap<>();

        RequesterImpl(String responseTopic, Class<R> type, String kind) {
            this.responseTopic = responseTopic;
            this.type = type;
            this.kind = kind;
        }

        @Override
        public String responseTopic() {
            return responseTopic;
        }

        @Override
        public CompletableFuture<R> ask(String topic, Object request, Duration timeout) {
            CompletableFuture<R> answer = new CompletableFuture<>();
            String correlation = UUID.randomUUID().toString();
            waiting.put(correlation, answer);
            ScheduledFuture<?> timeoutTask = timer.schedule(() -> answer.completeExceptionally(
                    new TimeoutException("no answer on " + responseTopic + " within " + timeout.toMillis() + " ms")),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
            answer.whenComplete((r, e) -> {
                waiting.remove(correlation);
                timeoutTask.cancel(false);
            });
            // a responder on a persistent session takes requests from its queue at the broker, which can
            // take a moment: an expiry of a few seconds more than the wait keeps one from expiring there
            publish(new Outgoing(topic, codec.encode(request), 1, false, responseTopic, correlation.getBytes(StandardCharsets.UTF_8),
                    Math.max(5L, (timeout.toMillis() + 999) / 1000 + 2))).whenComplete((v, e) -> {
                        if (e != null) {
                            answer.completeExceptionally(e);
                        }
                    });
            return answer;
        }

        void arrived(Inbound<byte[]> in) {
            byte[] cd = in.correlationData();
            CompletableFuture<R> answer = cd == null ? null : waiting.get(new String(cd, StandardCharsets.UTF_8));
            if (answer == null) {
                return; // an answer to another process or to an earlier request
            }
            Decoded<R> d = codec.decode(in.topic(), in.payload(), type);
            if (d instanceof Decoded.Accepted<R> a) {
                answer.complete(a.message());
            } else {
                refusals.refused("refused " + kind, officeOf(in.topic()), d.toString());
                answer.completeExceptionally(new RejectedReplyException("the " + kind + " was malformed: " + d));
            }
        }
    }

    // ------------------------------------------------------------------ device status

    @Override
    public StatusHandle status() {
        return own;
    }

    @Override
    public StatusHandle hostDevice(DeviceIdentity device) {
        Status s = new Status(device);
        statuses.add(s);
        if (client.isConnected()) {
            s.publish(true);
        }
        return s;
    }

    private final class Status implements StatusHandle {
        private final DeviceIdentity identity;
        private volatile PrinterCondition printer;
        private volatile String detail;

        Status(DeviceIdentity identity) {
            this.identity = identity;
        }

        DeviceStatus status(boolean online, String detailNow) {
            return new DeviceStatus(ProtocolVersion.CURRENT, identity.office(), identity.device(), identity.kind(), online,
                    Instant.now(), identity.softwareVersion(), printer, detailNow);
        }

        CompletableFuture<Void> publish(boolean online) {
            CompletableFuture<Void> f = PahoSession.this.publish(identity.statusTopic(), status(online, online ? detail : "stopped"), true);
            f.whenComplete((v, e) -> {
                if (e != null) {
                    log.debug("status of {} not published now ({}); it is sent on the next connect", identity.device(), e.toString());
                }
            });
            return f;
        }

        @Override
        public void update(PrinterCondition printer, String detail) {
            this.printer = printer;
            detail(detail);
        }

        @Override
        public void detail(String detail) {
            this.detail = detail == null || detail.length() <= 300 ? detail : detail.substring(0, 299) + "…";
            if (isConnected()) {
                publish(true);
            }
        }

        @Override
        public DeviceIdentity identity() {
            return identity;
        }
    }

    // ------------------------------------------------------------------ misc

    @Override
    public Registration onConnected(Runnable listener) {
        connectedListeners.add(listener);
        return () -> connectedListeners.remove(listener);
    }

    @Override
    public Registration onLost(Runnable listener) {
        lostListeners.add(listener);
        return () -> lostListeners.remove(listener);
    }

    @Override
    public SessionMetrics metrics() {
        return metrics;
    }

    @Override
    public RefusalLog refusals() {
        return refusals;
    }

    @Override
    public MqttSettings settings() {
        return settings;
    }

    private void stopConnector() {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        connector.interrupt();
        try {
            connector.join(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopConnector();
        if (client.isConnected()) {
            for (Status s : statuses) {
                try {
                    s.publish(false).get(2, TimeUnit.SECONDS);
                } catch (Exception e) {
                    log.debug("offline status of {} not confirmed: {}", s.identity.device(), e.toString());
                }
            }
            try {
                client.disconnect(2_000).waitForCompletion(3_000);
            } catch (MqttException | RuntimeException e) {
                forceDisconnect();
            }
        }
        closeClient();
        log.info("MQTT session {} closed ({})", settings.clientId(), metrics);
    }

    @Override
    public void halt() {
        stopConnector();
        forceDisconnect();
        closeClient();
    }

    private void closeClient() {
        synchronized (lock) {
            connected = false;
            generation++;
        }
        timer.shutdownNow();
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            log.debug("close: {}", e.toString());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    static boolean publishOnce(MqttSettings settings, Outgoing message, Duration timeout) {
        MqttClient c = null;
        try {
            c = new MqttClient(settings.url(), settings.clientId(), new MemoryPersistence());
            c.setTimeToWait(timeout.toMillis());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
            if (settings.username() != null) {
                o.setUserName(settings.username());
                o.setPassword(settings.password() == null ? new byte[0] : settings.password().getBytes(StandardCharsets.UTF_8));
            }
            c.connect(o);
            MqttMessage m = new MqttMessage(message.payload());
            m.setQos(message.qos());
            m.setRetained(message.retained());
            c.publish(message.topic(), m);
            c.disconnect();
            return true;
        } catch (MqttException | RuntimeException e) {
            log.warn("could not publish to {} before exiting: {}", settings.url(), reason(e));
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
            // never throw here: Paho closes the connection when this method throws
            try {
                deliver(topic, message);
            } catch (RuntimeException e) {
                metrics.handlerBugs.incrementAndGet();
                log.error("delivering a message on {} failed (a bug)", topic, e);
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // publishes complete through their own listeners
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // the session's state is set by connectOnce once the subscriptions are in place
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
