package tw.jiaohao.office.selfservice;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.selfservice.AccountLookupRequest;

/**
 * The hub's account look-up as a test responder on a real broker ({@code hub/account/lookup},
 * MQTT 5 request/response with the requester's response topic and correlation data). kiosk-app
 * cannot depend on the hub module, so the answers come from {@link SelfServiceSessionIT}'s
 * {@code ScriptedHub} fixture (one account, {@link #ACCOUNT}, at {@link #ADDRESS}); the real hub
 * answers the same requests in the hub module's end-to-end test. "Unreachable" means silent:
 * the office node's look-up times out, as with the hub down.
 */
public final class HubLookupResponder implements AutoCloseable {
    public static final String ACCOUNT = SelfServiceSessionIT.ACCOUNT;
    public static final String ADDRESS = SelfServiceSessionIT.ADDRESS;
    public static final String MASKED = SelfServiceSessionIT.MASKED;
    public static final String NATIONAL_ID = SelfServiceSessionIT.NATIONAL_ID;
    public static final String PHONE = SelfServiceSessionIT.PHONE;

    private final SelfServiceSessionIT.ScriptedHub hub = new SelfServiceSessionIT.ScriptedHub();
    private final MqttAsyncClient client;
    private final JsonCodec codec = new JsonCodec();
    private final AtomicInteger answered = new AtomicInteger();
    private volatile CountDownLatch held = new CountDownLatch(0);

    public HubLookupResponder(String brokerUrl, String clientId) throws MqttException {
        client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage m) {
                answer(m);
            }

            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void deliveryComplete(IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int code, MqttProperties p) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o).waitForCompletion(10_000);
        client.subscribe(Topics.accountLookup(), 1).waitForCompletion(10_000);
    }

    /** The same scripted answers without a broker, for the screenshot command: switch arrears and reachability. */
    public static final class Scripted implements AccountLookupPort {
        private final SelfServiceSessionIT.ScriptedHub hub = new SelfServiceSessionIT.ScriptedHub();

        public void arrears(boolean arrears) {
            hub.arrears = arrears;
        }

        public void reachable(boolean reachable) {
            hub.reachable = reachable;
        }

        @Override
        public Answer lookup(String accountNumber, String houseNumber, Duration timeout) {
            return hub.lookup(accountNumber, houseNumber, timeout);
        }
    }

    /** Whether the account has arrears. */
    public void arrears(boolean arrears) {
        hub.arrears = arrears;
    }

    /** False: the hub is down, look-ups go unanswered. */
    public void reachable(boolean reachable) {
        hub.reachable = reachable;
    }

    /** Holds every answer until {@link #release()}: a slow hub. */
    public void hold() {
        held = new CountDownLatch(1);
    }

    public void release() {
        held.countDown();
    }

    /** Look-ups answered so far. */
    public int answered() {
        return answered.get();
    }

    private void answer(MqttMessage m) {
        AccountLookupRequest q = codec.decodeOrThrow(m.getPayload(), AccountLookupRequest.class);
        Thread t = new Thread(() -> {
            try {
                if (!held.await(30, TimeUnit.SECONDS)) {
                    return;
                }
                if (hub.lookup(q.accountNumber(), q.houseNumber(), Duration.ZERO)
                        instanceof AccountLookupPort.Answer.Replied replied) {
                    MqttMessage reply = new MqttMessage(codec.encode(replied.reply()));
                    reply.setQos(1);
                    MqttProperties p = new MqttProperties();
                    p.setCorrelationData(m.getProperties().getCorrelationData());
                    reply.setProperties(p);
                    client.publish(m.getProperties().getResponseTopic(), reply);
                    answered.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (MqttException e) {
                throw new IllegalStateException(e);
            }
        }, "hub-lookup-responder");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws MqttException {
        release();
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close();
    }
}
