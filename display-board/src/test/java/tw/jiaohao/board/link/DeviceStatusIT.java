package tw.jiaohao.board.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import tw.jiaohao.board.DisplayConfig;
import tw.jiaohao.board.testing.Configs;
import tw.jiaohao.board.testing.TestBroker;
import tw.jiaohao.board.testing.Ui;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.state.StateSnapshot;

/** A device announces itself online (retained) on connect and offline on a clean close. */
class DeviceStatusIT {
    private static final OfficeListener QUIET = new OfficeListener() {
        @Override
        public void onSnapshot(StateSnapshot snapshot) {
        }

        @Override
        public void onNotices(NoticeBoard board) {
        }

        @Override
        public void onConnection(boolean online, Instant offlineSince) {
        }
    };

    @Test
    void aCounterUnitIsRetainedOnlineWhileConnectedAndOfflineAfterClosing() throws Exception {
        String url = TestBroker.shared().url();
        DisplayConfig config = Configs.of(DisplayConfig.Role.COUNTER_UNIT, url, "status-1", 7);
        JsonCodec codec = new JsonCodec();
        MqttOfficeLink link = new MqttOfficeLink(config, DeviceKind.COUNTER_UNIT, QUIET, Clock.systemUTC());
        link.start();
        Ui.await("connected", link::isConnected);

        BlockingQueue<DeviceStatus> seen = new LinkedBlockingQueue<>();
        MqttClient watcher = new MqttClient(url, "status-watcher", new MemoryPersistence());
        // (Paho 1.2.5's MqttClient.subscribe with a listener recurses forever: use a callback)
        watcher.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) { }
            public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) { }
            public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage m) {
                seen.add(codec.decodeOrThrow(m.getPayload(), DeviceStatus.class));
            }
            public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken t) { }
            public void connectComplete(boolean reconnect, String uri) { }
            public void authPacketArrived(int c, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) { }
        });
        watcher.connect(new MqttConnectionOptions());
        watcher.subscribe(Topics.deviceStatus("status-1", "status-1-counter-7"), 1);
        try {
            DeviceStatus online = seen.poll(10, TimeUnit.SECONDS);
            assertThat(online).as("the retained status reaches a late subscriber").isNotNull();
            assertThat(online.online()).isTrue();
            assertThat(online.kind()).isEqualTo(DeviceKind.COUNTER_UNIT);
            assertThat(online.device()).isEqualTo("status-1-counter-7");

            link.close();
            DeviceStatus offline = seen.poll(10, TimeUnit.SECONDS);
            assertThat(offline).isNotNull();
            assertThat(offline.online()).isFalse();
        } finally {
            watcher.disconnect();
            watcher.close();
        }
    }
}
