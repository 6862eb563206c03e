package tw.jiaohao.hub.ingest;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.messaging.Registration;
import tw.jiaohao.messaging.Session;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.ReplayRequest;

/**
 * The hub's ingest on its one MQTT {@link Session} (a persistent session: what offices publish
 * while the hub is down waits at the broker): subscribed to every office's events and every
 * device's status. Each message goes as it is to the {@link BatchWriter}, which decodes it,
 * stores or refuses it and acknowledges it after commit (the session's deferred
 * acknowledgement), so a hub that dies mid-batch gets the rest again. Nothing a sender does can
 * stop ingest. Thread-safe.
 */
public final class MqttIngest implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttIngest.class);

    private final Session session;
    private final JsonCodec codec;
    private final BatchWriter writer;
    private final IngestMetrics metrics;
    private final Runnable onConnected;
    private final List<Registration> registrations = new ArrayList<>();

    /**
     * @param onConnected called on the session's connector thread after every (re)connection; must not block
     */
    public MqttIngest(Session session, JsonCodec codec, BatchWriter writer, IngestMetrics metrics, Runnable onConnected) {
        this.session = session;
        this.onConnected = onConnected;
        this.codec = codec;
        this.writer = writer;
        this.metrics = metrics;
    }

    /** Subscribes; the session delivers from its next (or current) connection on. */
    public MqttIngest start() {
        registrations.add(session.subscribeRaw(Topics.allOfficeEvents(), this::arrived));
        registrations.add(session.subscribeRaw(Topics.allDeviceStatus(), this::arrived));
        registrations.add(session.onConnected(onConnected));
        return this;
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    /** Publishes a replay request (QoS 1) on the office's replay topic; throws if offline. */
    public void publishReplay(ReplayRequest request) {
        var sent = session.publish(Topics.replay(request.office()), request, false);
        if (sent.isCompletedExceptionally()) {
            try {
                sent.join();
            } catch (RuntimeException e) {
                throw new HubException("cannot publish to the broker: " + e.getMessage(), e);
            }
        }
    }

    private void arrived(tw.jiaohao.messaging.Inbound<byte[]> in) {
        metrics.received.incrementAndGet();
        Runnable ack = in.deferAck();
        try {
            writer.submit(new Inbound(in.topic(), in.payload(), ack));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("unexpected failure taking a message from {}; it stays unacknowledged", Topics.parse(in.topic())
                    .map(p -> p.kind().toString()).orElse("an unknown topic"), e);
        }
    }

    /**
     * Does not unsubscribe: on the persistent session the broker keeps the subscriptions, and
     * queues what offices publish, until the hub is back. The session is closed by its owner;
     * unacknowledged messages stay with the broker's session.
     */
    @Override
    public void close() {
        registrations.clear();
    }
}
