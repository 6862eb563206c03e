package tw.jiaohao.hub.ingest;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.messaging.ConnectionListener;
import tw.jiaohao.messaging.MqttSession;
import tw.jiaohao.messaging.Outbound;
import tw.jiaohao.messaging.Registration;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.event.ReplayRequest;

/**
 * The ingest's part of the hub's one {@link MqttSession}: subscribed to every office's events
 * and every device's status with manual acknowledgements ({@link MqttSession#subscribeRawAcked}).
 * Each message goes as it is to the {@link BatchWriter}, which decodes it, stores or refuses it
 * and acknowledges it after the commit. The session is persistent ({@code mqtt.session-expiry-seconds})
 * and its receive maximum is at most the writer's queue capacity, so the broker never has more
 * unacknowledged messages out to the hub than the queue holds: it keeps the rest, and what was
 * published while the hub was away arrives after the next connect. Nothing a sender does can
 * stop ingest.
 *
 * <p>With a share group, events and device statuses come through MQTT 5 shared subscriptions
 * ({@code $share/{group}/…}), so several hub instances with different client ids each take a
 * share of the stream. Thread-safe.
 */
public final class MqttIngest implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttIngest.class);

    private final MqttSession session;
    private final String shareGroup;
    private final Registration connections;

    /**
     * Registers the ingest's subscriptions on {@code session} (before the session starts, so a
     * resumed session's queued messages find them).
     *
     * @param shareGroup  empty: plain subscriptions (one hub takes everything)
     * @param onConnected called after every (re)connection on the session's connector thread; must not block
     */
    public MqttIngest(MqttSession session, String shareGroup, BatchWriter writer, IngestMetrics metrics, Runnable onConnected) {
        this.session = session;
        this.shareGroup = shareGroup == null ? "" : shareGroup;
        for (String plain : List.of(Topics.allOfficeEvents(), Topics.allDeviceStatus())) {
            session.subscribeRawAcked(filter(plain), 1, (in, ack) -> {
                metrics.received.incrementAndGet();
                // blocks only when QoS 0 messages overfill the queue: the receive maximum bounds the rest
                try {
                    writer.submit(new Inbound(in.topic(), in.message(), ack::ack));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // stopping: unacknowledged, the broker delivers it again
                }
            });
        }
        connections = session.onConnection(new ConnectionListener() {
            @Override
            public void up() {
                log.info("ingest subscribed to every office's events and device status{}",
                        MqttIngest.this.shareGroup.isEmpty() ? "" : " (shared subscription, group " + MqttIngest.this.shareGroup + ")");
                onConnected.run();
            }

            @Override
            public void down(Instant since) {
                // the session logs the loss and reconnects; unacknowledged messages stay with the broker
            }
        });
    }

    private String filter(String plain) {
        return shareGroup.isEmpty() ? plain : Topics.shared(shareGroup, plain);
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    /**
     * Publishes a replay request (QoS 1) on the office's replay topic; throws {@link HubException}
     * when offline. A request lost afterwards is asked again by the gap schedule.
     */
    public void publishReplay(ReplayRequest request) {
        if (!session.isConnected()) {
            throw new HubException("cannot publish a replay request: not connected to " + session.settings().url());
        }
        session.publish(Outbound.of(Topics.replay(request.office()), session.encode(request))).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.debug("replay request for {} not published: {}", request.office(), failure.getMessage());
            }
        });
    }

    /**
     * Stops hearing connections. The subscriptions stay: unsubscribing would end the persistent
     * session's subscriptions, and the broker would stop keeping the offices' events for the
     * hub. The session is its owner's to close (what was not acknowledged stays with the broker).
     */
    @Override
    public void close() {
        connections.close();
    }
}
