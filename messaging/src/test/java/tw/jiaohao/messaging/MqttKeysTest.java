package tw.jiaohao.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MqttKeysTest {
    private static final Map<String, String> DEFAULTS = MqttKeys.defaults("tcp://127.0.0.1:1883", "node-1", 0, 100);

    @Test
    void theKeysAndTheirDefaults_makeACleanSessionSettings() {
        MqttSettings s = MqttKeys.read(k -> null, DEFAULTS);
        assertThat(s.url()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(s.clientId()).isEqualTo("node-1");
        assertThat(s.username()).isNull();
        assertThat(s.persistent()).isFalse();
        assertThat(s.reconnect()).isEqualTo(Backoff.DEFAULT);
    }

    @Test
    void anOldKey_isRenamedToItsNewName() {
        Map<String, String> file = new HashMap<>(Map.of("broker.url", "tcp://hub:1883", "broker.username", "hub"));
        MqttKeys.renameOldKeys(file);
        assertThat(file).containsEntry("mqtt.url", "tcp://hub:1883").containsEntry("mqtt.username", "hub")
                .doesNotContainKeys("broker.url", "broker.username");
        Properties p = new Properties();
        p.setProperty("mqtt.broker", "tcp://office:1883");
        MqttKeys.renameOldKeys(p);
        assertThat(p.getProperty("mqtt.url")).isEqualTo("tcp://office:1883");
    }

    @Test
    void anOldAndANewKeyThatDiffer_areRefusedNamingBoth() {
        Map<String, String> file = new HashMap<>(Map.of("mqtt.broker", "tcp://a:1", "mqtt.url", "tcp://b:2"));
        assertThatThrownBy(() -> MqttKeys.renameOldKeys(file)).isInstanceOf(MqttConfigException.class)
                .hasMessageContaining("mqtt.url").hasMessageContaining("mqtt.broker").hasMessageContaining("tcp://b:2");
        Map<String, String> secret = new HashMap<>(Map.of("broker.password", "a", "mqtt.password", "b"));
        assertThatThrownBy(() -> MqttKeys.renameOldKeys(secret)).hasMessageNotContaining("'b'").hasMessageContaining("***");
    }

    @Test
    void badValues_nameTheKeyTheRuleAndTheValue() {
        assertThatThrownBy(() -> MqttKeys.read(Map.of("mqtt.url", "localhost")::get, DEFAULTS))
                .hasMessageContaining("mqtt.url").hasMessageContaining("tcp://").hasMessageContaining("'localhost'");
        assertThatThrownBy(() -> MqttKeys.read(Map.of("mqtt.keep-alive-seconds", "0")::get, DEFAULTS))
                .hasMessageContaining("mqtt.keep-alive-seconds").hasMessageContaining("'0'");
        assertThatThrownBy(() -> MqttKeys.read(Map.of("mqtt.receive-maximum", "lots")::get, DEFAULTS))
                .hasMessageContaining("mqtt.receive-maximum").hasMessageContaining("'lots'");
        assertThatThrownBy(() -> MqttKeys.read(Map.of("mqtt.reconnect-min-ms", "5000", "mqtt.reconnect-max-ms", "1000")::get, DEFAULTS))
                .hasMessageContaining("mqtt.reconnect-max-ms").hasMessageContaining("1000");
    }

    @Test
    void theBackoffDoublesWithJitterUpToItsCap() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
        long[] ceilings = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000};
        for (int attempt = 0; attempt < ceilings.length; attempt++) {
            assertThat(b.delay(attempt, () -> 0.0).toMillis()).isEqualTo(ceilings[attempt] / 2);
            assertThat(b.delay(attempt, () -> 0.999999).toMillis()).isEqualTo(ceilings[attempt]);
        }
    }
}
