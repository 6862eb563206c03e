package tw.jiaohao.board.link;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.board.BoardException;
import tw.jiaohao.board.DisplayConfig;
import tw.jiaohao.messaging.ConnectionListener;
import tw.jiaohao.messaging.Device;
import tw.jiaohao.messaging.Inbound;
import tw.jiaohao.messaging.MessagingException;
import tw.jiaohao.messaging.MqttSession;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * A board's or counter unit's link to its office broker (adapter), owning the process's one
 * {@link MqttSession} (the board and the counter unit have no other MQTT feature).
 *
 * <p>The session connects once and keeps the connection; on loss the listener hears "offline
 * since when" and the session reconnects by itself with backoff; every connect starts clean and
 * subscribes again, so the broker's retained state snapshot and notices arrive anew. The
 * device's retained status is the session's (online on connect, offline as the last will and
 * on {@link #close()}). Counter commands are requests with the MQTT 5 response topic
 * {@code reply/{device}/command}.
 *
 * <p>Threading: listener calls come from the session's connector or delivery thread, one at a time.
 */
public final class MqttOfficeLink implements CommandSender, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttOfficeLink.class);
    private static final String VERSION = "display-board 0.1.0";
    static final String OFFLINE_MESSAGE = "與伺服器斷線，請稍後再按 / Not connected to the office broker; press again shortly";
    static final String NO_ANSWER_MESSAGE = "辦公室主機未回應，請再按一次 / The office node did not answer; press again";

    private final DisplayConfig.Mqtt settings;
    private final String office;
    private final String device;
    private final DeviceKind kind;
    private final OfficeListener listener;
    private final Clock clock;
    private final JsonCodec codec = new JsonCodec();
    private final MqttSession session;
    private final LinkMetrics metrics;
    private final SnapshotGate gate;
    private final Object deliveryLock = new Object();
    private MqttSession.Requests<CommandReply> commands;

    public MqttOfficeLink(DisplayConfig config, DeviceKind kind, OfficeListener listener, Clock clock) {
        this.settings = config.mqtt();
        this.office = config.officeId();
        this.device = config.deviceId();
        this.kind = kind;
        this.listener = listener;
        this.clock = clock;
        try {
            this.session = new MqttSession(settings.settings(), new Device(office, device, kind, VERSION), clock);
        } catch (MessagingException e) {
            throw new BoardException(e.getMessage(), e);
        }
        this.metrics = new LinkMetrics(session.metrics());
        this.gate = new SnapshotGate(metrics);
    }

    /** Starts connecting in the background; returns at once. The listener first hears "offline since now". */
    public void start() {
        listener.onConnection(false, clock.instant());
        session.subscribeRaw(Topics.state(office), 1, this::stateArrived);
        for (String topic : Topics.noticesFor(office)) {
            session.subscribeRaw(topic, 1, this::noticesArrived);
        }
        if (kind == DeviceKind.COUNTER_UNIT) {
            commands = session.requests(Topics.replyTo(device, "command"), CommandReply.class);
        }
        session.onConnection(new ConnectionListener() {
            @Override
            public void up() {
                LOG.info("connected as {} (office {})", device, office);
                synchronized (deliveryLock) {
                    listener.onConnection(true, null);
                }
            }

            @Override
            public void down(Instant since) {
                LOG.warn("lost the broker {}; showing the last state, reconnecting", settings.url());
                synchronized (deliveryLock) {
                    listener.onConnection(false, since);
                }
            }
        });
        session.start();
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    public LinkMetrics metrics() {
        return metrics;
    }

    @Override
    public CompletableFuture<CommandOutcome> send(CounterCommand command) {
        if (commands == null || !session.isConnected()) {
            return CompletableFuture.completedFuture(new CommandOutcome.Unanswered(OFFLINE_MESSAGE));
        }
        return commands.send(Topics.counterCommand(command.office(), command.counter()), command, settings.commandTimeout())
                .<CommandOutcome>thenApply(CommandOutcome.Replied::new)
                .exceptionally(e -> {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof TimeoutException || cause instanceof MessagingException.RejectedReply) {
                        return new CommandOutcome.Unanswered(NO_ANSWER_MESSAGE);
                    }
                    LOG.warn("could not send {} for counter {}: {}", command.action(), command.counter(), cause.getMessage());
                    return new CommandOutcome.Unanswered(OFFLINE_MESSAGE);
                });
    }

    private void stateArrived(Inbound<byte[]> in) {
        Decoded<StateSnapshot> decoded = codec.decode(in.topic(), in.message(), StateSnapshot.class);
        synchronized (deliveryLock) {
            gate.admit(decoded).ifPresent(listener::onSnapshot);
        }
    }

    private void noticesArrived(Inbound<byte[]> in) {
        Topics.Parsed parsed = Topics.parse(in.topic()).orElse(null);
        Decoded<NoticeBoard> decoded = codec.decode(in.message(), NoticeBoard.class);
        if (parsed != null && decoded instanceof Decoded.Accepted<NoticeBoard> ok && ok.message().scope().equals(parsed.office())) {
            synchronized (deliveryLock) {
                listener.onNotices(ok.message());
            }
        } else if (in.message().length > 0) {
            metrics.noticesMalformed.incrementAndGet();
            session.metrics().reject(NoticeBoard.class.getSimpleName(), in.topic(),
                    decoded.isAccepted() ? "scope differs from topic" : decoded.toString());
        }
    }

    /** Publishes "offline", disconnects and stops reconnecting. */
    @Override
    public void close() {
        session.close();
    }
}
