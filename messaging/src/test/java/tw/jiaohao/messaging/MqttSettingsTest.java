package tw.jiaohao.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MqttSettingsTest {
    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void absentKeysKeepTheApplicationsDefaults() {
        MqttSettings s = MqttSettings.read(props(), MqttSettings.defaults("board-1").withKeepAlive(Duration.ofSeconds(5)));
        assertThat(s.url()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(s.clientId()).isEqualTo("board-1");
        assertThat(s.keepAlive()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.username()).isNull();
        assertThat(s.maxInFlight()).isEqualTo(10);
    }

    @Test
    void everyKeyIsRead() {
        MqttSettings s = MqttSettings.read(props("mqtt.url", "ssl://broker:8883", "mqtt.client-id", "node-7", "mqtt.username", "u",
                "mqtt.password", "p", "mqtt.keep-alive-seconds", "30", "mqtt.connect-timeout-seconds", "9", "mqtt.reconnect.min-ms", "100",
                "mqtt.reconnect.max-ms", "2000", "mqtt.max-in-flight", "4"), MqttSettings.defaults("x"));
        assertThat(s.asProperties()).containsEntry("mqtt.url", "ssl://broker:8883").containsEntry("mqtt.client-id", "node-7")
                .containsEntry("mqtt.username", "u").containsEntry("mqtt.keep-alive-seconds", "30")
                .containsEntry("mqtt.connect-timeout-seconds", "9").containsEntry("mqtt.reconnect.min-ms", "100")
                .containsEntry("mqtt.reconnect.max-ms", "2000").containsEntry("mqtt.max-in-flight", "4");
        assertThat(s.asProperties().keySet()).containsExactlyElementsOf(MqttSettings.KEYS);
    }

    @Test
    void theOldNamesOfTheBrokerUrlAreReadAsMqttUrl_andTheNewNameWins() {
        assertThat(MqttSettings.read(props("mqtt.broker", "tcp://a:1883"), MqttSettings.defaults("x")).url()).isEqualTo("tcp://a:1883");
        assertThat(MqttSettings.read(props("broker.url", "tcp://b:1883"), MqttSettings.defaults("x")).url()).isEqualTo("tcp://b:1883");
        assertThat(MqttSettings.read(props("broker.url", "tcp://b:1883", "mqtt.url", "tcp://c:1883"), MqttSettings.defaults("x")).url())
                .isEqualTo("tcp://c:1883");
        assertThat(MqttSettings.withCurrentKeys(props("mqtt.broker", "tcp://a:1883")).stringPropertyNames()).containsExactly("mqtt.url");
    }

    @Test
    void badValuesAreRefusedNamingTheirKey() {
        String[][] bad = {{"mqtt.url", "http://x"}, {"mqtt.client-id", "a b"}, {"mqtt.keep-alive-seconds", "0"},
                {"mqtt.connect-timeout-seconds", "soon"}, {"mqtt.reconnect.min-ms", "1"}, {"mqtt.max-in-flight", "0"}};
        for (String[] kv : bad) {
            assertThatThrownBy(() -> MqttSettings.read(props(kv[0], kv[1]), MqttSettings.defaults("x"))).as(kv[0])
                    .isInstanceOf(MqttSettings.InvalidSetting.class).hasMessageContaining("'" + kv[0] + "'")
                    .satisfies(e -> assertThat(((MqttSettings.InvalidSetting) e).key()).isEqualTo(kv[0]));
        }
        assertThatThrownBy(() -> MqttSettings.read(props("mqtt.reconnect.min-ms", "5000", "mqtt.reconnect.max-ms", "1000"),
                MqttSettings.defaults("x"))).hasMessageContaining("'mqtt.reconnect.max-ms'");
    }

    @Test
    void thePasswordNeverAppearsInToString() {
        MqttSettings s = MqttSettings.read(props("mqtt.username", "u", "mqtt.password", "s3cret"), MqttSettings.defaults("x"));
        assertThat(s.toString()).doesNotContain("s3cret");
    }

    @Test
    void aPersistentSessionAndItsReceiveMaximum_areReadWhenPresent_andADeviceKeepsACleanStart() {
        MqttSettings device = MqttSettings.read(props(), MqttSettings.defaults("board-1"));
        assertThat(device.persistent()).isFalse();
        assertThat(device.receiveMaximum()).isEqualTo(65_535);
        assertThat(MqttSettings.KEYS).doesNotContain(MqttSettings.SESSION_EXPIRY, MqttSettings.RECEIVE_MAXIMUM);

        MqttSettings hub = MqttSettings.read(props("mqtt.session-expiry-seconds", "604800", "mqtt.receive-maximum", "1000"),
                MqttSettings.defaults("jiaohao-hub"));
        assertThat(hub.persistent()).isTrue();
        assertThat(hub.sessionExpiry()).isEqualTo(Duration.ofDays(7));
        assertThat(hub.receiveMaximum()).isEqualTo(1000);
        assertThat(hub.toString()).contains("sessionExpiry=PT168H");

        for (String[] kv : new String[][] {{"mqtt.session-expiry-seconds", "-1"}, {"mqtt.session-expiry-seconds", "4294967296"},
                {"mqtt.receive-maximum", "0"}, {"mqtt.receive-maximum", "65536"}}) {
            assertThatThrownBy(() -> MqttSettings.read(props(kv[0], kv[1]), MqttSettings.defaults("x"))).as(kv[0] + "=" + kv[1])
                    .isInstanceOf(MqttSettings.InvalidSetting.class)
                    .satisfies(e -> assertThat(((MqttSettings.InvalidSetting) e).key()).isEqualTo(kv[0]));
        }
    }
}
