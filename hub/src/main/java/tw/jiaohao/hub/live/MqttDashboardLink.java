package tw.jiaohao.hub.live;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.messaging.Inbound;
import tw.jiaohao.messaging.Session;
import tw.jiaohao.hub.notices.NoticePublisher;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * The dashboard's MQTT side, on the hub's one {@link Session}: publishes notice boards and office
 * settings retained, receives the office nodes' settings answers, and follows every office's retained state snapshot and device status into the {@link LiveBoard}
 * and the device-status listener (the alerts). After every (re)connect the session subscribes
 * again and this calls {@code onConnected} (the notice service republishes its boards).
 * A payload that cannot be decoded (or names another office or device than its topic) is
 * counted, logged once per kind and office per interval ({@link tw.jiaohao.messaging.RefusalLog})
 * and dropped; a status dated implausibly ahead takes this hub's time ({@link tw.jiaohao.hub.ingest.DeviceTimes}).
 */
public final class MqttDashboardLink implements NoticePublisher, tw.jiaohao.hub.settings.SettingsPublisher, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttDashboardLink.class);

    private final Session session;
    private final JsonCodec codec;
    private final LiveBoard live;
    private final Consumer<DeviceStatus> statusListener;
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong clockAhead = new AtomicLong();
    private final tw.jiaohao.messaging.RefusalLog refusals = new tw.jiaohao.messaging.RefusalLog(log);
    private volatile Runnable onConnected = () -> { };
    private volatile Consumer<tw.jiaohao.protocol.settings.SettingsAck> settingsAnswers = a -> { };

    public MqttDashboardLink(Session session, JsonCodec codec, LiveBoard live, Consumer<DeviceStatus> statusListener) {
        this.session = session;
        this.codec = codec;
        this.live = live;
        this.statusListener = statusListener;
    }

    /** Called after every (re)connect, once subscriptions are in place, on the session's connector thread. */
    public void onConnected(Runnable r) {
        this.onConnected = r;
    }

    /** Subscribes; the session delivers from its next (or current) connection on. */
    public void connect() {
        session.subscribeRaw(Topics.ROOT + "/office/+/state", this::arrived);
        session.subscribeRaw(Topics.allDeviceStatus(), this::arrived);
        session.subscribeRaw(Topics.allSettingsAcks(), this::arrived);
        session.onConnected(this::connected);
        if (session.isConnected()) {
            connected();
        }
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    @Override
    public void publish(NoticeBoard board) {
        try {
            session.publish(Topics.notice(board.scope()), board, true).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new HubException("cannot publish notice board '" + board.scope() + "': " + e.getCause().getMessage(), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new HubException("cannot publish notice board '" + board.scope() + "': the broker did not confirm within 10 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException("interrupted publishing notice board '" + board.scope() + "'", e);
        }
    }

    /** Publishes an office's settings retained on {@code hub/settings/{office}} (QoS 1). */
    @Override
    public void publish(tw.jiaohao.protocol.settings.OfficeSettings settings) {
        var sent = session.publish(Topics.settings(settings.office()), settings, true);
        if (sent.isCompletedExceptionally()) {
            try {
                sent.join();
            } catch (RuntimeException e) {
                throw new HubException("cannot publish settings of '" + settings.office() + "': " + e.getMessage(), e);
            }
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

    private void connected() {
        try {
            onConnected.run();
        } catch (HubException e) {
            log.warn("{}; tried again at the next reconnect", e.getMessage());
        }
    }

    private void arrived(Inbound<byte[]> in) {
        try {
            handle(in.topic(), in.payload());
        } catch (RuntimeException e) {
            // a bug, not bad input (decoding never throws): keep its stack trace
            rejected.incrementAndGet();
            log.error("message on {} could not be handled: {}", in.topic(), e.getMessage(), e);
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

    /** Does not unsubscribe: the hub's persistent session keeps its subscriptions; the session is closed by its owner. */
    @Override
    public void close() {
    }
}
