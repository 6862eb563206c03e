package tw.jiaohao.office.link;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.messaging.ConnectionListener;
import tw.jiaohao.messaging.Device;
import tw.jiaohao.messaging.Inbound;
import tw.jiaohao.messaging.MqttSession;
import tw.jiaohao.messaging.MqttSettings;
import tw.jiaohao.messaging.Outbound;
import tw.jiaohao.messaging.Registration;
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
 * The office node's MQTT side, on the process's one {@link MqttSession} (shared with the kiosk
 * and self-service of the same process; the session owns connecting, backoff, the last will and
 * resubscription).
 *
 * <ul>
 * <li><b>Commands</b> on {@code office/{office}/counter/+/command} are executed one at a time in
 *     arrival order (thread {@code jiaohao-commands}; a staff CONFIRM on its own thread
 *     {@code jiaohao-confirm}, so it never waits behind commands held by the hold it lifts) and answered on the MQTT 5 response topic
 *     with the request's correlation data. Replies go only to topics under
 *     {@code jiaohao/v1/reply/}: a request naming any other response topic is refused.</li>
 * <li><b>Outbox</b> (thread {@code jiaohao-outbox}): unsent events are published QoS 1 in
 *     {@code seq} order, at most {@value #OUTBOX_WINDOW} unacknowledged at a time; a row is
 *     marked sent only on PUBACK. After a reconnect every unsent row is published again from the
 *     lowest, so nothing committed is lost and consumers de-duplicate by seq.</li>
 * <li><b>State</b>: the newest snapshot is published retained after changes (the engine
 *     coalesces bursts) and again after each connect.</li>
 * <li><b>Device status</b> {@code OFFICE_NODE} is the session's primary device: retained, online
 *     on connect, offline as the session's last will and when the session closes; its detail is
 *     set with {@link #setStatusDetail}.</li>
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
    /** How long one recovery request may wait for the hub (the start-up check bounds its own wait too). */
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);
    private static final String REPLY_PREFIX = Topics.ROOT + "/reply/";

    private final OfficeConfig config;
    private final OfficeService service;
    private final EventOutbox outbox;
    private final MqttSession session;
    private final JsonCodec codec = new JsonCodec();
    private final LinkMetrics metrics;
    private final ThreadPoolExecutor commands;
    /** CONFIRM only: never queued behind commands that wait for the very hold it lifts. */
    private final ThreadPoolExecutor confirms;
    private final String eventTopic;
    private final String stateTopic;
    private volatile java.util.function.Consumer<byte[]> settingsHandler = payload -> { };
    private volatile long oldestKeptWarned;
    private MqttSession.Requests<RecoveryReply> recoveries;

    private final Object lock = new Object();
    private volatile boolean running;
    private boolean connected;
    private long generation;
    private boolean wake;
    private final Deque<ReplayRequest> replays = new ArrayDeque<>();
    private final Queue<Long> acked = new ConcurrentLinkedQueue<>();
    private final AtomicReference<StateSnapshot> latestSnapshot = new AtomicReference<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<Registration> registrations = new ArrayList<>();
    private Thread publisher;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    /** The link of {@code config}'s office over {@code session} (which the caller starts and closes). */
    public MqttLink(OfficeConfig config, OfficeService service, EventOutbox outbox, MqttSession session) {
        this.config = config;
        this.service = service;
        this.outbox = outbox;
        this.session = session;
        this.metrics = new LinkMetrics(session.metrics());
        String office = config.officeId();
        this.stateTopic = Topics.state(office);
        this.eventTopic = Topics.event(office);
        this.commands = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_QUEUED_COMMANDS),
                r -> daemon(r, "jiaohao-commands"), (r, ex) -> {
                    throw new RejectedExecutionException("command queue full");
                });
        this.confirms = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(10),
                r -> daemon(r, "jiaohao-confirm"), (r, ex) -> {
                    throw new RejectedExecutionException("confirm queue full");
                });
    }

    /** The session of an office node with {@code settings}: as the node's device ({@code device.id}, {@code OFFICE_NODE}). Not started. */
    public static MqttSession sessionFor(OfficeConfig config, MqttSettings settings, java.time.Clock clock) {
        return new MqttSession(settings, new Device(config.officeId(), config.deviceId(), DeviceKind.OFFICE_NODE,
                Device.versionOf(MqttLink.class)), clock);
    }

    /** Registers the link's handlers and starts the outbox publisher; returns at once. The office works whether or not the broker is reachable. */
    public void start() {
        running = true;
        String office = config.officeId();
        registrations.add(session.subscribeRaw(Topics.allCounterCommands(office), 1, this::commandArrived));
        registrations.add(session.subscribeRaw(Topics.replay(office), 1, in -> handleReplay(in.topic(), in.message())));
        registrations.add(session.subscribeRaw(Topics.settings(office), 1, in -> settingsHandler.accept(in.message())));
        recoveries = session.requests(Topics.recoveryReply(office), RecoveryReply.class);
        registrations.add(recoveries);
        registrations.add(session.onConnection(new ConnectionListener() {
            @Override
            public void up() {
                synchronized (lock) {
                    connected = true;
                    generation++;
                    wake = true;
                    lock.notifyAll();
                }
                StateSnapshot s = latestSnapshot.get();
                publishSnapshot(s != null ? s : service.snapshot());
            }

            @Override
            public void down(Instant since) {
                synchronized (lock) {
                    connected = false;
                    generation++;
                    lock.notifyAll();
                }
            }
        }));
        subscriptions.add(outbox.onAppended(this::signal));
        subscriptions.add(service.onSnapshot(this::snapshotChanged));
        publisher = daemon(this::publishLoop, "jiaohao-outbox");
        publisher.start();
    }

    public LinkMetrics metrics() {
        return metrics;
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    /** The process's session (for the other features of the office node's process). */
    public MqttSession session() {
        return session;
    }

    // ------------------------------------------------------------------ connection

    /**
     * Tells head office that this node cannot start ({@code detail}, e.g. {@code database-damaged: …}):
     * one retained offline device status published on a short connection of its own (the node's
     * session never started), within about 5 s. Best effort: returns false (and logs) when the
     * broker cannot be reached.
     */
    public static boolean reportCannotStart(OfficeConfig config, java.time.Clock clock, String detail) {
        DeviceStatus status = new DeviceStatus(ProtocolVersion.CURRENT, config.officeId(), config.deviceId(), DeviceKind.OFFICE_NODE, false,
                clock.instant(), Device.versionOf(MqttLink.class), null, detail.length() <= 300 ? detail : detail.substring(0, 299) + "…");
        return MqttSession.publishOnce(config.mqtt(), Outbound.of(Topics.deviceStatus(config.officeId(), config.deviceId()),
                new JsonCodec().encode(status)).retain(), Duration.ofSeconds(5));
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
        CompletableFuture<Void> sent = session.publish(Topics.settingsAck(config.officeId()), ack);
        if (sent.isCompletedExceptionally()) {
            throw new OfficeException("settings answer not published: " + sent.handle((ok, e) -> e.getMessage()).join());
        }
    }

    // ------------------------------------------------------------------ publishing

    private void snapshotChanged(StateSnapshot s) {
        latestSnapshot.set(s);
        if (isConnected()) {
            publishSnapshot(s);
        }
    }

    private void publishSnapshot(StateSnapshot s) {
        // not sent: the newest snapshot is published again after the reconnect
        session.publish(Outbound.of(stateTopic, codec.encode(s)).retain()).thenRun(metrics.snapshotsPublished::incrementAndGet);
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
                        if (!sendEvent(e, w, () -> acked.add(e.seq()))) {
                            break;
                        }
                        after = e.seq();
                    } catch (RuntimeException ex) {
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
                if (!sendEvent(e, window, () -> { })) {
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

    /**
     * Publishes one stored event holding a slot of {@code window} until its PUBACK (then
     * {@code onAck}) or failure; false when the session refused it at once (offline, no slot).
     */
    private boolean sendEvent(StoredEvent e, Semaphore window, Runnable onAck) {
        inFlight.incrementAndGet();
        CompletableFuture<Void> sent = session.publish(Outbound.of(eventTopic, e.payload()));
        sent.whenComplete((ok, failure) -> {
            if (failure == null) {
                onAck.run();
            }
            inFlight.decrementAndGet();
            window.release();
            signal();
        });
        if (sent.isCompletedExceptionally()) {
            log.debug("outbox publish of seq {} refused: {}", e.seq(), sent.handle((ok, f) -> f.getMessage()).join());
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ consuming

    private void commandArrived(Inbound<byte[]> in) {
        try {
            (isConfirm(in.message()) ? confirms : commands).execute(() -> handleCommand(in));
        } catch (RejectedExecutionException e) {
            metrics.commandsRefused.incrementAndGet();
            log.warn("refused a command on {}: more than {} commands queued", in.topic(), MAX_QUEUED_COMMANDS);
        }
    }

    /** A staff CONFIRM (decoded again and checked in full by {@link #handleCommand}). */
    private boolean isConfirm(byte[] payload) {
        return codec.decode(payload, CounterCommand.class) instanceof Decoded.Accepted<CounterCommand> c
                && c.message().action() == tw.jiaohao.protocol.counter.CommandAction.CONFIRM;
    }

    private void handleCommand(Inbound<byte[]> in) {
        String topic = in.topic();
        byte[] payload = in.message();
        Topics.Parsed parsed = Topics.parse(topic).filter(p -> p.kind() == Topics.Kind.COUNTER_COMMAND).orElse(null);
        if (parsed == null) {
            metrics.unexpectedMessages.incrementAndGet();
            log.warn("ignored a message on unexpected topic {}", abbreviate(topic));
            return;
        }
        int counter = parsed.counter();
        String responseTopic = in.responseTopic();
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
        // not sent: the counter unit times out and the clerk presses again
        session.publish(Outbound.of(responseTopic, codec.encode(reply)).correlated(in.correlation()))
                .exceptionally(e -> {
                    log.warn("reply to counter {} not sent: {}", counter, e.getMessage());
                    return null;
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
     * ({@link RecoveryRequest} on {@code office/{office}/recovery}, answered on
     * {@code office/{office}/recovery/reply}); the future completes with the hub's
     * {@link RecoveryReply}, or exceptionally when the request cannot be sent, the link is lost,
     * the answer is malformed (counted by the session) or none came within a minute. The caller
     * bounds its own wait.
     */
    public CompletableFuture<RecoveryReply> askRecovery(long fromSeq, int limit) {
        return recoveries.send(Topics.recovery(config.officeId()), new RecoveryRequest(ProtocolVersion.CURRENT, config.officeId(),
                fromSeq, limit, config.mqttClientId()), RECOVERY_TIMEOUT);
    }

    /**
     * Sets the detail of this node's retained device status (null clears it) and republishes it,
     * so head office sees e.g. that the node recovered events from the hub at start.
     */
    public void setStatusDetail(String detail) {
        session.primaryDevice().detail(detail);
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
     * Stops the link: no more commands, replays or outbox publishes; acknowledgements that arrive
     * within 2 s are marked in the outbox. Unsent events stay in the outbox for the next start.
     * The session (offline status, disconnect) is closed by its owner afterwards.
     */
    @Override
    public void close() {
        running = false;
        subscriptions.forEach(Subscription::close);
        commands.shutdown();
        confirms.shutdown();
        try {
            commands.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            lock.notifyAll();
        }
        join(publisher);
        registrations.forEach(Registration::close);
        // events already sent may still be acknowledged: wait briefly so they are marked sent now
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        synchronized (lock) {
            while (inFlight.get() > 0 && session.isConnected() && System.nanoTime() < until) {
                try {
                    lock.wait(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        flushAcks();
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
