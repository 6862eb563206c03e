package tw.jiaohao.hub.recovery;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
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
import tw.jiaohao.hub.store.HubStore;
import tw.jiaohao.hub.store.OfficeProgress;
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
 * past a gap, never an event kept as evidence of a conflict or an implausible seq). Read-only; requests are answered one at a time in
 * arrival order on thread {@code hub-recovery} (at most 100 queued, the rest refused and
 * counted). A clean session: a node asks again at its next start, so nothing is kept while the
 * hub is down. A malformed request, or one naming a response topic other than its office's
 * reply topic, is refused, counted and logged once per office and minute ({@link tw.jiaohao.messaging.RefusalLog});
 * it never stops the hub.
 * Connects in the background (the broker may be down at start) and reconnects by itself.
 */
public final class RecoveryResponder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RecoveryResponder.class);
    private static final int MAX_QUEUED = 100;

    private final String brokerUrl;
    private final String clientId;
    private final String username;
    private final String password;
    private final HubStore store;
    private final JsonCodec codec = new JsonCodec();
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_QUEUED), r -> daemon(r, "hub-recovery"));
    private final ExecutorService connector = Executors.newSingleThreadExecutor(r -> daemon(r, "hub-recovery-connect"));
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final tw.jiaohao.messaging.RefusalLog refusals = new tw.jiaohao.messaging.RefusalLog(log);
    private volatile boolean running = true;
    private volatile MqttAsyncClient client;

    private RecoveryResponder(String brokerUrl, String clientId, String username, String password, HubStore store) {
        this.brokerUrl = brokerUrl;
        this.clientId = clientId;
        this.username = username;
        this.password = password;
        this.store = store;
    }

    /** Starts answering; connects in the background, so it returns at once even with the broker down. */
    public static RecoveryResponder start(String brokerUrl, String clientId, String username, String password, HubStore store) {
        RecoveryResponder r = new RecoveryResponder(brokerUrl, clientId, username, password, store);
        r.connector.execute(r::connectLoop);
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

    private void connectLoop() {
        long delayMs = 500;
        while (running) {
            try {
                MqttAsyncClient c = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
                Handler handler = new Handler(c);
                c.setCallback(handler);
                MqttConnectionOptions o = new MqttConnectionOptions();
                o.setCleanStart(true);
                o.setSessionExpiryInterval(0L);
                o.setAutomaticReconnect(true);
                o.setAutomaticReconnectDelay(1, 30);
                if (username != null && !username.isEmpty()) {
                    o.setUserName(username);
                    o.setPassword(password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8));
                }
                client = c;
                try {
                    c.connect(o).waitForCompletion(10_000);
                } catch (MqttException e) {
                    // a connect still under way would take over the next client's id (same client
                    // id: the broker drops the older one, both reconnect, forever): disown it
                    handler.abandoned = true;
                    throw e;
                }
                if (!running) {
                    closeQuietly(c);
                }
                return; // from here Paho reconnects and connectComplete re-subscribes
            } catch (MqttException e) {
                closeQuietly(client);
                client = null;
                log.debug("recovery responder not connected to {} ({}); retrying", brokerUrl, e.getMessage());
                try {
                    Thread.sleep(delayMs); // reconnect backoff, not a wait for a condition
                } catch (InterruptedException ie) {
                    return;
                }
                delayMs = Math.min(30_000, delayMs * 2);
            }
        }
    }

    private final class Handler implements MqttCallback {
        private final MqttAsyncClient own;
        volatile boolean abandoned;

        Handler(MqttAsyncClient own) {
            this.own = own;
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (abandoned || !running) {
                new Thread(() -> closeQuietly(own), "hub-recovery-close").start(); // not on Paho's own thread
                return;
            }
            try {
                own.subscribe(Topics.allOfficeRecoveries(), 1);
                log.info("answering office nodes' start-up checks on {}", Topics.allOfficeRecoveries());
            } catch (MqttException | RuntimeException e) {
                log.warn("cannot subscribe to {}: {}", Topics.allOfficeRecoveries(), e.getMessage());
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            byte[] payload = message.getPayload();
            MqttProperties props = message.getProperties();
            try {
                worker.execute(() -> answer(topic, payload, props));
            } catch (RejectedExecutionException e) {
                refused.incrementAndGet();
                refusals.refused("refused recovery request", officeOf(topic), "more than " + MAX_QUEUED + " queued");
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            log.debug("recovery responder disconnected: {}", response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.debug("recovery responder MQTT error: {}", exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }

    private void answer(String topic, byte[] payload, MqttProperties props) {
        Decoded<RecoveryRequest> decoded = codec.decode(topic, payload, RecoveryRequest.class);
        if (decoded instanceof Decoded.Rejected<RecoveryRequest> rejected) {
            refused.incrementAndGet();
            refusals.refused("refused recovery request", officeOf(topic), rejected.toString());
            return;
        }
        RecoveryRequest r = ((Decoded.Accepted<RecoveryRequest>) decoded).message();
        String replyTopic = Topics.recoveryReply(r.office());
        if (props == null || !replyTopic.equals(props.getResponseTopic())) {
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
            MqttProperties out = new MqttProperties();
            if (props.getCorrelationData() != null) {
                out.setCorrelationData(props.getCorrelationData());
            }
            MqttMessage m = new MqttMessage(codec.encode(reply));
            m.setQos(1);
            m.setProperties(out);
            client.publish(replyTopic, m);
            answered.incrementAndGet();
            if (events.isEmpty()) {
                refusals.noted("start-up check", r.office(), "from seq " + r.fromSeq() + ": nothing newer here (contiguous seq "
                        + upTo + ", max seq " + progress.maxSeq() + ")");
            } else {
                refusals.noted("start-up check", r.office(), "its database ends before seq " + r.fromSeq() + "; sent it "
                        + events.size() + " events up to seq " + events.get(events.size() - 1).seq() + " (max seq " + progress.maxSeq() + ")");
            }
        } catch (MqttException | RuntimeException e) {
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

    private static void closeQuietly(MqttAsyncClient c) {
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect(1_000).waitForCompletion(2_000);
            }
            c.close(true);
        } catch (MqttException | RuntimeException e) {
            log.debug("recovery responder close: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        connector.shutdownNow();
        worker.shutdownNow();
        closeQuietly(client);
    }
}
