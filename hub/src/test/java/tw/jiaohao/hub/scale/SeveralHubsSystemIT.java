package tw.jiaohao.hub.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.HubMain;
import tw.jiaohao.hub.db.DbSettings;
import tw.jiaohao.hub.db.HubDatabase;
import tw.jiaohao.hub.stats.OfficeFigures;
import tw.jiaohao.hub.store.SqliteHubStore;
import tw.jiaohao.hub.testing.FiguresAssert;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.hub.testing.PostgresCluster;
import tw.jiaohao.hub.testing.ReferenceFigures;
import tw.jiaohao.messaging.Backoff;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.office.link.StartupCheck;
import tw.jiaohao.office.testing.MosquittoProcess;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * Issue 12's system test: head office as two hub processes ({@link HubMain}, separate JVMs) on one
 * PostgreSQL server of the test's own and one MQTT 5 shared subscription at a real Mosquitto;
 * three real office nodes publish a busy stretch of a day. Mid-stream one hub is killed with
 * SIGKILL (and started again later) and the database server is restarted once. Afterwards every
 * {@code (office, seq)} is stored exactly once, the hub's events are the offices' own, the
 * figures equal a plain recomputation from the offices' events ({@link ReferenceFigures}), the
 * singleton jobs' lease went to the surviving hub, and the replay requests per gap (all
 * instances together, {@code replay_claim}) stay within one requester's schedule. Prints the time
 * from the kill until every event the offices had committed by then was stored, and asserts it
 * within {@link #FAILOVER_ASSERTED}.
 */
@Tag("system")
class SeveralHubsSystemIT {
    private static final List<String> OFFICES = List.of("scale-north", "scale-centre", "scale-south");
    /** Tickets per office: with calls, starts, finishes and no-shows about 3.5 events each. */
    private static final int TICKETS = 600;
    /** One ticket per office this often: the day's stream lasts about a minute, long enough for the faults to fall into it. */
    private static final Duration PACE = Duration.ofMillis(100);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int LEASE_SECONDS = 6;
    /** Short, so that the broker stops giving a dead member its share of the events soon after it died (docs/hub/SCALE.md). */
    private static final int SESSION_EXPIRY_SECONDS = 3;
    /**
     * The failover asserted: issue 12's 10 s plus a margin. Measured 4.4–4.8 s in four runs at
     * loads 5–13 on the 2-core box (3 s of it the session expiry; at most 2 requests for one gap);
     * a gap that needed a third request (2 s, then 4 s after the first) would pass 10 s. With the
     * week-long session it was 55–64 s, which this fails.
     */
    private static final Duration FAILOVER_ASSERTED = Duration.ofSeconds(15);
    private static final JsonCodec CODEC = new JsonCodec();

    @TempDir
    Path dir;

    @Test
    void twoHubsOnePostgres_oneKilledAndTheDatabaseRestarted_storeEveryEventOnce_withExactFigures_andNoReplayStorm() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start();
             MosquittoProcess mosquitto = MosquittoProcess.withMaxQueuedMessages(dir.resolve("mosquitto"), 100_000).start()) {
            HubProcess a = new HubProcess("scale-a", pg, mosquitto.url());
            HubProcess b = new HubProcess("scale-b", pg, mosquitto.url());
            List<OfficeNode> nodes = new ArrayList<>();
            List<Thread> workers = new ArrayList<>();
            try {
                a.start();
                Poll.until(WAIT, "hub a holds the job lease", () -> holder(pg).startsWith("scale-a/"));
                b.start();
                for (String office : OFFICES) {
                    OfficeNode node = OfficeNode.start(OfficeConfigLoader.defaults().withOffice(office, dir.resolve(office + ".db"))
                            .withBrokerUrl(mosquitto.url()), Clock.systemUTC(), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
                    nodes.add(node);
                    assertThat(node.startupCheck().done().get(60, TimeUnit.SECONDS)).as(office + " checked with head office")
                            .isEqualTo(StartupCheck.Outcome.UP_TO_DATE);
                }
                AtomicLong ticketsIssued = new AtomicLong();
                for (int i = 0; i < nodes.size(); i++) {
                    OfficeNode node = nodes.get(i);
                    String office = OFFICES.get(i);
                    Random random = new Random(i);
                    Thread t = new Thread(() -> busyDay(node, office, random, ticketsIssued), "office-" + office);
                    workers.add(t);
                    t.start();
                }
                long planned = (long) TICKETS * OFFICES.size();

                Poll.until(WAIT, "a quarter of the day", () -> ticketsIssued.get() >= planned / 4);
                Map<String, Long> committedAtKill = new TreeMap<>();
                for (int i = 0; i < nodes.size(); i++) {
                    committedAtKill.put(OFFICES.get(i), nodes.get(i).engine().lastSeq());
                }
                long killedAt = System.nanoTime();
                a.kill();
                AtomicLong killToStoredMillis = new AtomicLong(-1);
                AtomicBoolean watching = new AtomicBoolean(true);
                Thread watch = new Thread(() -> watchStored(pg, committedAtKill, killedAt, killToStoredMillis, watching), "kill-to-stored");
                watch.start();
                Poll.until(Duration.ofSeconds(3L * LEASE_SECONDS), "the job lease passed to the surviving hub",
                        () -> holder(pg).startsWith("scale-b/"));

                Poll.until(WAIT, "half the day", () -> ticketsIssued.get() >= planned / 2);
                long restartAt = System.nanoTime();
                pg.restart();
                long restartMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartAt);

                Poll.until(WAIT, "seven tenths of the day", () -> ticketsIssued.get() >= planned * 7 / 10);
                long restartedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
                long startAt = System.nanoTime();
                a.start();
                long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startAt);
                for (Thread t : workers) {
                    t.join(WAIT.toMillis());
                    assertThat(t.isAlive()).as(t.getName() + " finished its day").isFalse();
                }
                Map<String, Long> last = new TreeMap<>();
                for (int i = 0; i < nodes.size(); i++) {
                    last.put(OFFICES.get(i), nodes.get(i).engine().lastSeq());
                }
                long storeStart = System.nanoTime();
                Poll.until(WAIT, "every office's events stored at head office " + last, () -> storedUpTo(pg).equals(last));
                long drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - storeStart);
                Poll.until(WAIT, "the kill-to-stored watch done", () -> killToStoredMillis.get() >= 0);
                watching.set(false);

                try (Connection c = pg.connect(); Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT office, COUNT(*), COUNT(DISTINCT seq), MIN(seq), MAX(seq) FROM event GROUP BY office")) {
                    int offices = 0;
                    while (r.next()) {
                        offices++;
                        long n = last.get(r.getString(1));
                        assertThat(r.getLong(2)).as(r.getString(1) + ": rows").isEqualTo(n);
                        assertThat(r.getLong(3)).as(r.getString(1) + ": distinct seqs").isEqualTo(n);
                        assertThat(r.getLong(4)).isEqualTo(1);
                        assertThat(r.getLong(5)).isEqualTo(n);
                    }
                    assertThat(offices).isEqualTo(OFFICES.size());
                }
                List<String> gaps = new ArrayList<>();
                long maxPerGap = 0;
                long requests = 0;
                try (Connection c = pg.connect(); Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT office, from_seq, kind, requests, holder FROM replay_claim ORDER BY office, from_seq")) {
                    while (r.next()) {
                        gaps.add(r.getString(1) + "#" + r.getLong(2) + " " + r.getString(3) + " ×" + r.getLong(4));
                        if (r.getString(3).equals("gap")) {
                            maxPerGap = Math.max(maxPerGap, r.getLong(4));
                            requests += r.getLong(4);
                        }
                    }
                }
                // one requester's schedule (2 s doubling to 30 s) over this test's few minutes asks at most ~10 times
                assertThat(maxPerGap).as("requests for one gap, both hubs together: " + gaps).isLessThanOrEqualTo(10);

                try (HubDatabase db = HubDatabase.open(new DbSettings(null, pg.url(), "postgres", "", 2));
                     SqliteHubStore store = new SqliteHubStore(db, SqliteHubStore.Sync.NORMAL, CODEC, Clock.systemUTC(),
                             ZoneId.of("Asia/Taipei"), 1_000_000)) {
                    for (int i = 0; i < nodes.size(); i++) {
                        String office = OFFICES.get(i);
                        List<OfficeEvent> own = nodes.get(i).engine().range(1, last.get(office), Integer.MAX_VALUE).stream()
                                .map(e -> CODEC.decodeOrThrow(e.payload(), OfficeEvent.class)).toList();
                        assertThat(store.events(office, 1, Integer.MAX_VALUE)).as(office + ": the hub holds the office's own events")
                                .containsExactlyElementsOf(own);
                        LocalDate from = own.stream().map(OfficeEvent::officeDay).min(LocalDate::compareTo).orElseThrow();
                        LocalDate to = own.stream().map(OfficeEvent::officeDay).max(LocalDate::compareTo).orElseThrow();
                        FiguresAssert.matches(OfficeFigures.of(office, from, to, store.rollups(office, from, to)), ReferenceFigures.of(own));
                    }
                }
                System.out.printf("several hubs (2 hub JVMs, shared subscription at Mosquitto, own PostgreSQL): %s events of 3 offices "
                        + "stored once each; hub a killed (SIGKILL) at %s, started again %d ms after the kill (ready in %d ms), "
                        + "every event committed by the kill stored %d ms after it; "
                        + "database restarted in %d ms; last events stored %d ms after the offices finished; %d replay request(s) "
                        + "over %d gap(s), at most %d for one gap: %s; load %s%n",
                        last.values().stream().mapToLong(Long::longValue).sum(), committedAtKill, restartedAfterMillis, readyMillis,
                        killToStoredMillis.get(), restartMillis,
                        drainMillis, requests, gaps.stream().filter(g -> g.contains(" gap ")).count(), maxPerGap, gaps, load());
                assertThat(killToStoredMillis.get()).as("ms from the kill until every event committed by then was stored "
                        + "(issue 12's target 10 s; asserted with a margin for a loaded box)").isLessThanOrEqualTo(FAILOVER_ASSERTED.toMillis());
            } finally {
                workers.forEach(Thread::interrupt);
                for (OfficeNode node : nodes) {
                    node.close();
                }
                a.stop();
                b.stop();
            }
        }
    }

    /** Issues a ticket every {@link #PACE} (a busy office compressed in time), calling and ending one at five counters. */
    private static void busyDay(OfficeNode node, String office, Random random, AtomicLong issued) {
        long start = System.nanoTime();
        for (int counter = 1; counter <= 5; counter++) {
            node.service().execute(office, counter, CommandAction.OPEN);
        }
        String[] categories = {"A", "B", "C"};
        CommandAction[] endings = {CommandAction.NO_SHOW, CommandAction.START, CommandAction.START, CommandAction.START};
        for (int i = 0; i < TICKETS && !Thread.currentThread().isInterrupted(); i++) {
            java.util.concurrent.locks.LockSupport.parkNanos(start + i * PACE.toNanos() - System.nanoTime());
            node.service().issue(categories[random.nextInt(categories.length)]);
            issued.incrementAndGet();
            int counter = 1 + random.nextInt(5);
            CommandReply called = node.service().execute(office, counter, CommandAction.CALL_NEXT);
            if (called.ok()) {
                CommandAction ending = endings[random.nextInt(endings.length)];
                node.service().execute(office, counter, ending);
                if (ending == CommandAction.START) {
                    node.service().execute(office, counter, CommandAction.FINISH);
                }
            }
        }
    }

    /** Polls until every office's events up to its seq at the kill are stored (contiguous), and sets the elapsed time. */
    private static void watchStored(PostgresCluster pg, Map<String, Long> committed, long killedAt, AtomicLong elapsed, AtomicBoolean watching) {
        while (watching.get()) {
            try (Connection c = pg.connect(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT office, contiguous_seq FROM office")) {
                Map<String, Long> held = new TreeMap<>();
                while (r.next()) {
                    held.put(r.getString(1), r.getLong(2));
                }
                if (committed.entrySet().stream().allMatch(e -> held.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                    elapsed.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
                    return;
                }
            } catch (Exception e) {
                // the database is restarting: look again
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Each office's stored events, as long as they are gap-free from seq 1 (the count must equal the highest seq). */
    private static Map<String, Long> storedUpTo(PostgresCluster pg) {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = pg.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT office, COUNT(*), MAX(seq) FROM event GROUP BY office")) {
            while (r.next()) {
                if (r.getLong(2) == r.getLong(3)) {
                    out.put(r.getString(1), r.getLong(3));
                }
            }
        } catch (Exception e) {
            return Map.of();
        }
        return out;
    }

    private static String holder(PostgresCluster pg) {
        try (Connection c = pg.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT holder FROM job_lease WHERE name = 'singleton-jobs'")) {
            return r.next() ? r.getString(1) : "";
        } catch (Exception e) {
            return "";
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** One hub instance as a child JVM running {@link HubMain}, started (again) and killed by the test. */
    private final class HubProcess {
        private final String clientId;
        private final Path config;
        private Process process;
        private int starts;

        HubProcess(String clientId, PostgresCluster pg, String brokerUrl) throws Exception {
            this.clientId = clientId;
            this.config = dir.resolve(clientId + ".properties");
            StringBuilder props = new StringBuilder();
            pg.hubConfig().forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
            props.append("mqtt.url=").append(brokerUrl).append('\n')
                    .append("mqtt.client-id=").append(clientId).append('\n')
                    .append("ingest.share-group=hubs\n")
                    .append("mqtt.session-expiry-seconds=").append(SESSION_EXPIRY_SECONDS).append('\n')
                    .append("http.port=0\n")
                    .append("db.pool-size=4\n")
                    .append("jobs.lease-seconds=").append(LEASE_SECONDS).append('\n')
                    .append("replay.interval-seconds=2\n")
                    .append("replay.max-interval-seconds=30\n");
            Files.writeString(config, props.toString());
        }

        void start() throws Exception {
            starts++;
            Path ready = dir.resolve(clientId + "-" + starts + ".ready");
            Path log = dir.resolve(clientId + "-" + starts + ".log");
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), HubMain.class.getName(),
                    "--config", config.toString(), "--ready-file", ready.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Process p = process;
            Poll.until(WAIT, clientId + " ready (log " + log + ")", () -> Files.exists(ready) || !p.isAlive());
            assertThat(p.isAlive()).as(clientId + " running; its log: " + Files.readString(log)).isTrue();
        }

        /** SIGKILL, as a crash: nothing written, nothing acknowledged, nothing released. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        }

        void stop() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }
}
