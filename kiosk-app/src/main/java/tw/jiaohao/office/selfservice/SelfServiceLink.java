package tw.jiaohao.office.selfservice;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.messaging.Inbound;
import tw.jiaohao.messaging.Outgoing;
import tw.jiaohao.messaging.Registration;
import tw.jiaohao.messaging.Requester;
import tw.jiaohao.messaging.Session;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.selfservice.AccountLookupReply;
import tw.jiaohao.protocol.selfservice.AccountLookupRequest;
import tw.jiaohao.protocol.selfservice.RequestAcknowledgement;

/**
 * The office node's MQTT side of self-service, on the process's one {@link Session}; one thread
 * {@code jiaohao-selfservice} publishes the request outbox.
 *
 * <ul>
 *   <li><b>Look-ups</b> ({@link AccountLookupPort}): published QoS 1 on {@code hub/account/lookup}
 *       with response topic {@code reply/{office}/lookup}, a random correlation id and a message
 *       expiry equal to the timeout; the caller waits for the matching reply or the timeout.
 *       Not connected → {@code Unreachable} at once.</li>
 *   <li><b>Requests</b>: unacknowledged rows of the {@link RequestStore} are published QoS 1 in
 *       order; a row is marked published on PUBACK and published again after
 *       {@code selfservice.resend-minutes}, and all of them after every reconnect, until the
 *       hub's {@link RequestAcknowledgement} arrives on {@code office/{office}/request/ack}. An
 *       acknowledgement the hub sent while this node was away is therefore asked for again by
 *       the resend (the hub answers a request it holds with the same acknowledgement).</li>
 * </ul>
 * Malformed acknowledgements are refused, logged once and counted; they never stop the link.
 */
public final class SelfServiceLink implements AccountLookupPort, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SelfServiceLink.class);
    private static final int BATCH = 50;

    private final Session session;
    private final String office;
    private final RequestStore store;
    private final Duration resendAfter;
    private final Clock clock;
    private final JsonCodec codec = new JsonCodec();
    private final Requester<AccountLookupReply> lookups;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread worker;
    private final Registration acks;
    private final Registration connects;
    private volatile boolean signalled;
    private volatile boolean reconnected = true;
    private volatile boolean running = true;
    /** Acknowledgements that could not be read (counted, never stop the link). */
    public final AtomicLong malformedAcks = new AtomicLong();
    /** Requests published (PUBACK received), resends included. */
    public final AtomicLong published = new AtomicLong();

    public SelfServiceLink(Session session, String office, RequestStore store, Duration resendAfter, Clock clock) {
        this.session = session;
        this.office = office;
        this.store = store;
        this.resendAfter = resendAfter;
        this.clock = clock;
        this.lookups = session.requester(Topics.replyTo(office, "lookup"), AccountLookupReply.class, "account look-up reply");
        this.acks = session.subscribeRaw(Topics.requestAck(office), this::ackArrived);
        this.connects = session.onConnected(() -> {
            reconnected = true;
            signal();
        });
        this.worker = new Thread(this::run, "jiaohao-selfservice");
        this.worker.setDaemon(true);
    }

    public SelfServiceLink start() {
        worker.start();
        return this;
    }

    /** Wakes the publisher (a request was taken). Never blocks for long. */
    public void requestTaken() {
        signal();
    }

    private void signal() {
        lock.lock();
        try {
            signalled = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean connected() {
        return session.isConnected();
    }

    @Override
    public Answer lookup(String accountNumber, String houseNumber, Duration timeout) {
        if (!session.isConnected()) {
            return new Answer.Unreachable("not connected to the broker");
        }
        try {
            return new Answer.Replied(lookups.ask(Topics.accountLookup(), AccountLookupRequest.of(office, "office-node", accountNumber,
                    houseNumber), timeout).get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return new Answer.Unreachable("no answer from the hub within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Answer.Unreachable(e.getCause() instanceof TimeoutException ? "no answer from the hub within " + timeout.toMillis() + " ms"
                    : "look-up not answered: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer.Unreachable("interrupted");
        }
    }

    private void run() {
        while (running) {
            try {
                if (session.isConnected()) {
                    if (reconnected) {
                        reconnected = false;
                        store.republishAll();
                    }
                    publishDue();
                }
                await(Duration.ofSeconds(5));
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                // not sent now: the row stays due and is sent after the next connect
                log.debug("self-service request not sent now: {}", e.toString());
                await(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void publishDue() throws ExecutionException, TimeoutException, InterruptedException {
        for (RequestStore.Pending p : store.due(clock.instant().minus(resendAfter), BATCH)) {
            session.publish(Outgoing.of(Topics.request(office), p.payload())).get(10, TimeUnit.SECONDS);
            store.markPublished(p.id(), clock.instant());
            published.incrementAndGet();
            if (p.publishCount() == 0) {
                log.info("request {} sent to the hub", p.caseNumber());
            }
        }
    }

    private void await(Duration d) {
        lock.lock();
        try {
            long nanos = d.toNanos();
            while (!signalled && running && nanos > 0) {
                nanos = wake.awaitNanos(nanos);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void ackArrived(Inbound<byte[]> in) {
        Decoded<RequestAcknowledgement> d = codec.decode(in.topic(), in.payload(), RequestAcknowledgement.class);
        if (d instanceof Decoded.Accepted<RequestAcknowledgement> a) {
            RequestAcknowledgement ack = a.message();
            if (store.acknowledge(ack, clock.instant())) {
                log.info("request {} acknowledged by the hub: {}{}", ack.caseNumber(), ack.verification(),
                        ack.problem() == null ? "" : " " + ack.problem());
            }
        } else {
            malformedAcks.incrementAndGet();
            session.refusals().refused("refused request acknowledgement", office, d.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        acks.close();
        connects.close();
        signal();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
