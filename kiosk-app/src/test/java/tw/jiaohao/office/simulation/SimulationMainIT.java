package tw.jiaohao.office.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.testing.Await;
import tw.jiaohao.office.testing.EmbeddedBroker;
import tw.jiaohao.office.testing.EventCollector;
import tw.jiaohao.office.testing.TestClient;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.device.DeviceStatus;

/** {@code bin/jiaohao simulate} as the lead's demo runs it: a child JVM with the documented flags. */
class SimulationMainIT {
    static EmbeddedBroker broker;
    @TempDir
    Path dir;

    @BeforeAll
    static void start(@TempDir Path brokerDir) {
        broker = EmbeddedBroker.start(brokerDir);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private Process simulate(Path out, String office, String... flags) throws IOException {
        Path config = dir.resolve(office + ".properties");
        Files.writeString(config, "office.id=" + office + "\n");
        List<String> cmd = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), SimulationMain.class.getName(),
                "--broker", broker.url(), "--config", config.toString(), "--db", dir.resolve(office + ".db").toString()));
        cmd.addAll(List.of(flags));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    @Test
    void aShortDay_runsToItsEnd_withCountersOverMqtt_andEventsReachASubscriber() throws Exception {
        Path out = dir.resolve("day.txt");
        try (TestClient hub = new TestClient(broker.url(), "sim-hub", false).subscribe(Topics.event("sim-day"))) {
            Process p = simulate(out, "sim-day", "--speed", "600", "--duration", "45m", "--seed", "7");
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the day ended").isTrue();
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(text).isZero();
            assertThat(text).contains("counters send their commands over MQTT", "end of the simulated day", "waiting estimates vs actual waits",
                    "stopped cleanly");
            EventCollector seen = new EventCollector();
            seen.drainUntil(hub, 11, Duration.ofSeconds(30), Duration.ofMillis(300));
            assertThat(seen.distinct()).as("events published").isGreaterThan(10);
            assertThat(seen.isGapFreeInOrder(seen.distinct())).isTrue();
        }
    }

    @Test
    void sigterm_stopsCleanly_withTheOfflineStatus() throws Exception {
        Path out = dir.resolve("stop.txt");
        JsonCodec codec = new JsonCodec();
        try (TestClient watcher = new TestClient(broker.url(), "sim-watch", false)
                .subscribe(Topics.deviceStatus("sim-stop", "office-node"))) {
            Process p = simulate(out, "sim-stop", "--speed", "60", "--duration", "8h");
            watcher.await(m -> codec.decodeOrThrow(m.payload(), DeviceStatus.class).online(), Duration.ofSeconds(60));
            Await.until("a ticket was issued", Duration.ofSeconds(60), () -> read(out).contains(" issued"));
            p.destroy(); // SIGTERM, as Ctrl-C's shutdown path
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String text = read(out);
            assertThat(text).contains("stopped early", "stopped cleanly");
            watcher.await(m -> !codec.decodeOrThrow(m.payload(), DeviceStatus.class).online(), Duration.ofSeconds(10));
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void historyOnly_simulatesTheDaysBeforeToday_andLeavesTodayToTheNextProgram() throws Exception {
        // bin/jiaohao demo --ui: the kiosk's office gets its history first, then the kiosk opens on the same database
        Path out = dir.resolve("history.txt");
        Process p = simulate(out, "sim-history", "--days", "3", "--history-speed", "max", "--history-only", "--duration", "1h",
                "--seed", "7", "--quiet");
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the history ended").isTrue();
        String text = read(out);
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).contains("2 day(s) of history done", "stopped cleanly");
        java.time.ZoneId zone = java.time.ZoneId.of("Asia/Taipei");
        List<String> before = SimulationMain.workingDays(java.time.LocalDate.now(zone), 3).subList(0, 2).stream()
                .map(java.time.LocalDate::toString).toList();
        List<String> days = new java.util.ArrayList<>();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sim-history.db"));
             var rs = c.createStatement().executeQuery("SELECT DISTINCT office_day FROM events WHERE type = 'TICKET_ISSUED' ORDER BY 1")) {
            while (rs.next()) {
                days.add(rs.getString(1));
            }
        }
        assertThat(days).as("tickets issued on the days before today, none today").containsExactlyElementsOf(before);
    }

    @Test
    void historyOnly_needsDaysBeforeToday() throws Exception {
        Path out = dir.resolve("bad-history.txt");
        Process p = simulate(out, "sim-bad-history", "--history-only");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(read(out)).contains("--history-only needs --days 2 or more");
    }

    @Test
    void badFlags_exitWithUsageErrors() throws Exception {
        Path out = dir.resolve("bad.txt");
        Process p = simulate(out, "sim-bad", "--speed", "fast");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(read(out)).contains("--speed must be a number");
    }
}
