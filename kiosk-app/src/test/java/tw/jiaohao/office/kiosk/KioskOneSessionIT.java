package tw.jiaohao.office.kiosk;

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
import tw.jiaohao.office.testing.Await;
import tw.jiaohao.office.testing.ConnectCounter;
import tw.jiaohao.office.testing.EmbeddedBroker;
import tw.jiaohao.office.testing.ProgramOutput;
import tw.jiaohao.office.testing.TestClient;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.selfservice.PersonalDataSeal;

/**
 * The kiosk program — office node, kiosk screen and self-service in one JVM — opens ONE MQTT
 * connection at the broker (counted by a proxy in front of a real broker), and both its
 * devices' statuses arrive over it.
 */
class KioskOneSessionIT {
    @TempDir
    Path dir;

    @Test
    void theKioskProcessWithSelfServiceOpensOneMqttConnection() throws Exception {
        String office = "one-session-" + ProcessHandle.current().pid();
        Path pem = Files.writeString(dir.resolve("hub.pub.pem"),
                PersonalDataSeal.toPem(PersonalDataSeal.generateKeyPair().getPublic()));
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"));
             ConnectCounter counter = new ConnectCounter(broker.url());
             TestClient watcher = new TestClient(broker.url(), "watch-" + office, false)) {
            watcher.subscribe(Topics.deviceStatus(office, "office-node"));
            watcher.subscribe(Topics.deviceStatus(office, "kiosk"));
            Path config = dir.resolve("office.properties");
            Files.writeString(config, String.join("\n",
                    "office.id = " + office,
                    "mqtt.url = " + counter.url(),
                    "database.path = " + dir.resolve("office.db"),
                    "recovery.timeout-seconds = 0",
                    "printer.simulated.output-dir = " + dir.resolve("printer"),
                    "selfservice.hub-public-key = " + pem, ""), StandardCharsets.UTF_8);
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                    "-Dprism.order=sw", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                    KioskMain.class.getName(), "--config", config.toString(), "--windowed"));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            ProgramOutput out = ProgramOutput.of(p);
            try {
                Await.until("the kiosk is on screen with self-service", Duration.ofSeconds(90),
                        () -> out.toString().contains("self-service on") || !p.isAlive(), out::toString);
                assertThat(p.isAlive()).as("the kiosk runs; output:%n%s", out).isTrue();
                java.util.Set<String> online = new java.util.HashSet<>();
                while (online.size() < 2) {
                    online.add(watcher.await(r -> r.text().contains("\"online\":true"), Duration.ofSeconds(30)).topic());
                }

                assertThat(counter.connects()).as("MQTT CONNECTs of the kiosk process; output:%n%s", out).isEqualTo(1);
                assertThat(counter.open()).as("connections open").isEqualTo(1);
            } finally {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
                out.finish();
            }
            // the node's status goes offline (published on stop, or the session's last will)
            watcher.await(r -> r.topic().equals(Topics.deviceStatus(office, "office-node")) && r.text().contains("\"online\":false"),
                    Duration.ofSeconds(30));
            assertThat(counter.connects()).as("no second connection while stopping; output:%n%s", out).isEqualTo(1);
        }
    }
}
