package tw.jiaohao.hub.cases;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.accounts.AccountLookup;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.selfservice.AccountLookupReply;
import tw.jiaohao.protocol.selfservice.AccountLookupRequest;
import tw.jiaohao.protocol.selfservice.LookupOutcome;
import tw.jiaohao.protocol.selfservice.RequestAcknowledgement;
import tw.jiaohao.protocol.selfservice.SelfServiceRequest;

/**
 * The hub's MQTT side of self-service, two connections:
 * <ul>
 *   <li><b>requests</b>: a persistent session ({@code cleanStart=false}) subscribed to
 *       {@code office/+/request} with manual acknowledgements. Requests are handled one at a
 *       time in arrival order; the broker's PUBACK is sent only after the case is committed
 *       and the {@link RequestAcknowledgement} published, so a hub that dies mid-way gets the
 *       request again. A malformed payload is refused, logged once (where and why, never the
 *       content), counted, and acknowledged so it does not come back.</li>
 *   <li><b>look-ups</b>: a clean session subscribed to {@code hub/account/lookup}; look-ups are
 *       only worth answering within the kiosk's timeout, so none are kept while the hub is down.
 *       Each is answered on its response topic with its correlation data; the response topic
 *       must be the reply topic of the office the look-up names ({@code Topics.replyTo(office,
 *       "lookup")}), and house numbers are limited ({@link tw.jiaohao.hub.accounts.GuessLimit}).</li>
 * </ul>
 * Bad input on either is counted and logged once per kind and office per interval
 * ({@link tw.jiaohao.messaging.RefusalLog}), without its content.
 * Both reconnect by themselves (Paho's automatic reconnect) and re-subscribe on reconnect.
 */
