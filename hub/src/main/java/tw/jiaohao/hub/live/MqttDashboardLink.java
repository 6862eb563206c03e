package tw.jiaohao.hub.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.notices.NoticePublisher;
import tw.jiaohao.messaging.ConnectionListener;
import tw.jiaohao.messaging.MqttSession;
import tw.jiaohao.messaging.Outbound;
import tw.jiaohao.messaging.Registration;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * The dashboard's part of the hub's one {@link MqttSession}: publishes notice boards and office
 * settings retained, receives the office nodes' settings answers, and follows every office's
 * retained state snapshot and device status into the {@link LiveBoard} and the device-status
 * listener (the alerts). After every (re)connect of the session (whose subscriptions are then in
 * place) it calls {@code onConnected} on a thread of its own (the notice service republishes its
 * boards). A payload that cannot be decoded (or names another office or device than its topic) is
 * counted, logged once per kind and office per interval ({@link tw.jiaohao.hub.ingest.RefusalLog})
 * and dropped; a status dated implausibly ahead takes this hub's time ({@link tw.jiaohao.hub.ingest.DeviceTimes}).
 */
public final class MqttDashboardLink implements NoticePublisher, tw.jiaohao.hub.settings.SettingsPublisher, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttDashboardLink.class);
    private static final long PUBLISH_WAIT_MS = 10_000;

    private final MqttSession session;
    private final JsonCodec codec;
    private final LiveBoard live;
    private final Consumer<DeviceStatus> statusListener;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dashboard-mqtt-republish");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong clockAhead = new AtomicLong();
    private final tw.jiaohao.hub.ingest.RefusalLog refusals = new tw.jiaohao.hub.ingest.RefusalLog(log);
    private final List<Registration> registrations = new ArrayList<>();
    private volatile Runnable onConnected = () -> { };
    private volatile Consumer<tw.jiaohao.protocol.settings.SettingsAck> settingsAnswers = a -> { };

    /** Registers the link's subscriptions on {@code session} (the hub's, started by its owner). */
    public MqttDashboardLink(MqttSession session, JsonCodec codec, LiveBoard live, Consumer<DeviceStatus> statusListener) {
        this.session = session;
        this.codec = codec;
        this.live = live;
        this.statusListener = statusListener;
        // state snapshots at QoS 0: a persistent session would otherwise have the broker queue every
        // snapshot for the hub while it is away (beside the events, within the same queue limit);
        // the retained one arrives at each subscription anyway
        for (String filter : List.of(Topics.ROOT + "/office/+/state", Topics.allDeviceStatus(), Topics.allSettingsAcks())) {
            registrations.add(session.subscribeRaw(filter, filter.endsWith("/state") ? 0 : 1, in -> {
                try {
                    handle(in.topic(), in.message());
                } catch (RuntimeException e) {
                    // a bug, not bad input (decoding never throws): keep its stack trace
                    rejected.incrementAndGet();
                    log.error("message on {} could not be handled: {}", in.topic(), e.getMessage(), e);
                }
            }));
        }
        registrations.add(session.onConnection(new ConnectionListener() {
            @Override
            public void up() {
                worker.execute(MqttDashboardLink.this::republish);
            }

            @Override
            public void down(Instant since) {
                // the session reconnects and says so
            }
        }));
    }

    /** Called after every (re)connect, once subscriptions are in place. */
    public void onConnected(Runnable r) {
        this.onConnected = r;
        if (session.isConnected()) {
            worker.execute(this::republish);
        }
    }

    private void republish() {
        try {
            onConnected.run();
        } catch (RuntimeException e) {
            log.warn("republishing after a connect failed: {}; again at the next connect", e.getMessage());
        }
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    @Override
    public void publish(NoticeBoard board) {
        publishRetained(Topics.notice(board.scope()), codec.encode(board), "notice board '" + board.scope() + "'");
    }

    /** Publishes an office's settings retained on {@code hub/settings/{office}} (QoS 1). */
    @Override
    public void publish(tw.jiaohao.protocol.settings.OfficeSettings settings) {
        publishRetained(Topics.settings(settings.office()), codec.encode(settings), "settings of '" + settings.office() + "'");
    }

    /** Publishes and waits for the broker's acknowledgement; throws {@link HubException} when it does not come. */
    private void publishRetained(String topic, byte[] payload, String what) {
        try {
            session.publish(Outbound.of(topic, payload).retain()).get(PUBLISH_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException("cannot publish " + what + ": interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new HubException("cannot publish " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new HubException("cannot publish " + what + ": no acknowledgement within " + PUBLISH_WAIT_MS + " ms", e);
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

    /**
     * Stops republishing and ends the link's subscriptions (a filter the ingest shares stays), so
     * the broker keeps nothing for them while the hub is stopped. The session is its owner's to close.
     */
    @Override
    public void close() {
        worker.shutdownNow();
        registrations.forEach(Registration::close);
    }
}
