package tw.jiaohao.office.link;

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
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.messaging.Inbound;
import tw.jiaohao.messaging.Outgoing;
import tw.jiaohao.messaging.Requester;
import tw.jiaohao.messaging.Session;
import tw.jiaohao.messaging.Sessions;
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
 * The office node's MQTT features on the process's one {@link Session} (which owns the
 * connection, the reconnects with capped jittered backoff, the last will and the device status
 * {@code OFFICE_NODE}).
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
 * <li><b>Device status</b>: the session's; {@link #setStatusDetail} sets its detail.</li>
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
    private static final String REPLY_PREFIX = Topics.ROOT + "/reply/";

    private final OfficeConfig config;
    private final OfficeService service;
    private final EventOutbox outbox;
    private final Clock clock;
    private final Session session;
    private final JsonCodec codec = new JsonCodec();
    private final LinkMetrics metrics;
    private final Requester<RecoveryReply> recoveryRequester;
    private final ThreadPoolExecutor commands;
    private final String commandFilter;
    private final String replayTopic;
    private final String stateTopic;
    private final String eventTopic;
    private final String recoveryReplyTopic;
    private volatile long oldestKeptWarned;
    private final String settingsTopic;
    private volatile java.util.function.Consumer<byte[]> settingsHandler = payload -> { };

    private final Object lock = new Object();
    private volatile boolean running;
    private boolean connected;
    private long generation;
    private boolean wake;
    private final Deque<ReplayRequest> replays = new ArrayDeque<>();
    private final Queue<Long> acked = new ConcurrentLinkedQueue<>();
    private final AtomicReference<StateSnapshot> latestSnapshot = new AtomicReference<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private Thread publisher;

    /** The node's features on {@code session} (not yet subscribed: see {@link #start()}). */
    public MqttLink(OfficeConfig config, OfficeService service, EventOutbox outbox, Clock clock, Session session) {
        this.config = config;
        this.service = service;
        this.outbox = outbox;
        this.clock = clock;
        this.session = session;
        this.metrics = new LinkMetrics(session.metrics());
        String office = config.officeId();
        this.commandFilter = Topics.allCounterCommands(office);
        this.replayTopic = Topics.replay(office);
        this.stateTopic = Topics.state(office);
        this.eventTopic = Topics.event(office);
        this.recoveryReplyTopic = Topics.recoveryReply(office);
        this.settingsTopic = Topics.settings(office);
        this.recoveryRequester = session.requester(recoveryReplyTopic, RecoveryReply.class, "recovery reply");
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
        subscriptions.add(session.subscribeRaw(commandFilter, this::commandArrived)::close);
        subscriptions.add(session.subscribeRaw(replayTopic, in -> handleReplay(in.topic(), in.payload()))::close);
        subscriptions.add(session.subscribeRaw(settingsTopic, in -> settingsHandler.accept(in.payload()))::close);
        subscriptions.add(session.onConnected(this::connected)::close);
        subscriptions.add(session.onLost(this::lost)::close);
        if (session.isConnected()) {
            connected();
        }
        publisher = daemon(this::publishLoop, "jiaohao-outbox");
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
        DeviceStatus status = new DeviceStatus(ProtocolVersion.CURRENT, config.officeId(), config.deviceId(), DeviceKind.OFFICE_NODE, false,
                clock.instant(), tw.jiaohao.messaging.DeviceIdentity.versionOf(MqttLink.class), null,
                detail.length() <= 300 ? detail : detail.substring(0, 299) + "…");
        return Sessions.publishOnce(config.mqtt(), Outgoing.retained(Topics.deviceStatus(config.officeId(), config.deviceId()),
                new JsonCodec().encode(status)), java.time.Duration.ofSeconds(5));
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
        var sent = publish(Topics.settingsAck(config.officeId()), codec.encode(ack), false);
        if (sent.isCompletedExceptionally()) {
            try {
                sent.join();
            } catch (RuntimeException e) {
                throw new OfficeException("settings answer not published: " + e.getMessage(), e);
            }
        }
    }

    /** On the session's connector thread after every connect: send everything unsent again, and the newest state. */
    private void connected() {
        synchronized (lock) {
            connected = true;
            generation++;
            wake = true;
            lock.notifyAll();
        }
        StateSnapshot s = latestSnapshot.get();
        publishSnapshot(s != null ? s : service.snapshot());
    }

    private void lost() {
        synchronized (lock) {
            if (!connected) {
                return;
            }
            connected = false;
            generation++;
            lock.notifyAll();
        }
    }

    // ------------------------------------------------------------------ publishing

    private java.util.concurrent.CompletableFuture<Void> publish(String topic, byte[] payload, boolean retained) {
        return session.publish(new Outgoing(topic, payload, 1, retained, null, null, 0));
    }

    private void snapshotChanged(StateSnapshot s) {
        latestSnapshot.set(s);
        if (isConnected()) {
            publishSnapshot(s);
        }
    }

    private void publishSnapshot(StateSnapshot s) {
        // not sent: the newest snapshot is published again after the reconnect
        publish(stateTopic, codec.encode(s), true).whenComplete((v, e) -> {
            if (e == null) {
                metrics.snapshotsPublished.incrementAndGet();
            }
        });
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
                    var sent = publish(eventTopic, e.payload(), false);
                    sent.whenComplete((v, ex) -> {
                        if (ex == null) {
                            acked.add(e.seq()); // marked sent only on PUBACK
                        }
                        w.release();
                        signal();
                    });
                    if (sent.isCompletedExceptionally()) {
                        log.debug("outbox publish of seq {} not sent now; it is sent again after the reconnect", e.seq());
                        break;
                    }
                    after = e.seq();
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
                var sent = publish(eventTopic, e.payload(), false);
                sent.whenComplete((v, ex) -> w.release());
                if (sent.isCompletedExceptionally()) {
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

    // ------------------------------------------------------------------ consuming

    private void commandArrived(Inbound<byte[]> in) {
        String topic = in.topic();
        byte[] payload = in.payload();
        String responseTopic = in.responseTopic();
        byte[] correlation = in.correlationData();
        try {
            commands.execute(() -> handleCommand(topic, payload, responseTopic, correlation));
        } catch (RejectedExecutionException e) {
            metrics.commandsRefused.incrementAndGet();
            log.warn("refused a command on {}: more than {} commands queued", topic, MAX_QUEUED_COMMANDS);
        }
    }

    private void handleCommand(String topic, byte[] payload, String responseTopic, byte[] correlation) {
        Topics.Parsed parsed = Topics.parse(topic).filter(p -> p.kind() == Topics.Kind.COUNTER_COMMAND).orElse(null);
        if (parsed == null) {
            metrics.unexpectedMessages.incrementAndGet();
            log.warn("ignored a message on unexpected topic {}", abbreviate(topic));
            return;
        }
        int counter = parsed.counter();
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
        session.publish(new Outgoing(responseTopic, codec.encode(reply), 1, false, null, correlation, 0)).whenComplete((v, e) -> {
            if (e != null) {
                // the counter unit times out and the clerk presses again
                log.warn("reply to counter {} not sent: {}", counter, e.toString());
            }
        });
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
        return session.awaitConnected(timeout);
    }

    /**
     * Asks the hub what it holds of this office's events from {@code fromSeq} on
     * ({@link RecoveryRequest} on {@code office/{office}/recovery}); the future completes with the
     * hub's {@link RecoveryReply}, exceptionally when the request cannot be sent or the reply is
     * malformed. The caller bounds the wait; an unanswered request is forgotten after a minute.
     */
    public java.util.concurrent.CompletableFuture<RecoveryReply> askRecovery(long fromSeq, int limit) {
        Duration timeout = Duration.ofMinutes(1);
        return recoveryRequester.ask(Topics.recovery(config.officeId()), new RecoveryRequest(ProtocolVersion.CURRENT, config.officeId(),
                fromSeq, limit, config.mqttClientId()), timeout).whenComplete((r, e) -> {
                    if (e instanceof Requester.RejectedReplyException
                            || e instanceof java.util.concurrent.CompletionException && e.getCause() instanceof Requester.RejectedReplyException) {
                        metrics.unexpectedMessages.incrementAndGet();
                    }
                });
    }

    /**
     * Sets the detail of this node's retained device status (null clears it) and republishes it,
     * so head office sees e.g. that the node recovered events from the hub at start.
     */
    public void setStatusDetail(String detail) {
        session.status().detail(detail);
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
     * Stops the link's features: unsubscribes, drains acknowledgements into the outbox. The
     * session (offline status, disconnect) is closed by its owner afterwards; unsent events stay
     * in the outbox for the next start.
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
        join(publisher);
        flushAcks();
        log.info("MQTT link stopped ({})", metrics);
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
