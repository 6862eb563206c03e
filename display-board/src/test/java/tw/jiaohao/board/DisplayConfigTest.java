package tw.jiaohao.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hardware.config.HardwareConfig;

class DisplayConfigTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsMakeAWorkingBoard() {
        DisplayConfig c = DisplayConfig.from(new Properties(), DisplayConfig.Role.WALL_BOARD, null);
        assertThat(c.officeId()).isEqualTo("demo-office");
        assertThat(c.deviceId()).isEqualTo("demo-office-board");
        assertThat(c.zone().getId()).isEqualTo("Asia/Taipei");
        assertThat(c.mqtt().url()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(c.ratingWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.voice().voiceMuted()).isFalse();
        assertThat(c.hardware().mode()).isEqualTo(HardwareConfig.Mode.SIMULATED);
        assertThat(c.voice().repeat()).as("each call announced twice").isEqualTo(2);
        assertThat(c.counterOpensAtStart()).isTrue();
        assertThat(c.unknownOfficeAfter()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void theCounterOptionOverridesTheFileAndNamesTheDevice() {
        DisplayConfig c = DisplayConfig.from(props("office.id", "taipei-1", "counter.number", "4"), DisplayConfig.Role.COUNTER_UNIT, 12);
        assertThat(c.counter()).isEqualTo(12);
        assertThat(c.deviceId()).isEqualTo("taipei-1-counter-12");
    }

    @Test
    void muteFlagsAreIndependent() {
        DisplayConfig c = DisplayConfig.from(props("voice.mute", "true"), DisplayConfig.Role.WALL_BOARD, null);
        assertThat(c.voice().voiceMuted()).isTrue();
        assertThat(c.voice().chimeMuted()).isFalse();
    }

    @Test
    void eachBadValueIsRefusedNamingItsKey() {
        String[][] bad = {
                {"office.id", "Taipei Office"}, {"office.zone", "Mars/Base"}, {"mqtt.url", "http://x"},
                {"mqtt.reconnect.min-ms", "ten"}, {"ui.language", "fr"}, {"voice.mute", "maybe"},
                {"counter.number", "100"}, {"rating.window-seconds", "1"}, {"ui.widht", "800"},
                {"ui.screen-dpi", "20"}, {"ui.rotation", "45"},
                {"gpio.call-pad.next.pin", "99"}, {"hardware", "arduino"}, {"voice.repeat", "0"},
                {"counter.open-at-start", "sometimes"}, {"board.unknown-office-seconds", "1"}};
        for (String[] kv : bad) {
            assertThatThrownBy(() -> DisplayConfig.from(props(kv[0], kv[1]), DisplayConfig.Role.COUNTER_UNIT, null))
                    .as(kv[0]).isInstanceOf(ConfigException.class)
                    .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(kv[0]))
                    .hasMessageContaining(kv[0]);
        }
    }

    @Test
    void theMaximumBackoffMustNotBeBelowTheMinimum() {
        assertThatThrownBy(() -> DisplayConfig.from(props("mqtt.reconnect.min-ms", "5000", "mqtt.reconnect.max-ms", "1000"),
                DisplayConfig.Role.WALL_BOARD, null)).hasMessageContaining("mqtt.reconnect.max-ms");
    }

    @Test
    void thePasswordNeverAppearsInLogs() {
        DisplayConfig c = DisplayConfig.from(props("mqtt.password", "s3cret"), DisplayConfig.Role.WALL_BOARD, null);
        assertThat(c.mqtt().toString()).doesNotContain("s3cret");
    }

    @Test
    void theExampleFileListsEveryKeyAndLoads(@TempDir Path dir) throws Exception {
        Path example = Path.of("board.properties.example");
        String text = Files.readString(example);
        for (String key : DisplayConfig.DEFAULTS.keySet()) {
            assertThat(text).as(key).containsPattern("(?m)^#? ?" + java.util.regex.Pattern.quote(key) + " = ");
        }
        DisplayConfig c = DisplayConfig.load(example, DisplayConfig.Role.COUNTER_UNIT, 3);
        assertThat(c.counter()).isEqualTo(3);
        Path broken = dir.resolve("b.properties");
        Files.writeString(broken, "office.id = demo\nvoice.mute = sometimes\n");
        assertThatThrownBy(() -> DisplayConfig.load(broken, DisplayConfig.Role.WALL_BOARD, null)).hasMessageContaining("voice.mute");
    }
}
