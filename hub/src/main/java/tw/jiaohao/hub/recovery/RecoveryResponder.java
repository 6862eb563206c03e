package tw.jiaohao.hub.recovery;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.store.HubStore;
import tw.jiaohao.hub.store.OfficeProgress;
import tw.jiaohao.messaging.Inbound;
import tw.jiaohao.messaging.MqttSession;
import tw.jiaohao.messaging.Outbound;
import tw.jiaohao.messaging.Registration;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.RecoveryReply;
import tw.jiaohao.protocol.event.RecoveryRequest;

/**
 * Answers office nodes' start-up checks ({@link RecoveryRequest} on {@code office/+/recovery})
 * from the hub's store: the office's {@code contiguousSeq} and {@code maxSeq} and the stored
 * events from the requested seq on ({@link RecoveryReply} on {@code office/{o}/recovery/reply}
 * with the request's correlation data), only events up to the office's contiguous seq (never
 * past a gap, never an event kept as evidence of a conflict or an implausible seq), and the
 * hub's time ({@code hubTime}, the office node's check of its own clock). Read-only; requests are answered one at a time in
 * arrival order on thread {@code hub-recovery} (at most 100 queued, the rest refused and
 * counted). Runs on the hub's one {@link MqttSession}; a node's request carries an expiry of its
 * own timeout, so one asked while the hub was away is dropped by the broker, not answered late.
 * A malformed request, or one naming a response topic other than its office's
 * reply topic, is refused, counted and logged once per office and minute ({@link tw.jiaohao.hub.ingest.RefusalLog});
 * it never stops the hub.
 */
public final class RecoveryResponder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RecoveryResponder.class);
    private static final int MAX_QUEUED = 100;

    private final MqttSession session;
    private final HubStore store;
    private final JsonCodec codec = new JsonCodec();
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_QUEUED), r -> daemon(r, "hub-recovery"));
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final tw.jiaohao.hub.ingest.RefusalLog refusals = new tw.jiaohao.hub.ingest.RefusalLog(log);
    private final java.time.Clock clock;
    private final Registration subscription;

    private RecoveryResponder(MqttSession session, HubStore store, java.time.Clock clock) {
        this.session = session;
        this.store = store;
        this.clock = clock;
        this.subscription = session.subscribeRaw(Topics.allOfficeRecoveries(), 1, in -> {
            try {
                worker.execute(() -> answer(in));
            } catch (RejectedExecutionException e) {
                refused.incrementAndGet();
                refusals.refused("refused recovery request", officeOf(in.topic()), "more than " + MAX_QUEUED + " queued");
            }
        });
    }

    /**
     * Starts answering on {@code session} (the hub's, started and closed by its owner); {@code clock}
     * is the hub's time sent with every answer (one source of trust for the node's clock).
     */
    public static RecoveryResponder start(MqttSession session, HubStore store, java.time.Clock clock) {
        return new RecoveryResponder(session, store, clock);
    }

    /** Requests answered so far. */
    public long answered() {
        return answered.get();
    }

    /** Requests refused (malformed, bad response topic, queue full). */
    public long refused() {
        return refused.get();
    }

    private void answer(Inbound<byte[]> in) {
        String topic = in.topic();
        Decoded<RecoveryRequest> decoded = codec.decode(topic, in.message(), RecoveryRequest.class);
        if (decoded instanceof Decoded.Rejected<RecoveryRequest> rejected) {
            refused.incrementAndGet();
            refusals.refused("refused recovery request", officeOf(topic), rejected.toString());
            return;
        }
        RecoveryRequest r = ((Decoded.Accepted<RecoveryRequest>) decoded).message();
        String replyTopic = Topics.recoveryReply(r.office());
        if (!replyTopic.equals(in.responseTopic())) {
            refused.incrementAndGet();
            refusals.refused("refused recovery request", r.office(), "its response topic must be " + replyTopic);
            return;
        }
        try {
            OfficeProgress progress = store.progress(r.office()).orElse(new OfficeProgress(r.office(), 0, 0, null));
            // only the office's gap-free run: never an event past a gap (it may be forged; the
            // office could not import it anyway), never one kept as evidence only (the store's
            // seq_conflict and seq_implausible tables are not read here)
            long upTo = progress.contiguousSeq();
            List<OfficeEvent> events = r.limit() == 0 || r.fromSeq() > upTo ? List.of()
                    : store.events(r.office(), r.fromSeq(), (int) Math.min(r.limit(), upTo - r.fromSeq() + 1));
            RecoveryReply reply = new RecoveryReply(ProtocolVersion.CURRENT, r.office(), progress.contiguousSeq(), progress.maxSeq(), events,
                    clock.instant()); // the hub's time: one source of trust for the office node's clock
            awaitSession();
            answered.incrementAndGet(); // before the reply can reach anyone who reads this count after it
            session.publish(Outbound.of(replyTopic, codec.encode(reply)).correlated(in.correlation())).whenComplete((ok, failure) -> {
                if (failure != null) {
                    refusals.refused("unsent recovery reply", r.office(), failure.getMessage());
                }
            });
            if (events.isEmpty()) {
                refusals.noted("start-up check", r.office(), "from seq " + r.fromSeq() + ": nothing newer here (contiguous seq "
                        + upTo + ", max seq " + progress.maxSeq() + ")");
            } else {
                refusals.noted("start-up check", r.office(), "its database ends before seq " + r.fromSeq() + "; sent it "
                        + events.size() + " events up to seq " + events.get(events.size() - 1).seq() + " (max seq " + progress.maxSeq() + ")");
            }
        } catch (RuntimeException e) {
            refusals.refused("unsent recovery reply", r.office(), e.getMessage());
        }
    }

    /**
     * A resumed session's queued requests arrive right after the connect, a moment before the
     * session takes publishes: the answer waits for it (at most 5 s) instead of failing.
     */
    private void awaitSession() {
        try {
            session.awaitConnected(java.time.Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The office of a topic, for the log: a valid identifier or a placeholder. */
    private static String officeOf(String topic) {
        return Topics.parse(topic).map(Topics.Parsed::office).orElse("(unknown)");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops answering: ends the subscription (nothing is kept for it while the hub is stopped) and the worker. */
    @Override
    public void close() {
        subscription.close();
        worker.shutdownNow();
    }
}
