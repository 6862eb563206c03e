package tw.jiaohao.office.simulation;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import tw.jiaohao.office.OfficeException;
import tw.jiaohao.office.ticketing.OfficeService;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.counter.ReplyCode;

/** How the simulated clerks send their commands: over MQTT like counter units, or straight to the service. */
public interface CounterClient extends AutoCloseable {

    /** Sends a command and waits for its reply; a reply with STORE_FAILED-like code "offline" when unreachable. */
    CommandReply send(CounterCommand command);

    @Override
    void close();

    /** Commands straight to the service, for runs without a broker. */
    static CounterClient direct(OfficeService service) {
        return new CounterClient() {
            @Override
            public CommandReply send(CounterCommand command) {
                return service.execute(command);
            }

            @Override
            public void close() {
            }
        };
    }

    /** Commands as MQTT 5 requests on the counter topics, replies on a private response topic, like the counter units. */
    final class Mqtt implements CounterClient {
        private final MqttClient client;
        private final String replyTopic;
        private final JsonCodec codec = new JsonCodec();
        private final Map<String, CompletableFuture<CommandReply>> pending = new ConcurrentHashMap<>();

        public Mqtt(String brokerUrl, String clientId) {
            replyTopic = Topics.replyTo(clientId, "command");
            try {
                client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
                client.setCallback(new MqttCallback() {
                    @Override
                    public void disconnected(MqttDisconnectResponse r) {
                    }

                    @Override
                    public void mqttErrorOccurred(MqttException e) {
                    }

                    @Override
                    public void messageArrived(String topic, MqttMessage m) {
                        byte[] corr = m.getProperties() == null ? null : m.getProperties().getCorrelationData();
                        if (corr != null) {
                            CompletableFuture<CommandReply> f = pending.remove(new String(corr, StandardCharsets.UTF_8));
                            if (f != null) {
                                f.complete(codec.decodeOrThrow(m.getPayload(), CommandReply.class));
                            }
                        }
                    }

                    @Override
                    public void deliveryComplete(IMqttToken t) {
                    }

                    @Override
                    public void connectComplete(boolean reconnect, String uri) {
                        // the session (and its subscription) survives reconnects
                    }

                    @Override
                    public void authPacketArrived(int code, MqttProperties p) {
                    }
                });
                MqttConnectionOptions o = new MqttConnectionOptions();
                o.setCleanStart(false);
                o.setSessionExpiryInterval(300L);
                o.setAutomaticReconnect(true);
                o.setAutomaticReconnectDelay(1, 5);
                o.setConnectionTimeout(5);
                // a simulator of separate devices keeps a client of its own, tuned like the sessions
                tw.jiaohao.messaging.internal.NoDelaySocketFactory.applyTo(o, brokerUrl);
                client.connect(o);
                client.subscribe(replyTopic, 1);
            } catch (MqttException e) {
                throw new OfficeException("simulated counters cannot reach the broker " + brokerUrl + ": " + e.getMessage(), e);
            }
        }

        @Override
        public CommandReply send(CounterCommand command) {
            String corr = UUID.randomUUID().toString();
            CompletableFuture<CommandReply> f = new CompletableFuture<>();
            pending.put(corr, f);
            MqttMessage m = new MqttMessage(codec.encode(command));
            m.setQos(1);
            MqttProperties p = new MqttProperties();
            p.setResponseTopic(replyTopic);
            p.setCorrelationData(corr.getBytes(StandardCharsets.UTF_8));
            m.setProperties(p);
            try {
                client.publish(Topics.counterCommand(command.office(), command.counter()), m);
                return f.get(5, TimeUnit.SECONDS);
            } catch (MqttException | TimeoutException | java.util.concurrent.ExecutionException e) {
                return offline(command);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return offline(command);
            } finally {
                pending.remove(corr);
            }
        }

        private static CommandReply offline(CounterCommand c) {
            return CommandReply.error(c.office(), c.counter(), c.action(), ReplyCode.STORE_FAILED,
                    "櫃台連線中斷 / office node unreachable; try again");
        }

        @Override
        public void close() {
            try {
                if (client.isConnected()) {
                    client.disconnect();
                }
                client.close();
            } catch (MqttException e) {
                // closing at the end of a simulation
            }
        }
    }
}