public final class SelfServiceMqtt implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SelfServiceMqtt.class);

    /** Connection settings; {@code clientId} is the prefix of both connections' ids. */
    public record Settings(String brokerUrl, String clientId, String username, String password, long sessionExpirySeconds) {
    }

    private final Settings settings;
    private final CaseService cases;
    private final AccountLookup lookup;
    private final CaseMetrics metrics;
    private final JsonCodec codec = new JsonCodec();
    private final tw.jiaohao.messaging.RefusalLog refusals = new tw.jiaohao.messaging.RefusalLog(log);
    private final ExecutorService requestWorker = Executors.newSingleThreadExecutor(r -> thread(r, "selfservice-requests"));
    private final ExecutorService lookupWorkers = Executors.newFixedThreadPool(2, r -> thread(r, "selfservice-lookups"));
    private MqttAsyncClient requests;
    private MqttAsyncClient lookups;

    public SelfServiceMqtt(Settings settings, CaseService cases, AccountLookup lookup, CaseMetrics metrics) {
        this.settings = settings;
        this.cases = cases;
        this.lookup = lookup;
        this.metrics = metrics;
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Connects both clients; throws {@link CasesException} naming the broker if it cannot within {@code timeoutMs}. */
    public SelfServiceMqtt start(long timeoutMs) {
        try {
            requests = connect(settings.clientId() + "-requests", false, timeoutMs, new Handler(true));
            lookups = connect(settings.clientId() + "-lookups", true, timeoutMs, new Handler(false));
            return this;
        } catch (MqttException e) {
            close();
            throw new CasesException("cannot connect the self-service subscriber to " + settings.brokerUrl() + ": " + e.getMessage()
                    + " (check broker.url and the broker's credentials)", e);
        }
    }

    private MqttAsyncClient connect(String clientId, boolean clean, long timeoutMs, Handler handler) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(settings.brokerUrl(), clientId, new MemoryPersistence());
        handler.client = client;
        client.setCallback(handler);
        if (!clean) {
            client.setManualAcks(true);
        }
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(clean);
        options.setSessionExpiryInterval(clean ? 0L : settings.sessionExpirySeconds());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        if (settings.username() != null && !settings.username().isEmpty()) {
            options.setUserName(settings.username());
            options.setPassword(settings.password() == null ? new byte[0] : settings.password().getBytes(StandardCharsets.UTF_8));
        }
        client.connect(options).waitForCompletion(timeoutMs);
        return client;
    }

    private final class Handler implements MqttCallback {
        final boolean forRequests;
        volatile MqttAsyncClient client;

        Handler(boolean forRequests) {
            this.forRequests = forRequests;
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            try {
                if (forRequests) {
                    client.subscribe(Topics.allOfficeRequests(), 1);
                } else {
                    client.subscribe(Topics.accountLookup(), 1);
                }
                log.info("self-service {} subscriber {} to {}", forRequests ? "request" : "look-up", reconnect ? "reconnected" : "connected", serverURI);
            } catch (MqttException e) {
                log.warn("self-service subscribe failed ({}); will retry on the next reconnect", e.getMessage());
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (forRequests) {
                requestWorker.execute(() -> handleRequest(client, topic, message));
            } else {
                lookupWorkers.execute(() -> handleLookup(client, message));
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            log.warn("self-service {} subscriber disconnected: {}", forRequests ? "request" : "look-up", response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("self-service MQTT error: {}", exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }

    private void handleRequest(MqttAsyncClient client, String topic, MqttMessage message) {
        try {
            Decoded<SelfServiceRequest> decoded = codec.decode(topic, message.getPayload(), SelfServiceRequest.class);
            if (decoded instanceof Decoded.Rejected<SelfServiceRequest> rejected) {
                metrics.requestsMalformed.incrementAndGet();
                refusals.refused("refused self-service request", Topics.parse(topic).map(Topics.Parsed::office).orElse("(unknown)"),
                        rejected.toString());
            } else {
                SelfServiceRequest request = ((Decoded.Accepted<SelfServiceRequest>) decoded).message();
                RequestAcknowledgement ack = cases.receive(request);
                MqttMessage out = new MqttMessage(codec.encode(ack));
                out.setQos(1);
                client.publish(Topics.requestAck(request.office()), out).waitForCompletion(10_000);
            }
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException | RuntimeException e) {
            // Not acknowledged: the broker delivers it again after the next reconnect.
            log.error("self-service request on {} not stored ({}); it will be delivered again", topic, e.getMessage());
        }
    }

    private void handleLookup(MqttAsyncClient client, MqttMessage message) {
        MqttProperties in = message.getProperties();
        String replyTo = in == null ? null : in.getResponseTopic();
        if (replyTo == null || Topics.parse(replyTo).isEmpty()) {
            metrics.lookupsMalformed.incrementAndGet();
            refusals.refused("refused look-up", "(unknown)", "no Jiaohao response topic");
            return;
        }
        Decoded<AccountLookupRequest> decoded = codec.decode(message.getPayload(), AccountLookupRequest.class);
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
        MqttMessage out = new MqttMessage(codec.encode(reply));
        out.setQos(1);
        MqttProperties props = new MqttProperties();
        props.setCorrelationData(in.getCorrelationData());
        props.setMessageExpiryInterval(30L);
        out.setProperties(props);
        try {
            client.publish(replyTo, out);
        } catch (MqttException e) {
            refusals.refused("unsent look-up reply", "(unknown)", e.getMessage());
        }
    }

    public boolean connected() {
        return requests != null && requests.isConnected() && lookups != null && lookups.isConnected();
    }

    @Override
    public void close() {
        for (MqttAsyncClient c : new MqttAsyncClient[] {requests, lookups}) {
            if (c == null) {
                continue;
            }
            try {
                if (c.isConnected()) {
                    c.disconnect().waitForCompletion(2_000);
                }
                c.close();
            } catch (MqttException e) {
                log.debug("closing self-service client: {}", e.getMessage());
            }
        }
        requestWorker.shutdown();
        lookupWorkers.shutdown();
        try {
            requestWorker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
