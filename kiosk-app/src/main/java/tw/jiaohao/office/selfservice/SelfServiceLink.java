package tw.jiaohao.office.selfservice;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.messaging.Backoff;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.selfservice.AccountLookupReply;
import tw.jiaohao.protocol.selfservice.AccountLookupRequest;
import tw.jiaohao.protocol.selfservice.RequestAcknowledgement;

/**
 * The office node's MQTT side of self-service: its own Paho connection (client id
 * {@code <mqtt.client-id>-ss}, persistent session so acknowledgements sent while the node is
 * down are kept), owned by one thread {@code jiaohao-selfservice} that connects (capped
 * exponential backoff with jitter), re-subscribes, and publishes the request outbox.
 *
 * <ul>
 *   <li><b>Look-ups</b> ({@link AccountLookupPort}): published QoS 1 on {@code hub/account/lookup}
 *       with response topic {@code reply/{office}/lookup}, a random correlation id and a message
 *       expiry equal to the timeout; the caller waits for the matching reply or the timeout.
 *       Not connected → {@code Unreachable} at once.</li>
 *   <li><b>Requests</b>: unacknowledged rows of the {@link RequestStore} are published QoS 1 in
 *       order; a row is marked published on PUBACK and published again after
 *       {@code selfservice.resend-minutes}, and all of them after every reconnect, until the
 *       hub's {@link RequestAcknowledgement} arrives on {@code office/{office}/request/ack}.</li>
 * </ul>
 * Malformed acknowledgements are refused, logged once and counted; they never stop the link.
 */
public final class SelfServiceLink implements AccountLookupPort, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SelfServiceLink.class);
    private static final int BATCH = 50;

    /** Broker settings, as in the office node's configuration. */
    public record Settings(String brokerUrl, String clientId, String username, String password, String office) {
    }

    private final Settings settings;
    private final RequestStore store;
    private final Duration resendAfter;
    private final Clock clock;
    private final Backoff backoff;
    private final JsonCodec codec = new JsonCodec();
    private final Map<String, CompletableFuture<AccountLookupReply>> waiting = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread worker;
    private final String replyTopic;
    private volatile boolean signalled;
    private volatile boolean reconnected;
    private volatile boolean running = true;
    private volatile MqttAsyncClient client;
    /** Acknowledgements that could not be read (counted, never stop the link). */
    public final AtomicLong malformedAcks = new AtomicLong();
    /** Requests published (PUBACK received), resends included. */
    public final AtomicLong published = new AtomicLong();

    public SelfServiceLink(Settings settings, RequestStore store, Duration resendAfter, Clock clock, Backoff backoff) {
        this.settings = settings;
        this.store = store;
        this.resendAfter = resendAfter;
        this.clock = clock;
        this.backoff = backoff;
        this.replyTopic = Topics.replyTo(settings.office(), "lookup");
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
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    @Override
    public Answer lookup(String accountNumber, String houseNumber, Duration timeout) {
        MqttAsyncClient c = client;
        if (c == null || !c.isConnected()) {
            return new Answer.Unreachable("not connected to the broker");
        }
        String correlation = UUID.randomUUID().toString();
        CompletableFuture<AccountLookupReply> future = new CompletableFuture<>();
        waiting.put(correlation, future);
        try {
            MqttMessage m = new MqttMessage(codec.encode(AccountLookupRequest.of(settings.office(), "office-node", accountNumber, houseNumber)));
            m.setQos(1);
            MqttProperties p = new MqttProperties();
            p.setResponseTopic(replyTopic);
            p.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
            p.setMessageExpiryInterval(Math.max(1L, timeout.toSeconds()));
            m.setProperties(p);
            c.publish(Topics.accountLookup(), m);
            return new Answer.Replied(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return new Answer.Unreachable("no answer from the hub within " + timeout.toMillis() + " ms");
        } catch (MqttException | ExecutionException e) {
            return new Answer.Unreachable("look-up not sent: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer.Unreachable("interrupted");
        } finally {
            waiting.remove(correlation);
        }
    }

    private void run() {
        int attempt = 0;
        while (running) {
            try {
                if (!connected()) {
                    connect();
                    attempt = 0;
                }
                if (reconnected) {
                    reconnected = false;
                    store.republishAll();
                }
                publishDue();
                await(Duration.ofSeconds(5));
            } catch (MqttException | RuntimeException e) {
                if (!running) {
                    break;
                }
                Duration d = backoff.delay(attempt++, () -> ThreadLocalRandom.current().nextDouble());
                log.debug("self-service link: {}; retrying in {} ms", e.getMessage(), d.toMillis());
                await(d);
            }
        }
    }

    private void publishDue() throws MqttException {
        for (RequestStore.Pending p : store.due(clock.instant().minus(resendAfter), BATCH)) {
            MqttMessage m = new MqttMessage(p.payload());
            m.setQos(1);
            client.publish(Topics.request(settings.office()), m).waitForCompletion(10_000);
            store.markPublished(p.id(), clock.instant());
            published.incrementAndGet();
            if (p.publishCount() == 0) {
                log.info("request {} sent to the hub", p.caseNumber());
            }
        }
    }

    private void connect() throws MqttException {
        MqttAsyncClient c = client;
        if (c == null) {
            c = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
            c.setCallback(new Callback());
            client = c;
        }
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(7L * 24 * 3600);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(5);
        if (settings.username() != null && !settings.username().isEmpty()) {
            o.setUserName(settings.username());
            o.setPassword(settings.password() == null ? new byte[0] : settings.password().getBytes(StandardCharsets.UTF_8));
        }
        c.connect(o).waitForCompletion(10_000);
        c.subscribe(new MqttSubscription[] {new MqttSubscription(Topics.requestAck(settings.office()), 1),
                new MqttSubscription(replyTopic, 1)}).waitForCompletion(10_000);
        reconnected = true;
        log.info("self-service link connected to {}", settings.brokerUrl());
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

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (topic.equals(replyTopic)) {
                byte[] corr = message.getProperties() == null ? null : message.getProperties().getCorrelationData();
                CompletableFuture<AccountLookupReply> f = corr == null ? null : waiting.get(new String(corr, StandardCharsets.UTF_8));
                if (f != null) {
                    Decoded<AccountLookupReply> d = codec.decode(message.getPayload(), AccountLookupReply.class);
                    if (d instanceof Decoded.Accepted<AccountLookupReply> a) {
                        f.complete(a.message());
                    } else {
                        f.completeExceptionally(new IllegalStateException(d.toString()));
                    }
                }
                return;
            }
            Decoded<RequestAcknowledgement> d = codec.decode(topic, message.getPayload(), RequestAcknowledgement.class);
            if (d instanceof Decoded.Accepted<RequestAcknowledgement> a) {
                RequestAcknowledgement ack = a.message();
                if (store.acknowledge(ack, clock.instant())) {
                    log.info("request {} acknowledged by the hub: {}{}", ack.caseNumber(), ack.verification(),
                            ack.problem() == null ? "" : " " + ack.problem());
                }
            } else {
                malformedAcks.incrementAndGet();
                log.warn("request acknowledgement on {} refused: {}", topic, d);
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            log.warn("self-service link lost: {}", response.getReasonString());
            signal();
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.debug("self-service link error: {}", exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }

    @Override
    public void close() {
        running = false;
        signal();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MqttAsyncClient c = client;
        if (c != null) {
            try {
                if (c.isConnected()) {
                    c.disconnect().waitForCompletion(2_000);
                }
                c.close();
            } catch (MqttException e) {
                log.debug("closing the self-service link: {}", e.getMessage());
            }
        }
    }
}
