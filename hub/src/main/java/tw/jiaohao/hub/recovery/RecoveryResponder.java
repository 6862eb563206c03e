package tw.jiaohao.hub.recovery;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.store.HubStore;
import tw.jiaohao.hub.store.OfficeProgress;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.messaging.Inbound;
import tw.jiaohao.messaging.Session;
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
 * past a gap, never an event kept as evidence of a conflict or an implausible seq). Read-only; requests are answered one at a time in
 * arrival order on thread {@code hub-recovery} (at most 100 queued, the rest refused and
 * counted). On the hub's one session; a node asks again at its next start, and its request's
 * message expiry lets the broker drop one that waited while the hub was down. A malformed request, or one naming a response topic other than its office's
 * reply topic, is refused, counted and logged once per office and minute ({@link tw.jiaohao.messaging.RefusalLog});
 * it never stops the hub.
 * The session connects in the background and re-subscribes after every reconnect.
 */
public final class RecoveryResponder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RecoveryResponder.class);
    private static final int MAX_QUEUED = 100;

    private final Session session;
    private final HubStore store;
    private final JsonCodec codec = new JsonCodec();
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_QUEUED), r -> daemon(r, "hub-recovery"));
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final tw.jiaohao.messaging.RefusalLog refusals = new tw.jiaohao.messaging.RefusalLog(log);
    private RecoveryResponder(Session session, HubStore store) {
        this.session = session;
        this.store = store;
    }

    /** Starts answering on {@code session}; returns at once even with the broker down. */
    public static RecoveryResponder start(Session session, HubStore store) {
        RecoveryResponder r = new RecoveryResponder(session, store);
        session.subscribeRaw(Topics.allOfficeRecoveries(), r::arrived);
        return r;
    }

    /** Requests answered so far. */
    public long answered() {
        return answered.get();
    }

    /** Requests refused (malformed, bad response topic, queue full). */
    public long refused() {
        return refused.get();
    }

    private void arrived(Inbound<byte[]> in) {
        try {
            worker.execute(() -> answer(in));
        } catch (RejectedExecutionException e) {
            refused.incrementAndGet();
            refusals.refused("refused recovery request", officeOf(in.topic()), "more than " + MAX_QUEUED + " queued");
        }
    }

    private void answer(Inbound<byte[]> in) {
        String topic = in.topic();
        Decoded<RecoveryRequest> decoded = codec.decode(topic, in.payload(), RecoveryRequest.class);
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
            RecoveryReply reply = new RecoveryReply(ProtocolVersion.CURRENT, r.office(), progress.contiguousSeq(), progress.maxSeq(), events);
            session.reply(in, reply, null).whenComplete((v, e) -> {
                if (e != null) {
                    refusals.refused("unsent recovery reply", r.office(), e.getMessage());
                }
            });
            answered.incrementAndGet();
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

    /** The office of a topic, for the log: a valid identifier or a placeholder. */
    private static String officeOf(String topic) {
        return Topics.parse(topic).map(Topics.Parsed::office).orElse("(unknown)");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops answering (the session belongs to the hub). */
    @Override
    public void close() {
        worker.shutdownNow();
    }
}
