package tw.jiaohao.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.testing.TestClient;

class EmbeddedBrokerIT {
    @TempDir
    Path dir;

    @Test
    void freePort_restart_keepsPortAndPersistentSessions_andLeavesOurLoggingAlone() throws Exception {
        try (EmbeddedBroker broker = new EmbeddedBroker(dir)) {
            broker.start(0);
            assertThat(broker.port()).isPositive();
            assertThat(broker.url()).isEqualTo("tcp://127.0.0.1:" + broker.port());
            assertThat(((LoggerContext) LoggerFactory.getILoggerFactory()).getName())
                    .as("HiveMQ must not replace the application's Logback configuration").isEqualTo("jiaohao-hub-test");

            MqttClient subscriber = new MqttClient(broker.url(), "persistent-sub", new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(false);
            options.setSessionExpiryInterval(3600L);
            subscriber.connect(options);
            subscriber.subscribe(new MqttSubscription[] {new MqttSubscription("t/queued", 1)});
            subscriber.disconnect();

            int port = broker.port();
            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            broker.start();
            assertThat(broker.port()).isEqualTo(port);

            try (TestClient publisher = new TestClient(broker.url(), "pub")) {
                publisher.publish("t/queued", "while away".getBytes(StandardCharsets.UTF_8));
            }
            java.util.concurrent.BlockingQueue<String> got = new java.util.concurrent.LinkedBlockingQueue<>();
            subscriber.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
                @Override
                public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage m) {
                    got.add(new String(m.getPayload(), StandardCharsets.UTF_8));
                }

                @Override
                public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {
                }

                @Override
                public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken t) {
                }

                @Override
                public void connectComplete(boolean reconnect, String uri) {
                }

                @Override
                public void authPacketArrived(int code, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {
                }
            });
            subscriber.connect(options);
            assertThat(got.poll(20, TimeUnit.SECONDS)).as("the session and its subscription survived the restart").isEqualTo("while away");
            subscriber.disconnect();
            subscriber.close();
        }
    }

    @Test
    void takenPort_failsWithAMessageNamingTheKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
             EmbeddedBroker broker = new EmbeddedBroker(dir)) {
            assertThatThrownBy(() -> broker.start(taken.getLocalPort()))
                    .isInstanceOf(HubException.class).hasMessageContaining("broker.embedded.port");
            assertThat(broker.isRunning()).isFalse();
        }
    }
}
