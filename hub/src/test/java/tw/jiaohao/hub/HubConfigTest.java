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
    void aSharedIngestWithAWeekLongSession_warnsNamingTheKeyItsValueAndTheRecommendedValue() {
        HubConfig c = HubConfig.from(Map.of("ingest.share-group", "hubs"));
        assertThat(c.sharedSessionExpiryWarning()).hasValueSatisfying(w -> assertThat(w)
                .contains("mqtt.session-expiry-seconds=604800")
                .contains("mqtt.session-expiry-seconds=3 ")
                .doesNotContain("\n"));
    }

    @Test
    void aSharedIngestWithAShortSession_orAPlainSubscription_doesNotWarn() {
        assertThat(HubConfig.from(Map.of("ingest.share-group", "hubs", "mqtt.session-expiry-seconds", "60"))
                .sharedSessionExpiryWarning()).isEmpty();
        assertThat(HubConfig.from(Map.of("ingest.share-group", "hubs", "mqtt.session-expiry-seconds", "61"))
                .sharedSessionExpiryWarning()).isPresent();
        assertThat(HubConfig.from(Map.of()).sharedSessionExpiryWarning()).isEmpty();
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
        Files.writeString(f, "mqtt.url=tcp://broker.example:1883\nhttp.port=0\n");
        HubConfig c = HubConfig.load(f);
        assertThat(c.brokerUrl()).isEqualTo("tcp://broker.example:1883");
        assertThat(c.embeddedBroker()).isFalse();
        assertThat(c.httpPort()).isZero();
    }

    @Test
    void theOldNamesOfTheBrokersUrlAndLoginAreStillRead_theNewOnesWin() {
        HubConfig old = HubConfig.from(Map.of("broker.url", "tcp://old.example:1883", "broker.username", "hub", "broker.password", "pw"));
        assertThat(old.brokerUrl()).isEqualTo("tcp://old.example:1883");
        assertThat(old.brokerUsername()).isEqualTo("hub");
        assertThat(old.brokerPassword()).isEqualTo("pw");
        HubConfig both = HubConfig.from(Map.of("broker.url", "tcp://old.example:1883", "mqtt.url", "tcp://new.example:1883"));
        assertThat(both.brokerUrl()).isEqualTo("tcp://new.example:1883");
    }

    @Test
    void badValues_failNamingTheKey() {
        assertBad(Map.of("http.port", "80000"), "http.port");
        assertBad(Map.of("http.port", "eighty"), "http.port");
        assertBad(Map.of("mqtt.url", "localhost"), "mqtt.url");
        assertBad(Map.of("broker.url", "localhost"), "mqtt.url");
        assertBad(Map.of("mqtt.client-id", "Hub One"), "mqtt.client-id");
        assertBad(Map.of("db.synchronous", "SOMETIMES"), "db.synchronous");
        assertBad(Map.of("office.zone", "Mars/Olympus"), "office.zone");
        assertBad(Map.of("replay.interval-seconds", "10", "replay.max-interval-seconds", "5"), "replay.max-interval-seconds");
        assertBad(Map.of("htp.port", "8080"), "unknown configuration key 'htp.port'");
        assertBad(Map.of("db.path", ""), "db.path");
        assertBad(Map.of("db.url", "jdbc:mysql://db/hub"), "db.url");
        assertBad(Map.of("db.url", "postgresql://db/hub"), "db.url");
        assertBad(Map.of("db.pool-size", "1"), "db.pool-size");
    }

    @Test
    void missingFile_saysWhichFile() {
        assertThatThrownBy(() -> HubConfig.load(dir.resolve("nope.properties")))
                .isInstanceOf(HubException.class).hasMessageContaining("nope.properties");
    }

    private static void assertBad(Map<String, String> values, String message) {
        assertThatThrownBy(() -> HubConfig.from(values)).isInstanceOf(HubException.class).hasMessageContaining(message);
    }

    @Test
    void aPostgresqlUrl_selectsPostgresql_andTheDefaultIsTheSqliteFile() {
        assertThat(HubConfig.from(Map.of()).database().dialect()).isEqualTo(tw.jiaohao.hub.db.Dialect.SQLITE);
        HubConfig pg = HubConfig.from(Map.of("db.url", "jdbc:postgresql://db.example:5432/hub", "db.user", "hub",
                "db.password", "s3cret-pw", "db.pool-size", "24"));
        assertThat(pg.database().dialect()).isEqualTo(tw.jiaohao.hub.db.Dialect.POSTGRESQL);
        assertThat(pg.database().poolSize()).isEqualTo(24);
        assertThat(pg.toString()).contains("jdbc:postgresql://db.example:5432/hub").doesNotContain("s3cret-pw");
    }
}
