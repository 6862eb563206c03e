package tw.jiaohao.hub.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.accounts.AccountLookup;
import tw.jiaohao.messaging.Acknowledgement;
import tw.jiaohao.messaging.Inbound;
import tw.jiaohao.messaging.MqttSession;
import tw.jiaohao.messaging.Outbound;
import tw.jiaohao.messaging.Registration;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.selfservice.AccountLookupReply;
import tw.jiaohao.protocol.selfservice.AccountLookupRequest;
import tw.jiaohao.protocol.selfservice.LookupOutcome;
import tw.jiaohao.protocol.selfservice.RequestAcknowledgement;
import tw.jiaohao.protocol.selfservice.SelfServiceRequest;

/**
 * The hub's MQTT side of self-service, on the hub's one {@link MqttSession} (persistent):
 * <ul>
 *   <li><b>requests</b>: {@code office/+/request}, acknowledged by hand
 *       ({@link MqttSession#subscribeRawAcked}). Requests are handled one at a time in arrival
 *       order; the broker's PUBACK is sent only after the case is committed and the
 *       {@link RequestAcknowledgement} published, so a hub that dies mid-way gets the request
 *       again, and requests sent while the hub is away wait at the broker. A malformed payload is
 *       refused, logged once (where and why, never the content), counted, and acknowledged so it
 *       does not come back.</li>
 *   <li><b>look-ups</b>: {@code hub/account/lookup}; look-ups are only worth answering within
 *       the kiosk's timeout, which the kiosk sends as the request's message expiry, so the broker
 *       drops those asked while the hub is away instead of keeping them for its session.
 *       Each is answered on its response topic with its correlation data; the response topic
 *       must be the reply topic of the office the look-up names ({@code Topics.replyTo(office,
 *       "lookup")}), and house numbers are limited ({@link tw.jiaohao.hub.accounts.GuessLimit}).</li>
 * </ul>
 * Bad input on either is counted and logged once per kind and office per interval
 * ({@link tw.jiaohao.hub.ingest.RefusalLog}), without its content.
 */
