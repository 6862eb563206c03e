package tw.jiaohao.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubConfigTest {
    @TempDir
    Path dir;

    @Test
    void exampleFile_listsEveryKeyWithItsDefault() throws Exception {
        Properties example = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/hub.example.properties")) {
            example.load(in);
        }
        Map<String, String> m = new LinkedHashMap<>();
        example.stringPropertyNames().forEach(k -> m.put(k, example.getProperty(k)));
        assertThat(m).isEqualTo(HubConfig.DEFAULTS);
    }

    @Test
    void configReference_documentsEveryKeyWithItsDefault() throws Exception {
        String doc = Files.readString(Path.of("../docs/hub/CONFIG.md"));
        HubConfig.DEFAULTS.forEach((k, v) -> assertThat(doc).contains("| `" + k + "` | " + (v.isEmpty() ? "(empty)" : "`" + v + "`") + " |"));
    }

    @Test
    void defaults_startTheEmbeddedBroker() {
        HubConfig c = HubConfig.from(Map.of());
        assertThat(c.embeddedBroker()).isTrue();
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.officeZone().getId()).isEqualTo("Asia/Taipei");
    }

    @Test
    void load_readsAFile() throws Exception {
        Path f = dir.resolve("hub.properties");
        Files.writeString(f, "broker.url=tcp://broker.example:1883\nhttp.port=0\n");
        HubConfig c = HubConfig.load(f);
        assertThat(c.brokerUrl()).isEqualTo("tcp://broker.example:1883");
        assertThat(c.embeddedBroker()).isFalse();
        assertThat(c.httpPort()).isZero();
    }

    @Test
    void badValues_failNamingTheKey() {
        assertBad(Map.of("http.port", "80000"), "http.port");
        assertBad(Map.of("http.port", "eighty"), "http.port");
        assertBad(Map.of("mqtt.url", "localhost"), "mqtt.url");
        assertBad(Map.of("broker.url", "localhost"), "mqtt.url"); // the old key, read as the new one
        assertBad(Map.of("broker.url", "tcp://a:1", "mqtt.url", "tcp://b:2"), "broker.url");
        assertBad(Map.of("mqtt.keep-alive-seconds", "0"), "mqtt.keep-alive-seconds");
        assertBad(Map.of("mqtt.client-id", "Hub One"), "mqtt.client-id");
        assertBad(Map.of("db.synchronous", "SOMETIMES"), "db.synchronous");
        assertBad(Map.of("office.zone", "Mars/Olympus"), "office.zone");
        assertBad(Map.of("replay.interval-seconds", "10", "replay.max-interval-seconds", "5"), "replay.max-interval-seconds");
        assertBad(Map.of("htp.port", "8080"), "unknown configuration key 'htp.port'");
        assertBad(Map.of("db.path", ""), "db.path");
    }

    @Test
    void missingFile_saysWhichFile() {
        assertThatThrownBy(() -> HubConfig.load(dir.resolve("nope.properties")))
                .isInstanceOf(HubException.class).hasMessageContaining("nope.properties");
    }

    private static void assertBad(Map<String, String> values, String message) {
        assertThatThrownBy(() -> HubConfig.from(values)).isInstanceOf(HubException.class).hasMessageContaining(message);
    }
}
