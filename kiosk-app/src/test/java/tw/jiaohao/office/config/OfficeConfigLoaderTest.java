package tw.jiaohao.office.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfficeConfigLoaderTest {

    private static OfficeConfig load(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return OfficeConfigLoader.fromProperties(p);
    }

    @Test
    void defaults_describeTheWaterCompanyOffice() {
        OfficeConfig c = OfficeConfigLoader.defaults();
        assertThat(c.officeId()).isEqualTo("demo-office");
        assertThat(c.zone()).isEqualTo(ZoneId.of("Asia/Taipei"));
        assertThat(c.categories()).extracting(CategoryConfig::code).containsExactly("A", "B", "C", "D", "P");
        assertThat(c.category("A").orElseThrow().nameZh()).isEqualTo("水費/一般");
        assertThat(c.category("P").orElseThrow().priority()).isTrue();
        assertThat(c.counter(1).orElseThrow().serves()).containsExactly("P", "A", "B");
        assertThat(c.starvationCeiling()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.brokerUrl()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(c.mqttClientId()).isEqualTo("jiaohao-office-demo-office");
        assertThat(c.databasePath()).isEqualTo(Path.of("data", "office-demo-office.db"));
        assertThat(c.mqttUsername()).isNull();
        assertThat(c.hardware()).isEqualTo("simulated");
    }

    @Test
    void file_overridesDefaults_andKeepsTheRest(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("office.properties");
        Files.writeString(f, "office.id=taipei-north\nqueue.starvation-minutes=20\ncategories=A,P\ncounters=1\ncounter.1.serves=P,A\n"
                + "mqtt.username=node\nmqtt.password=secret\n");
        OfficeConfig c = OfficeConfigLoader.load(f);
        assertThat(c.officeId()).isEqualTo("taipei-north");
        assertThat(c.starvationCeiling()).isEqualTo(Duration.ofMinutes(20));
        assertThat(c.categories()).hasSize(2);
        assertThat(c.counters()).hasSize(1);
        assertThat(c.mqttUsername()).isEqualTo("node");
        assertThat(c.toString()).doesNotContain("secret");
    }

    @Test
    void theOldBrokerKey_isStillRead_asMqttUrl() throws Exception {
        assertThat(load("mqtt.broker=tcp://10.0.0.5:1883").brokerUrl()).isEqualTo("tcp://10.0.0.5:1883");
        assertThat(load("mqtt.broker=tcp://10.0.0.5:1883\nmqtt.url=tcp://10.0.0.6:1883").brokerUrl()).isEqualTo("tcp://10.0.0.6:1883");
    }

    @Test
    void badValues_areRefused_namingTheKey() {
        assertThatThrownBy(() -> load("office.id=Taipei North")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'office.id'").hasMessageContaining("taipei-north");
        assertThatThrownBy(() -> load("office.zone=Taipei")).hasMessageContaining("'office.zone'").hasMessageContaining("Asia/Taipei");
        assertThatThrownBy(() -> load("category.A.service-minutes=-3")).hasMessageContaining("'category.A.service-minutes'");
        assertThatThrownBy(() -> load("category.P.priority=yes")).hasMessageContaining("'category.P.priority'").hasMessageContaining("true or false");
        assertThatThrownBy(() -> load("counter.2.serves=A,X")).hasMessageContaining("'counter.2.serves'").hasMessageContaining("X");
        assertThatThrownBy(() -> load("mqtt.url=localhost")).hasMessageContaining("'mqtt.url'").hasMessageContaining("tcp://");
        assertThatThrownBy(() -> load("mqtt.max-in-flight=0")).hasMessageContaining("'mqtt.max-in-flight'");
        assertThatThrownBy(() -> load("hardware=raspberry")).hasMessageContaining("'hardware'").hasMessageContaining("pi");
        assertThatThrownBy(() -> load("queue.starvation-minutes=soon")).hasMessageContaining("'queue.starvation-minutes'");
        assertThatThrownBy(() -> load("counters=1,x")).hasMessageContaining("'counters'");
        assertThatThrownBy(() -> load("categories=A,ab")).hasMessageContaining("'categories'");
    }

    @Test
    void unknownOrUnlistedKeys_areRefused() {
        assertThatThrownBy(() -> load("offce.id=x")).hasMessageContaining("'offce.id'").hasMessageContaining("unknown key");
        assertThatThrownBy(() -> load("category.E.name.zh=其他")).hasMessageContaining("'category.E.name.zh'").hasMessageContaining("not listed");
        assertThatThrownBy(() -> load("counter.9.name=9號")).hasMessageContaining("'counter.9.name'");
    }

    @Test
    void newCategory_withoutItsNames_namesTheMissingKey() {
        assertThatThrownBy(() -> load("categories=A,E")).hasMessageContaining("'category.E.name.zh'").hasMessageContaining("missing");
    }

    @Test
    void missingFile_saysWhereToStart(@TempDir Path dir) {
        assertThatThrownBy(() -> OfficeConfigLoader.load(dir.resolve("nope.properties")))
                .hasMessageContaining("--config").hasMessageContaining("office.example.properties");
    }
}
