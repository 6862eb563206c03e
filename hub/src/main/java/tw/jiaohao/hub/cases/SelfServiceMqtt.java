package tw.jiaohao.hub.cases;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.accounts.AccountLookup;
import tw.jiaohao.messaging.Inbound;
import tw.jiaohao.messaging.Session;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.selfservice.AccountLookupReply;
import tw.jiaohao.protocol.selfservice.AccountLookupRequest;
import tw.jiaohao.protocol.selfservice.LookupOutcome;
import tw.jiaohao.protocol.selfservice.RequestAcknowledgement;
import tw.jiaohao.protocol.selfservice.SelfServiceRequest;

/**
 * The hub's MQTT side of self-service, on the hub's one {@link Session} (persistent):
 * <ul>
 *   <li><b>requests</b>: subscribed to {@code office/+/request}, acknowledgement deferred.
 *       Requests are handled one at a
 *       time in arrival order; the broker's PUBACK is sent only after the case is committed
 *       and the {@link RequestAcknowledgement} published, so a hub that dies mid-way gets the
 *       request again. A malformed payload is refused, logged once (where and why, never the
 *       content), counted, and acknowledged so it does not come back.</li>
 *   <li><b>look-ups</b>: subscribed to {@code hub/account/lookup}; look-ups are only worth
 *       answering within the kiosk's timeout, which the node sets as their message expiry, so the
 *       broker drops those that wait longer while the hub is down.
 *       Each is answered on its response topic with its correlation data; the response topic
 *       must be the reply topic of the office the look-up names ({@code Topics.replyTo(office,
 *       "lookup")}), and house numbers are limited ({@link tw.jiaohao.hub.accounts.GuessLimit}).</li>
 * </ul>
 * Bad input on either is counted and logged once per kind and office per interval
 * ({@link tw.jiaohao.messaging.RefusalLog}), without its content.
 * The session reconnects and re-subscribes.
 */
public final class SelfServiceMqtt implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SelfServiceMqtt.class);

    private final Session session;
    private final CaseService cases;
    private final AccountLookup lookup;
    private final CaseMetrics metrics;
    private final JsonCodec codec = new JsonCodec();
    private final tw.jiaohao.messaging.RefusalLog refusals = new tw.jiaohao.messaging.RefusalLog(log);
    private final ExecutorService requestWorker = Executors.newSingleThreadExecutor(r -> thread(r, "selfservice-requests"));
    private final ExecutorService lookupWorkers = Executors.newFixedThreadPool(2, r -> thread(r, "selfservice-lookups"));
    public SelfServiceMqtt(Session session, CaseService cases, AccountLookup lookup, CaseMetrics metrics) {
        this.session = session;
        this.cases = cases;
        this.lookup = lookup;
        this.metrics = metrics;
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Subscribes; requests and look-ups arrive from the session's next (or current) connection on. */
    public SelfServiceMqtt start() {
        session.subscribeRaw(Topics.allOfficeRequests(), in -> {
            Runnable ack = in.deferAck();
            requestWorker.execute(() -> handleRequest(in.topic(), in.payload(), ack));
        });
        session.subscribeRaw(Topics.accountLookup(), in -> lookupWorkers.execute(() -> handleLookup(in)));
        return this;
    }

    private void handleRequest(String topic, byte[] payload, Runnable acknowledge) {
        try {
            Decoded<SelfServiceRequest> decoded = codec.decode(topic, payload, SelfServiceRequest.class);
            if (decoded instanceof Decoded.Rejected<SelfServiceRequest> rejected) {
                metrics.requestsMalformed.incrementAndGet();
                refusals.refused("refused self-service request", Topics.parse(topic).map(Topics.Parsed::office).orElse("(unknown)"),
                        rejected.toString());
            } else {
                SelfServiceRequest request = ((Decoded.Accepted<SelfServiceRequest>) decoded).message();
                RequestAcknowledgement ack = cases.receive(request);
                session.publish(Topics.requestAck(request.office()), ack, false).get(10, TimeUnit.SECONDS);
            }
            acknowledge.run();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            // Not acknowledged: the broker delivers it again after the next reconnect.
            log.error("self-service request on {} not stored ({}); it will be delivered again", topic,
                    e instanceof java.util.concurrent.ExecutionException ? e.getCause().getMessage() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handleLookup(Inbound<byte[]> in) {
        String replyTo = in.responseTopic();
        if (replyTo == null || Topics.parse(replyTo).isEmpty()) {
            metrics.lookupsMalformed.incrementAndGet();
            refusals.refused("refused look-up", "(unknown)", "no Jiaohao response topic");
            return;
        }
        Decoded<AccountLookupRequest> decoded = codec.decode(in.payload(), AccountLookupRequest.class);
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
        session.reply(in, reply, java.time.Duration.ofSeconds(30)).whenComplete((v, e) -> {
            if (e != null) {
                refusals.refused("unsent look-up reply", "(unknown)", e.getMessage());
            }
        });
    }

    public boolean connected() {
        return session.isConnected();
    }

    /** Stops the workers (the session, and with it the persistent subscriptions, belong to the hub). */
    @Override
    public void close() {
        requestWorker.shutdown();
        lookupWorkers.shutdown();
        try {
            requestWorker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