public final class SelfServiceMqtt implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SelfServiceMqtt.class);
    private static final long PUBLISH_WAIT_MS = 10_000;

    private final MqttSession session;
    private final CaseService cases;
    private final AccountLookup lookup;
    private final CaseMetrics metrics;
    private final JsonCodec codec = new JsonCodec();
    private final tw.jiaohao.hub.ingest.RefusalLog refusals = new tw.jiaohao.hub.ingest.RefusalLog(log);
    private final ExecutorService requestWorker = Executors.newSingleThreadExecutor(r -> thread(r, "selfservice-requests"));
    private final ExecutorService lookupWorkers = Executors.newFixedThreadPool(2, r -> thread(r, "selfservice-lookups"));
    private final List<Registration> registrations = new ArrayList<>();
    private volatile boolean closed;

    /** Subscribes on {@code session} (started and closed by its owner). */
    public SelfServiceMqtt(MqttSession session, CaseService cases, AccountLookup lookup, CaseMetrics metrics) {
        this.session = session;
        this.cases = cases;
        this.lookup = lookup;
        this.metrics = metrics;
        registrations.add(session.subscribeRawAcked(Topics.allOfficeRequests(), 1, (in, ack) -> {
            try {
                requestWorker.execute(() -> handleRequest(in, ack));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // not acknowledged: the broker delivers it again to the next session
            }
        }));
        registrations.add(session.subscribeRaw(Topics.accountLookup(), 1, in -> lookupWorkers.execute(() -> handleLookup(in))));
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void handleRequest(Inbound<byte[]> in, Acknowledgement brokerAck) {
        String topic = in.topic();
        try {
            Decoded<SelfServiceRequest> decoded = codec.decode(topic, in.message(), SelfServiceRequest.class);
            if (decoded instanceof Decoded.Rejected<SelfServiceRequest> rejected) {
                metrics.requestsMalformed.incrementAndGet();
                refusals.refused("refused self-service request", Topics.parse(topic).map(Topics.Parsed::office).orElse("(unknown)"),
                        rejected.toString());
            } else {
                SelfServiceRequest request = ((Decoded.Accepted<SelfServiceRequest>) decoded).message();
                RequestAcknowledgement ack = cases.receive(request);
                publishAcknowledgement(Outbound.of(Topics.requestAck(request.office()), codec.encode(ack)));
            }
            brokerAck.ack();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: not acknowledged, delivered again to the next session
        } catch (Exception e) {
            // Not acknowledged: the broker delivers it again after the next reconnect.
            log.error("self-service request on {} not stored ({}); it will be delivered again", topic,
                    e instanceof java.util.concurrent.ExecutionException ? e.getCause().getMessage() : e.getMessage());
        }
    }

    /**
     * Publishes the office's acknowledgement, waiting for the broker's. A persistent session's
     * queued requests arrive right after the connect, before the session takes publishes, and
     * this request is not acknowledged to the broker until this succeeds (else it would come again
     * only after the next reconnect): so a failure waits for the session and tries again, 5 times.
     */
    private void publishAcknowledgement(Outbound m) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                session.publish(m).get(PUBLISH_WAIT_MS, TimeUnit.MILLISECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                if (closed || attempt == 5) {
                    throw e;
                }
                session.awaitConnected(java.time.Duration.ofSeconds(10));
                Thread.sleep(100L * attempt); // a backoff between attempts, not a wait for a condition
            }
        }
    }

    private void handleLookup(Inbound<byte[]> in) {
        String replyTo = in.responseTopic();
        if (replyTo == null || Topics.parse(replyTo).isEmpty()) {
            metrics.lookupsMalformed.incrementAndGet();
            refusals.refused("refused look-up", "(unknown)", "no Jiaohao response topic");
            return;
        }
        Decoded<AccountLookupRequest> decoded = codec.decode(in.message(), AccountLookupRequest.class);
        if (decoded instanceof Decoded.Accepted<AccountLookupRequest> a && !replyTo.equals(Topics.replyTo(a.message().office(), "lookup"))) {
            // the broker's ACL lets an office's login read only its own reply topic: a look-up
            // naming another office than its reply topic's would let one office ask as another
            metrics.lookupsMalformed.incrementAndGet();
            refusals.refused("refused look-up", a.message().office(), "its response topic must be " + Topics.replyTo(a.message().office(), "lookup"));
            return;
        }
        AccountLookupReply reply;
        if (decoded instanceof Decoded.Accepted<AccountLookupRequest> accepted) {
            try {
                reply = lookup.answer(accepted.message());
                metrics.lookupsAnswered.incrementAndGet();
            } catch (RuntimeException e) {
                log.error("account look-up failed: {}", e.getMessage());
                return;
            }
        } else {
            metrics.lookupsMalformed.incrementAndGet();
            refusals.refused("refused look-up", "(unknown)", decoded.toString());
            reply = AccountLookupReply.notFound("", LookupOutcome.INVALID, "查詢格式錯誤 / Malformed look-up: " + decoded);
        }
        try {
            session.awaitConnected(java.time.Duration.ofSeconds(5)); // a resumed session takes publishes a moment after its messages arrive
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        session.publish(Outbound.of(replyTo, codec.encode(reply)).correlated(in.correlation()).expiresAfter(30)).whenComplete((ok, failure) -> {
            if (failure != null) {
                refusals.refused("unsent look-up reply", "(unknown)", failure.getMessage());
            }
        });
    }

    public boolean connected() {
        return session.isConnected();
    }

    /**
     * Stops: the look-up subscription ends (nothing is kept for it while the hub is stopped), the
     * request subscription stays with the persistent session, so requests sent meanwhile wait at
     * the broker; the request being handled is finished (up to 5 s).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        registrations.get(1).close();
        requestWorker.shutdown();
        lookupWorkers.shutdown();
        try {
            requestWorker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
