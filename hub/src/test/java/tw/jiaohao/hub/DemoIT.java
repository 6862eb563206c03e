package tw.jiaohao.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.hub.web.WebClient;
import tw.jiaohao.protocol.codec.JsonCodec;

/**
 * {@code bin/jiaohao demo} as a child process, run from the test's class path
 * ({@code JIAOHAO_CLASSPATH}, no Maven build inside the test): several offices report, the
 * hub and dashboard stay up after the simulated day, the offices simulated days of history first,
 * self-service is on, Ctrl-C stops it all.
 */
class DemoIT {
    private static final Pattern DASHBOARD = Pattern.compile("demo: dashboard +(http://\\S+)/ +\\(user admin, password (\\S+)\\)");

    @TempDir
    Path dir;

    @Test
    void theDemoKeepsTheDashboardUpAfterTheDayWithEveryOfficeUntilItIsStopped() throws Exception {
        Path out = dir.resolve("demo.out");
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("bin/jiaohao").toString(), "demo",
                "--offices", "2", "--history", "2", "--speed", "120", "--duration", "90m", "--workdir", dir.resolve("work").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("JIAOHAO_CLASSPATH", System.getProperty("java.class.path"));
        Process demo = pb.start();
        try {
            Poll.until(Duration.ofSeconds(120), "the dashboard's address", () -> DASHBOARD.matcher(read(out)).find() || !demo.isAlive());
            Matcher m = DASHBOARD.matcher(read(out));
            assertThat(m.find()).as("printed: " + read(out)).isTrue();
            String base = m.group(1);
            Poll.until(Duration.ofSeconds(180), "the end of the simulated day", () -> read(out).contains("the simulated day is over")
                    || !demo.isAlive());
            assertThat(demo.isAlive()).as("the demo still runs after the day; printed: " + read(out)).isTrue();

            WebClient admin = new WebClient(base);
            assertThat(admin.login("admin", m.group(2))).isEqualTo(200);
            JsonNode offices = new JsonCodec().mapper().readTree(admin.get("/api/offices").body());
            List<String> ids = new ArrayList<>();
            offices.forEach(o -> ids.add(o.get("office").asText()));
            assertThat(ids).contains("demo-office", "taipei-north");
            int tickets = 0;
            for (JsonNode o : offices) {
                tickets += o.get("ticketsToday").asInt();
            }
            assertThat(tickets).as("tickets of the simulated day reached the hub").isPositive();
            assertThat(read(out)).contains("simulates 2 working days of history");
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Taipei"));
            JsonNode history = new JsonCodec().mapper().readTree(admin.get("/api/dashboard/offices/demo-office/report?from="
                    + today.minusDays(4) + "&to=" + today.minusDays(1)).body());
            assertThat(history.get("total").get("tickets").asInt()).as("the demo starts with days of history at the hub").isPositive();
            assertThat(admin.get("/offices").statusCode()).isEqualTo(200);
            assertThat(admin.get("/cases").statusCode()).as("self-service is on in the demo").isEqualTo(200);
            assertThat(read(dir.resolve("work/accounts.log"))).contains("50 stored", "0 bad");

            demo.destroy(); // SIGTERM, as Ctrl-C
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(demo.exitValue()).as("stopping is how the demo ends").isZero();
            assertThat(read(out)).contains("demo: stopped").doesNotContain("stopped by itself");
            Poll.until(Duration.ofSeconds(10), "the dashboard to stop", () -> !answers(admin));
        } finally {
            demo.destroyForcibly();
        }
    }

    private static boolean answers(WebClient c) {
        try {
            c.get("/login");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
