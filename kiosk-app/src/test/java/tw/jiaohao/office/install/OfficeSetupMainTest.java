package tw.jiaohao.office.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.kiosk.KioskException;
import tw.jiaohao.office.kiosk.KioskSettings;

class OfficeSetupMainTest {
    @TempDir
    Path dir;

    private Path exampleWithRealPrinter() throws Exception {
        Path file = dir.resolve("office.properties");
        try (var in = OfficeSetupMainTest.class.getResourceAsStream("/office.example.properties")) {
            Files.copy(in, file);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(l -> l.equals("hardware=simulated") ? "hardware=pi" : l).toList();
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static Properties load(Path file) throws Exception {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void theExampleWithARealPrinter_doesNotStartTheKiosk_untilTheInstallerAsked() throws Exception {
        Path file = exampleWithRealPrinter();
        assertThatThrownBy(() -> KioskSettings.from(load(file))).isInstanceOf(KioskException.class)
                .hasMessageContaining("kiosk.hub-public-url");

        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        // a loopback answer is refused with the kiosk's own reason, then a good one is taken
        OfficeSetupMain.run(new String[] {"--config", file.toString()},
                new BufferedReader(new StringReader("http://localhost:8080\nhttps://hub.example.com.tw\n")),
                new PrintStream(shown, true, StandardCharsets.UTF_8));

        String dialogue = shown.toString(StandardCharsets.UTF_8);
        assertThat(dialogue).contains("The hub's public address").contains("must not point at this machine");
        Properties after = load(file);
        assertThat(after.getProperty("kiosk.hub-public-url")).isEqualTo("https://hub.example.com.tw");
        assertThat(KioskSettings.from(after).hubPublicUrl().toString()).isEqualTo("https://hub.example.com.tw");
        // every other line is as it was
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).contains("hardware=pi").anyMatch(l -> l.startsWith("# Base of the hub's public pages"));
        assertThat(lines.stream().filter(l -> l.startsWith("kiosk.hub-public-url="))).hasSize(1);
    }

    @Test
    void enterKeepsTheCurrentValue_andTheFlagAnswersWithoutAsking() throws Exception {
        Path file = exampleWithRealPrinter();
        OfficeSetupMain.run(new String[] {"--config", file.toString(), "--hub-public-url", "https://q.example.tw"},
                new BufferedReader(new StringReader("")), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(load(file).getProperty("kiosk.hub-public-url")).isEqualTo("https://q.example.tw");

        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        OfficeSetupMain.run(new String[] {"--config", file.toString()}, new BufferedReader(new StringReader("\n")),
                new PrintStream(shown, true, StandardCharsets.UTF_8));
        assertThat(shown.toString(StandardCharsets.UTF_8)).contains("[https://q.example.tw]");
        assertThat(load(file).getProperty("kiosk.hub-public-url")).isEqualTo("https://q.example.tw");
    }

    @Test
    void aBadFlagValue_orNoAnswer_isRefusedAndTheFileIsUntouched() throws Exception {
        Path file = exampleWithRealPrinter();
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> OfficeSetupMain.run(new String[] {"--config", file.toString(), "--hub-public-url",
                "http://127.0.0.1:8080"}, new BufferedReader(new StringReader("")), System.out))
                .isInstanceOf(InstallException.class).hasMessageContaining("kiosk.hub-public-url")
                .hasMessageContaining("'http://127.0.0.1:8080'");
        assertThatThrownBy(() -> OfficeSetupMain.run(new String[] {"--config", file.toString()},
                new BufferedReader(new StringReader("")), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(InstallException.class).hasMessageContaining("--hub-public-url");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }
}
