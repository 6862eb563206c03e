package tw.jiaohao.board.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.board.counter.CounterMain;
import tw.jiaohao.board.wall.BoardMain;
import tw.jiaohao.office.testing.ConnectCounter;
import tw.jiaohao.office.testing.EmbeddedBroker;
import tw.jiaohao.office.testing.ProgramOutput;
import tw.jiaohao.office.testing.TestClient;
import tw.jiaohao.protocol.Topics;

/**
 * The wall board and the counter unit, each started as its own program (a child JVM, headless
 * JavaFX), open ONE MQTT connection at the broker, counted by a proxy in front of a real broker.
 */
class OneSessionPerProgramIT {
    @TempDir
    Path dir;

    @Test
    void theWallBoardProgramOpensOneMqttConnection() throws Exception {
        runAndCount(BoardMain.class, "board", "one-board");
    }

    @Test
    void theCounterUnitProgramOpensOneMqttConnection() throws Exception {
        runAndCount(CounterMain.class, "counter", "one-counter");
    }

    private void runAndCount(Class<?> main, String what, String device) throws Exception {
        String office = "one-" + what + "-" + ProcessHandle.current().pid();
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"));
             ConnectCounter counter = new ConnectCounter(broker.url());
             TestClient watcher = new TestClient(broker.url(), "watch-" + office, false)) {
            watcher.subscribe(Topics.deviceStatus(office, device));
            Path config = dir.resolve(what + ".properties");
            Files.writeString(config, String.join("\n",
                    "office.id = " + office,
                    "device.id = " + device,
                    "mqtt.url = " + counter.url(),
                    "ui.fullscreen = false",
                    "ui.width = 800",
                    "ui.height = 480",
                    "hardware = simulated",
                    "voice.mute = true",
                    "chime.mute = true", ""), StandardCharsets.UTF_8);
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                    "-Dprism.order=sw", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), main.getName(),
                    "--config", config.toString()));
            if (main == CounterMain.class) {
                command.addAll(List.of("--counter", "2"));
            }
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            ProgramOutput out = ProgramOutput.of(p);
            try {
                watcher.await(r -> r.text().contains("\"online\":true"), Duration.ofSeconds(90));
                assertThat(p.isAlive()).as("the %s runs; output:%n%s", what, out).isTrue();
                assertThat(counter.connects()).as("MQTT CONNECTs of the %s program; output:%n%s", what, out).isEqualTo(1);
                assertThat(counter.open()).as("connections open").isEqualTo(1);
            } finally {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
                out.finish();
            }
            assertThat(counter.connects()).as("no second connection while stopping; output:%n%s", out).isEqualTo(1);
        }
    }
}
