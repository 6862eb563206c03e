package tw.jiaohao.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.hub.testing.TestClient;

/** {@code bin/jiaohao hub} as a child JVM: ready file, the two printed lines, clean stop on SIGTERM. */
class HubMainIT {
    @TempDir
    Path dir;

    @Test
    void readyFile_namesBrokerAndApi_andSigtermStopsCleanly() throws Exception {
        Path config = dir.resolve("hub.properties");
        Files.writeString(config, String.join("\n",
                "broker.embedded.port=0",
                "broker.embedded.dir=" + dir.resolve("broker"),
                "http.port=0",
                "web.ingest-api-public=true",
                "db.path=" + dir.resolve("hub.db")) + "\n");
        Path ready = dir.resolve("run/ready.properties");
        Process hub = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HubMain.class.getName(),
                "--config", config.toString(), "--ready-file", ready.toString())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        try {
            Poll.until(Duration.ofSeconds(60), "the ready file", () -> Files.exists(ready) || !hub.isAlive());
            assertThat(hub.isAlive()).as("hub running; stderr: " + read(dir.resolve("err.txt"))).isTrue();
            Properties p = new Properties();
            try (var in = Files.newInputStream(ready)) {
                p.load(in);
            }
            assertThat(p.getProperty("broker.url")).matches("tcp://127\\.0\\.0\\.1:\\d+");
            assertThat(p.getProperty("api.url")).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(Files.readAllLines(dir.resolve("out.txt")))
                    .containsExactly("broker.url=" + p.getProperty("broker.url"), "api.url=" + p.getProperty("api.url"));
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(p.getProperty("api.url") + "/api/offices")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            try (TestClient client = new TestClient(p.getProperty("broker.url"), "main-it")) {
                assertThat(client.isConnected()).isTrue();
            }
            hub.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook stops the hub
            assertThat(hub.waitFor(60, TimeUnit.SECONDS)).isTrue();
            List<String> err = Files.readAllLines(dir.resolve("err.txt"));
            assertThat(err).anySatisfy(l -> assertThat(l).contains("hub database closed"));
            assertThat(err).anySatisfy(l -> assertThat(l).contains("embedded MQTT broker on port"));
            assertThat(err).last().satisfies(l -> assertThat(l).contains("hub stopped"));
        } finally {
            hub.destroyForcibly();
        }
    }

    @Test
    void badConfig_exitsWithTheKeyNamed() throws Exception {
        Path config = dir.resolve("bad.properties");
        Files.writeString(config, "http.port=lots\n");
        Process hub = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HubMain.class.getName(), "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        assertThat(hub.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(hub.exitValue()).isEqualTo(1);
        assertThat(read(dir.resolve("out.txt"))).contains("http.port").contains("lots");
    }

    private static String read(Path p) throws Exception {
        return Files.exists(p) ? Files.readString(p) : "";
    }

}
