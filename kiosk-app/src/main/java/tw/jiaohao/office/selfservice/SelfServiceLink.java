package tw.jiaohao.office.selfservice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.messaging.ConnectionListener;
import tw.jiaohao.messaging.Inbound;
import tw.jiaohao.messaging.MqttSession;
import tw.jiaohao.messaging.Outbound;
import tw.jiaohao.messaging.Registration;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.selfservice.AccountLookupReply;
import tw.jiaohao.protocol.selfservice.AccountLookupRequest;
import tw.jiaohao.protocol.selfservice.RequestAcknowledgement;

/**
 * The office node's MQTT side of self-service, on the process's one {@link MqttSession}; one
 * thread {@code jiaohao-selfservice} publishes the request outbox.
 *
 * <ul>
 *   <li><b>Look-ups</b> ({@link AccountLookupPort}): published QoS 1 on {@code hub/account/lookup}
 *       with response topic {@code reply/{office}/lookup}, a random correlation id and a message
 *       expiry equal to the timeout; the caller waits for the matching reply or the timeout.
 *       Not connected → {@code Unreachable} at once.</li>
 *   <li><b>Requests</b>: unacknowledged rows of the {@link RequestStore} are published QoS 1 in
 *       order; a row is marked published on PUBACK and published again after
 *       {@code selfservice.resend-minutes}, and all of them after every reconnect, until the
 *       hub's {@link RequestAcknowledgement} arrives on {@code office/{office}/request/ack}.
 *       The session starts clean: an acknowledgement the hub sent while the node was away is
 *       lost, and the resend after the reconnect brings it again (the hub acknowledges a
 *       request it already holds once more).</li>
 * </ul>
 * Malformed acknowledgements are refused, counted and logged once by the session; they never stop the link.
 */
public final class SelfServiceLink implements AccountLookupPort, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SelfServiceLink.class);
    private static final int BATCH = 50;

    private final MqttSession session;
    private final String office;
    private final RequestStore store;
    private final Duration resendAfter;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread worker;
    private final List<Registration> registrations = new ArrayList<>();
    private MqttSession.Requests<AccountLookupReply> lookups;
    private volatile boolean signalled;
    private volatile boolean reconnected;
    private volatile boolean running = true;
    /** Requests published (PUBACK received), resends included. */
    public final AtomicLong published = new AtomicLong();

    public SelfServiceLink(MqttSession session, String office, RequestStore store, Duration resendAfter, Clock clock) {
        this.session = session;
        this.office = office;
        this.store = store;
        this.resendAfter = resendAfter;
        this.clock = clock;
        this.worker = new Thread(this::run, "jiaohao-selfservice");
        this.worker.setDaemon(true);
    }

    /** Registers the handlers on the session and starts the publisher; returns at once. */
    public SelfServiceLink start() {
        lookups = session.requests(Topics.replyTo(office, "lookup"), AccountLookupReply.class);
        registrations.add(lookups);
        registrations.add(session.subscribe(Topics.requestAck(office), 1, RequestAcknowledgement.class, this::acknowledged));
        registrations.add(session.onConnection(new ConnectionListener() {
            @Override
            public void up() {
                reconnected = true;
                signal();
            }

            @Override
            public void down(Instant since) {
                log.warn("self-service link lost the broker; requests wait in the office database");
            }
        }));
        worker.start();
        return this;
    }

    /** Malformed acknowledgements (counted by the session). */
    public long malformedAcks() {
        return session.metrics().rejected(RequestAcknowledgement.class.getSimpleName());
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
            return new Answer.Replied(lookups.send(Topics.accountLookup(), AccountLookupRequest.of(office, "office-node", accountNumber,
                    houseNumber), timeout).get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return new Answer.Unreachable("no answer from the hub within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return e.getCause() instanceof TimeoutException
                    ? new Answer.Unreachable("no answer from the hub within " + timeout.toMillis() + " ms")
                    : new Answer.Unreachable("look-up not sent: " + e.getCause().getMessage());
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
                if (!running) {
                    break;
                }
                log.debug("self-service link: {}; retrying", e.getMessage());
                await(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void publishDue() throws InterruptedException, ExecutionException, TimeoutException {
        for (RequestStore.Pending p : store.due(clock.instant().minus(resendAfter), BATCH)) {
            session.publish(Outbound.of(Topics.request(office), p.payload())).get(10, TimeUnit.SECONDS);
            store.markPublished(p.id(), clock.instant());
            published.incrementAndGet();
            if (p.publishCount() == 0) {
                log.info("request {} sent to the hub", p.caseNumber());
            }
        }
    }

    private void acknowledged(Inbound<RequestAcknowledgement> in) {
        RequestAcknowledgement ack = in.message();
        if (store.acknowledge(ack, clock.instant())) {
            log.info("request {} acknowledged by the hub: {}{}", ack.caseNumber(), ack.verification(),
                    ack.problem() == null ? "" : " " + ack.problem());
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

    /** Stops the publisher and removes the handlers; the session stays open. */
    @Override
    public void close() {
        running = false;
        signal();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registrations.forEach(Registration::close);
    }
}
