package tw.jiaohao.office.link;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.office.OfficeException;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.ticketing.EventOutbox;
import tw.jiaohao.office.ticketing.EventOutbox.StoredEvent;
import tw.jiaohao.office.ticketing.OfficeService;
import tw.jiaohao.office.ticketing.Subscription;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.counter.ReplyCode;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.event.RecoveryReply;
import tw.jiaohao.protocol.event.RecoveryRequest;
import tw.jiaohao.protocol.event.ReplayRequest;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * The office node's one MQTT 5 connection (Eclipse Paho), kept open for the node's life and
 * re-established by its own loop with capped exponential backoff and jitter ({@link Backoff}).
 *
 * <ul>
 * <li><b>Commands</b> on {@code office/{office}/counter/+/command} are executed one at a time in
 *     arrival order (thread {@code jiaohao-commands}) and answered on the MQTT 5 response topic
 *     with the request's correlation data. Replies go only to topics under
 *     {@code jiaohao/v1/reply/}: a request naming any other response topic is refused.</li>
 * <li><b>Outbox</b> (thread {@code jiaohao-outbox}): unsent events are published QoS 1 in
 *     {@code seq} order, at most {@value #OUTBOX_WINDOW} unacknowledged at a time; a row is
 *     marked sent only on PUBACK. After a reconnect every unsent row is published again from the
 *     lowest, so nothing committed is lost and consumers de-duplicate by seq.</li>
 * <li><b>State</b>: the newest snapshot is published retained after changes (the engine
 *     coalesces bursts) and again after each connect.</li>
 * <li><b>Device status</b> {@code OFFICE_NODE}, retained, online on connect; the last will
 *     announces it offline if the node vanishes, and {@link #close()} publishes offline itself.</li>
 * <li><b>Settings</b> from head office on {@code hub/settings/{office}} (retained) go to the handler
 *     given with {@link #onSettings} (ignored until one is given); its answers go out with
 *     {@link #publishSettingsAck}.</li>
 * <li><b>Replay</b> requests on {@code office/{office}/replay} republish stored events in seq
 *     order, up to the first event the outbox has not sent yet (the outbox sends the rest).</li>
 * </ul>
 * Bad payloads on any consumed topic are refused, logged once each and counted in
 * {@link #metrics()}; they never stop the link and never change the store. While the broker is
 * unreachable nothing blocks the office: the engine keeps committing, and the outbox waits.
 */
public final class MqttLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttLink.class);
    /** Unacknowledged outbox events at a time; below every broker's receive maximum (HiveMQ 10, Mosquitto 20). */
    static final int OUTBOX_WINDOW = 5;
    private static final int PAGE = 200;
    private static final int MAX_QUEUED_COMMANDS = 1_000;
    private static final int MAX_QUEUED_REPLAYS = 50;
    private static final long CONNECT_TIMEOUT_MS = 10_000;
    private static final String REPLY_PREFIX = Topics.ROOT + "/reply/";

    private final OfficeConfig config;
    private final OfficeService service;
    private final EventOutbox outbox;
    private final Clock clock;
    private final Backoff backoff;
    private final String version;
    private final JsonCodec codec = new JsonCodec();
    private final LinkMetrics metrics = new LinkMetrics();
    private final MqttAsyncClient client;
    private final ThreadPoolExecutor commands;
    private final String commandFilter;
    private final String replayTopic;
    private final String statusTopic;
    private final String stateTopic;
    private final String eventTopic;
    private final String recoveryReplyTopic;
    private final java.util.Map<String, java.util.concurrent.CompletableFuture<RecoveryReply>> recoveries =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String statusDetail;
    private final String settingsTopic;
    private volatile java.util.function.Consumer<byte[]> settingsHandler = payload -> { };
    private volatile boolean recoveryReplyRefusedLogged;
    private volatile long oldestKeptWarned;

    private final Object lock = new Object();
    private volatile boolean running;
    private boolean connected;
    private long generation;
    private boolean wake;
    private final Deque<ReplayRequest> replays = new ArrayDeque<>();
    private final Queue<Long> acked = new ConcurrentLinkedQueue<>();
    private final AtomicReference<StateSnapshot> latestSnapshot = new AtomicReference<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private Thread connector;
    private Thread publisher;

    public MqttLink(OfficeConfig config, OfficeService service, EventOutbox outbox, Clock clock, Backoff backoff) {
        this.config = config;
        this.service = service;
        this.outbox = outbox;
        this.clock = clock;
        this.backoff = backoff;
        String v = MqttLink.class.getPackage().getImplementationVersion();
        this.version = v == null ? "dev" : v;
        String office = config.officeId();
        this.commandFilter = Topics.allCounterCommands(office);
        this.replayTopic = Topics.replay(office);
        this.statusTopic = Topics.deviceStatus(office, config.deviceId());
        this.stateTopic = Topics.state(office);
        this.eventTopic = Topics.event(office);
        this.recoveryReplyTopic = Topics.recoveryReply(office);
        this.settingsTopic = Topics.settings(office);
        try {
            this.client = new MqttAsyncClient(config.brokerUrl(), config.mqttClientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new OfficeException("cannot create the MQTT client for " + config.brokerUrl() + " (check mqtt.broker): " + e.getMessage(), e);
        }
        client.setCallback(new Callback());
        this.commands = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_QUEUED_COMMANDS),
                r -> daemon(r, "jiaohao-commands"), (r, ex) -> {
                    throw new RejectedExecutionException("command queue full");
                });
    }

    /** Starts connecting in the background; returns at once. The office works whether or not the broker is reachable. */
    public void start() {
        running = true;
        subscriptions.add(outbox.onAppended(this::signal));
        subscriptions.add(service.onSnapshot(this::snapshotChanged));
        connector = daemon(this::connectLoop, "jiaohao-mqtt-connect");
        publisher = daemon(this::publishLoop, "jiaohao-outbox");
        connector.start();
        publisher.start();
    }

    public LinkMetrics metrics() {
        return metrics;
    }

    public boolean isConnected() {
        synchronized (lock) {
            return connected;
        }
    }

    // ------------------------------------------------------------------ connection

    /**
     * Tells head office that this node cannot start ({@code detail}, e.g. {@code database-damaged: …}):
     * one retained offline device status published on a short connection of its own, within
     * about 5 s. Best effort: returns false (and logs) when the broker cannot be reached.
     */
    public static boolean reportCannotStart(OfficeConfig config, Clock clock, String detail) {
        String v = MqttLink.class.getPackage().getImplementationVersion();
        DeviceStatus status = new DeviceStatus(ProtocolVersion.CURRENT, config.officeId(), config.deviceId(), DeviceKind.OFFICE_NODE, false,
                clock.instant(), v == null ? "dev" : v, null, detail.length() <= 300 ? detail : detail.substring(0, 299) + "…");
        org.eclipse.paho.mqttv5.client.MqttClient c = null;
        try {
            c = new org.eclipse.paho.mqttv5.client.MqttClient(config.brokerUrl(), config.mqttClientId(), new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setConnectionTimeout(5);
            if (config.mqttUsername() != null) {
                o.setUserName(config.mqttUsername());
                o.setPassword(config.mqttPassword() == null ? new byte[0] : config.mqttPassword().getBytes(StandardCharsets.UTF_8));
            }
            c.connect(o);
            MqttMessage m = new MqttMessage(new JsonCodec().encode(status));
            m.setQos(1);
            m.setRetained(true);
            c.publish(Topics.deviceStatus(config.officeId(), config.deviceId()), m);
            c.disconnect();
            return true;
        } catch (MqttException e) {
            log.warn("could not tell head office that the node cannot start: {}", e.getMessage());
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

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setSessionExpiryInterval(0L);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(15);
        o.setConnectionTimeout(5);
        NoDelaySocketFactory.applyTo(o, config.brokerUrl());
        if (config.mqttUsername() != null) {
            o.setUserName(config.mqttUsername());
            o.setPassword(config.mqttPassword() == null ? new byte[0] : config.mqttPassword().getBytes(StandardCharsets.UTF_8));
        }
        MqttMessage will = new MqttMessage(codec.encode(status(false, "connection lost")));
        will.setQos(1);
        will.setRetained(true);
        o.setWill(statusTopic, will);
        return o;
    }

    private DeviceStatus status(boolean online, String detail) {
        return new DeviceStatus(ProtocolVersion.CURRENT, config.officeId(), config.deviceId(), DeviceKind.OFFICE_NODE, online,
                clock.instant(), version, null, detail);
    }

    private void connectLoop() {
        int attempt = 0;
        while (running) {
            boolean up;
            synchronized (lock) {
                up = connected;
            }
            if (up) {
                synchronized (lock) {
                    try {
                        lock.wait(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
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
                Duration delay = backoff.delay(attempt, () -> ThreadLocalRandom.current().nextDouble());
                if (attempt == 0) {
                    log.warn("broker {} unreachable ({}); the office keeps working and events wait in the outbox; retrying",
                            config.brokerUrl(), reason(e));
                } else {
                    log.debug("reconnect attempt {} failed ({}); next in {} ms", attempt, reason(e), delay.toMillis());
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
        client.connect(options()).waitForCompletion(CONNECT_TIMEOUT_MS);
        client.subscribe(new String[] {commandFilter, replayTopic, recoveryReplyTopic, settingsTopic}, new int[] {1, 1, 1, 1})
                .waitForCompletion(CONNECT_TIMEOUT_MS);
        publish(statusTopic, codec.encode(status(true, statusDetail)), true, null, null);
        synchronized (lock) {
            connected = true;
            generation++;
            wake = true;
            lock.notifyAll();
        }
        metrics.connects.incrementAndGet();
        log.info("connected to {} as {}", config.brokerUrl(), config.mqttClientId());
        StateSnapshot s = latestSnapshot.get();
        publishSnapshot(s != null ? s : service.snapshot());
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
        log.warn("lost the broker ({}); the office keeps working, reconnecting", why);
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return root == e || root.getMessage() == null ? top : top + ": " + root.getMessage();
    }

    private void disconnectQuietly() {
        try {
            client.disconnectForcibly(0, 1_000, false);
        } catch (MqttException | RuntimeException e) {
            log.debug("forced disconnect: {}", e.toString());
        }
    }

    /** Who handles head office's settings (one handler; it must return at once). */
    public void onSettings(java.util.function.Consumer<byte[]> handler) {
        this.settingsHandler = handler;
    }

    /**
     * Publishes the node's answer to a settings version on {@code office/{office}/settings/ack}
     * (QoS 1, not retained). Throws {@link OfficeException} while the broker is unreachable.
     */
    public void publishSettingsAck(tw.jiaohao.protocol.settings.SettingsAck ack) {
        try {
            publish(Topics.settingsAck(config.officeId()), codec.encode(ack), false, null, null);
        } catch (MqttException e) {
            throw new OfficeException("settings answer not published: " + reason(e), e);
        }
    }

    // ------------------------------------------------------------------ publishing

    /** Publishes QoS 1; waits briefly for a free in-flight slot rather than failing. */
    private IMqttToken publish(String topic, byte[] payload, boolean retained, MqttProperties props, MqttActionListener listener)
            throws MqttException {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        m.setRetained(retained);
        if (props != null) {
            m.setProperties(props);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (true) {
            try {
                return client.publish(topic, m, null, listener);
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT && System.nanoTime() < deadline && running) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    continue;
                }
                throw e;
            }
        }
    }

    private void snapshotChanged(StateSnapshot s) {
        latestSnapshot.set(s);
        if (isConnected()) {
            publishSnapshot(s);
        }
    }

    private void publishSnapshot(StateSnapshot s) {
        try {
            publish(stateTopic, codec.encode(s), true, null, null);
            metrics.snapshotsPublished.incrementAndGet();
        } catch (MqttException | RuntimeException e) {
            // the newest snapshot is published again after the reconnect
            log.debug("state snapshot not published: {}", e.toString());
        }
    }

    private void signal() {
        synchronized (lock) {
            wake = true;
            lock.notifyAll();
        }
    }

    private void publishLoop() {
        long myGeneration = -1;
        long after = 0;
        Semaphore window = new Semaphore(OUTBOX_WINDOW);
        while (running) {
            try {
                flushAcks();
                long gen;
                ReplayRequest replay;
                synchronized (lock) {
                    if (!connected || !wake && replays.isEmpty()) {
                        wake = false;
                        lock.wait(connected ? 1_000 : 200);
                        continue;
                    }
                    wake = false;
                    gen = generation;
                    replay = replays.poll();
                }
                if (gen != myGeneration) {
                    myGeneration = gen;
                    after = 0; // a new connection: publish every unsent row again, from the lowest
                    window = new Semaphore(OUTBOX_WINDOW);
                }
                if (replay != null) {
                    serveReplay(replay, after, window, gen);
                    signal();
                    continue;
                }
                List<StoredEvent> page = outbox.pending(after, PAGE);
                for (StoredEvent e : page) {
                    if (!acquire(window, gen)) {
                        break;
                    }
                    Semaphore w = window;
                    try {
                        publish(eventTopic, e.payload(), false, null, new MqttActionListener() {
                            @Override
                            public void onSuccess(IMqttToken token) {
                                acked.add(e.seq());
                                w.release();
                                signal();
                            }

                            @Override
                            public void onFailure(IMqttToken token, Throwable failure) {
                                w.release();
                                signal();
                            }
                        });
                        after = e.seq();
                    } catch (MqttException | RuntimeException ex) {
                        w.release();
                        log.debug("outbox publish of seq {} failed: {}", e.seq(), ex.toString());
                        break;
                    }
                }
                if (page.size() == PAGE) {
                    signal();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // e.g. the store was busy; the rows stay unsent and are tried again
                log.warn("outbox publisher: {}", e.toString());
                synchronized (lock) {
                    try {
                        lock.wait(500);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    private boolean acquire(Semaphore window, long gen) throws InterruptedException {
        while (running) {
            if (window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                return true;
            }
            flushAcks();
            synchronized (lock) {
                if (!connected || generation != gen) {
                    return false;
                }
            }
        }
        return false;
    }

    private void flushAcks() {
        List<Long> seqs = new ArrayList<>();
        Long s;
        while ((s = acked.poll()) != null) {
            seqs.add(s);
        }
        if (!seqs.isEmpty()) {
            try {
                outbox.markSent(seqs);
                metrics.eventsAcknowledged.addAndGet(seqs.size());
            } catch (RuntimeException e) {
                // not marked: they are published again, which consumers de-duplicate
                log.warn("could not mark {} events sent: {}", seqs.size(), e.getMessage());
            }
        }
    }

    private void serveReplay(ReplayRequest r, long publishedUpTo, Semaphore window, long gen) throws InterruptedException {
        // Replay only up to the first event the outbox has not yet sent: that one and later
        // ones follow through the outbox, so a consumer still sees first arrivals in seq order.
        List<StoredEvent> firstUnsent = outbox.pending(publishedUpTo, 1);
        long cap = firstUnsent.isEmpty() ? outbox.lastSeq() : firstUnsent.get(0).seq() - 1;
        long to = r.toSeq() == null ? cap : Math.min(r.toSeq(), cap);
        long from = r.fromSeq();
        int count = 0;
        while (from <= to) {
            List<StoredEvent> page = outbox.range(from, to, PAGE);
            if (page.isEmpty()) {
                break;
            }
            if (count == 0 && page.get(0).seq() > from && oldestKeptWarned != page.get(0).seq()) {
                // deleted by retention (or never held): the hub gives such seqs up after its retries
                oldestKeptWarned = page.get(0).seq();
                log.warn("replay for {} from seq {}: this node no longer holds events before seq {} (retention.days); "
                        + "serving what remains", r.requestedBy(), from, page.get(0).seq());
            }
            for (StoredEvent e : page) {
                if (!acquire(window, gen)) {
                    log.info("replay for {} interrupted by a lost connection after {} events", r.requestedBy(), count);
                    return;
                }
                Semaphore w = window;
                try {
                    publish(eventTopic, e.payload(), false, null, releasing(w));
                } catch (MqttException | RuntimeException ex) {
                    w.release();
                    return;
                }
                count++;
                metrics.eventsReplayed.incrementAndGet();
                from = e.seq() + 1;
            }
        }
        metrics.replaysServed.incrementAndGet();
        log.info("replayed {} events from seq {} for {}", count, r.fromSeq(), r.requestedBy());
    }

    private MqttActionListener releasing(Semaphore w) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                w.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                w.release();
            }
        };
    }

    // ------------------------------------------------------------------ consuming

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
            try {
                if (topic.equals(replayTopic)) {
                    handleReplay(topic, message.getPayload());
                } else if (topic.equals(settingsTopic)) {
                    settingsHandler.accept(message.getPayload());
                } else if (topic.equals(recoveryReplyTopic)) {
                    handleRecoveryReply(topic, message.getPayload(), message.getProperties());
                } else {
                    byte[] payload = message.getPayload();
                    MqttProperties props = message.getProperties();
                    commands.execute(() -> handleCommand(topic, payload, props));
                }
            } catch (RejectedExecutionException e) {
                metrics.commandsRefused.incrementAndGet();
                log.warn("refused a command on {}: more than {} commands queued", topic, MAX_QUEUED_COMMANDS);
            } catch (RuntimeException e) {
                metrics.unexpectedMessages.incrementAndGet();
                log.warn("could not handle a message on {}: {}", topic, e.toString());
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // outbox acknowledgements arrive through the per-message listeners
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // state is set by connectOnce once the subscriptions are in place
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }

    private void handleCommand(String topic, byte[] payload, MqttProperties props) {
        Topics.Parsed parsed = Topics.parse(topic).filter(p -> p.kind() == Topics.Kind.COUNTER_COMMAND).orElse(null);
        if (parsed == null) {
            metrics.unexpectedMessages.incrementAndGet();
            log.warn("ignored a message on unexpected topic {}", abbreviate(topic));
            return;
        }
        int counter = parsed.counter();
        String responseTopic = props == null ? null : props.getResponseTopic();
        if (responseTopic != null && (!responseTopic.startsWith(REPLY_PREFIX) || responseTopic.contains("+")
                || responseTopic.contains("#") || responseTopic.length() > 200)) {
            metrics.commandsRefused.incrementAndGet();
            log.warn("refused a command for counter {}: its response topic is not under {}", counter, REPLY_PREFIX);
            return;
        }
        CommandReply reply;
        Decoded<CounterCommand> decoded = codec.decode(topic, payload, CounterCommand.class);
        if (decoded instanceof Decoded.Rejected<CounterCommand> rejected) {
            metrics.commandsRefused.incrementAndGet();
            log.warn("refused a command for counter {}: {}", counter, rejected);
            reply = CommandReply.error(config.officeId(), counter, null, ReplyCode.MALFORMED,
                    "指令格式錯誤 / malformed command: " + rejected);
        } else {
            CounterCommand cmd = ((Decoded.Accepted<CounterCommand>) decoded).message();
            if (cmd.counter() != counter) {
                metrics.commandsRefused.incrementAndGet();
                log.warn("refused a command: counter {} in the payload, {} in the topic", cmd.counter(), counter);
                reply = CommandReply.error(config.officeId(), counter, cmd.action(), ReplyCode.MALFORMED,
                        "櫃台號碼與主題不符 / counter " + cmd.counter() + " in the payload differs from counter " + counter + " in the topic");
            } else {
                metrics.commandsExecuted.incrementAndGet();
                reply = service.execute(cmd);
            }
        }
        if (responseTopic == null) {
            return;
        }
        MqttProperties out = new MqttProperties();
        if (props.getCorrelationData() != null) {
            out.setCorrelationData(props.getCorrelationData());
        }
        try {
            publish(responseTopic, codec.encode(reply), false, out, null);
        } catch (MqttException | RuntimeException e) {
            // the counter unit times out and the clerk presses again
            log.warn("reply to counter {} not sent: {}", counter, e.toString());
        }
    }

    private void handleReplay(String topic, byte[] payload) {
        Decoded<ReplayRequest> decoded = codec.decode(topic, payload, ReplayRequest.class);
        if (decoded instanceof Decoded.Rejected<ReplayRequest> rejected) {
            metrics.replaysRefused.incrementAndGet();
            log.warn("refused a replay request: {}", rejected);
            return;
        }
        ReplayRequest r = ((Decoded.Accepted<ReplayRequest>) decoded).message();
        synchronized (lock) {
            if (replays.size() >= MAX_QUEUED_REPLAYS) {
                metrics.replaysRefused.incrementAndGet();
                log.warn("refused a replay request from {}: {} already queued", r.requestedBy(), MAX_QUEUED_REPLAYS);
                return;
            }
            replays.add(r);
            lock.notifyAll();
        }
        log.info("replay requested by {} from seq {}", r.requestedBy(), r.fromSeq());
    }

    // ------------------------------------------------------------------ recovery (start-up check with the hub)

    /** Waits until the link is connected, at most {@code timeout}; true when connected. */
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

    /**
     * Asks the hub what it holds of this office's events from {@code fromSeq} on
     * ({@link RecoveryRequest} on {@code office/{office}/recovery}); the future completes with the
     * hub's {@link RecoveryReply}, or exceptionally when the request cannot be sent. The caller
     * bounds the wait; an unanswered future is dropped when the next one is asked.
     */
    public java.util.concurrent.CompletableFuture<RecoveryReply> askRecovery(long fromSeq, int limit) {
        java.util.concurrent.CompletableFuture<RecoveryReply> answer = new java.util.concurrent.CompletableFuture<>();
        String correlation = java.util.UUID.randomUUID().toString();
        recoveries.clear();
        recoveries.put(correlation, answer);
        MqttProperties props = new MqttProperties();
        props.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
        props.setResponseTopic(recoveryReplyTopic);
        try {
            publish(Topics.recovery(config.officeId()), codec.encode(new RecoveryRequest(ProtocolVersion.CURRENT, config.officeId(),
                    fromSeq, limit, config.mqttClientId())), false, props, null);
        } catch (MqttException | RuntimeException e) {
            recoveries.remove(correlation);
            answer.completeExceptionally(e);
        }
        return answer;
    }

    private void handleRecoveryReply(String topic, byte[] payload, MqttProperties props) {
        byte[] cd = props == null ? null : props.getCorrelationData();
        java.util.concurrent.CompletableFuture<RecoveryReply> answer =
                cd == null ? null : recoveries.remove(new String(cd, StandardCharsets.UTF_8));
        if (answer == null) {
            return; // an answer to another node's (or an earlier) request
        }
        Decoded<RecoveryReply> decoded = codec.decode(topic, payload, RecoveryReply.class);
        if (decoded instanceof Decoded.Rejected<RecoveryReply> rejected) {
            if (metrics.unexpectedMessages.incrementAndGet() == 1 || !recoveryReplyRefusedLogged) {
                recoveryReplyRefusedLogged = true;
                log.warn("refused the hub's recovery reply: {} (further refusals are counted, not logged)", rejected);
            }
            answer.completeExceptionally(new OfficeException("the hub's recovery reply was malformed: " + rejected));
            return;
        }
        answer.complete(((Decoded.Accepted<RecoveryReply>) decoded).message());
    }

    /**
     * Sets the detail of this node's retained device status (null clears it) and republishes it,
     * so head office sees e.g. that the node recovered events from the hub at start.
     */
    public void setStatusDetail(String detail) {
        statusDetail = detail == null || detail.length() <= 300 ? detail : detail.substring(0, 300);
        if (isConnected()) {
            try {
                publish(statusTopic, codec.encode(status(true, statusDetail)), true, null, null);
            } catch (MqttException | RuntimeException e) {
                log.debug("device status not published: {}", e.toString());
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Stops the link: publishes the offline status (when connected), drains acknowledgements
     * into the outbox, disconnects. Unsent events stay in the outbox for the next start.
     */
    @Override
    public void close() {
        running = false;
        subscriptions.forEach(Subscription::close);
        commands.shutdown();
        try {
            commands.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            lock.notifyAll();
        }
        join(connector);
        join(publisher);
        if (client.isConnected()) {
            try {
                publish(statusTopic, codec.encode(status(false, "stopped")), true, null, null).waitForCompletion(2_000);
            } catch (MqttException | RuntimeException e) {
                log.debug("offline status not published: {}", e.toString());
            }
            flushAcks();
            try {
                client.disconnect(2_000).waitForCompletion(3_000);
            } catch (MqttException | RuntimeException e) {
                disconnectQuietly();
            }
        }
        flushAcks();
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            log.debug("close: {}", e.toString());
        }
        log.info("MQTT link closed ({})", metrics);
    }

    private static void join(Thread t) {
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            t.join(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
