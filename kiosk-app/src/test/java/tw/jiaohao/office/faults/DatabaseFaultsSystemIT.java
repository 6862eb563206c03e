package tw.jiaohao.office.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.OfficeNodeMain;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.messaging.Backoff;
import tw.jiaohao.office.link.StartupCheck.Outcome;
import tw.jiaohao.office.testing.Await;
import tw.jiaohao.office.testing.CrashLoadMain;
import tw.jiaohao.office.testing.EmbeddedBroker;
import tw.jiaohao.office.testing.FakeRecoveryHub;
import tw.jiaohao.office.testing.TestClient;
import tw.jiaohao.office.ticketing.DamagedDatabaseException;
import tw.jiaohao.office.ticketing.OfficeDatabase;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * The office database file itself fails: damaged, or its -wal file deleted after the node was
 * killed. A damaged file is refused at start with the restore command and no stack trace; a file
 * that lost commits never issues a number or seq again. Child JVMs; tagged system.
 */
@Tag("system")
class DatabaseFaultsSystemIT {
    private static final JsonCodec CODEC = new JsonCodec();
    @TempDir
    Path dir;

    @Test
    void aDamagedDatabase_isRefusedAtStart_withTheRestoreCommand_andNoStackTrace() throws Exception {
        Path db = dir.resolve("office.db");
        OfficeDatabase.open(db, "damaged-office").close();
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) { // pages 2.. overwritten, the header kept
            f.seek(4096);
            f.write(new byte[8192]);
            f.seek(4096 + 100);
            f.write("this is not a b-tree page".getBytes(StandardCharsets.US_ASCII));
        }
        assertThatThrownBy(() -> OfficeDatabase.open(db, "damaged-office")).isInstanceOf(DamagedDatabaseException.class)
                .hasMessageContaining("jiaohao-restore --to " + db.toAbsolutePath());

        Path garbage = dir.resolve("garbage.db");
        Files.writeString(garbage, "x".repeat(5000));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OfficeNodeMain.class.getName(),
                "--db", garbage.toString(), "--broker", "tcp://127.0.0.1:1").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        System.out.printf("damaged database: exit %d, output:%n%s%n", p.exitValue(), out);
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains("is damaged").contains("jiaohao-restore --to").contains("docs/OPERATIONS.md")
                .doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aNewDatabase_isIncrementalAutoVacuum_fromItsFirstStart() throws Exception {
        Path db = dir.resolve("new.db");
        OfficeDatabase.open(db, "new-office").close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("PRAGMA auto_vacuum")) {
            r.next();
            assertThat(r.getInt(1)).as("2 = INCREMENTAL, set by the connection that created the schema").isEqualTo(2);
        }
    }

    @Test
    void theWalFileDeletedAfterSigkill_neverIssuesANumberOrSeqAgain() throws Exception {
        Path db = dir.resolve("crash.db");
        String office = "crash-office";
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"));
             TestClient hubTap = new TestClient(broker.url(), "wal-hub", true).subscribe(Topics.event(office))) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                    CrashLoadMain.class.getName(), db.toString(), broker.url()).redirectErrorStream(true).start();
            ConcurrentLinkedQueue<String> issued = new ConcurrentLinkedQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.startsWith("ISSUED ")) {
                            issued.add(line.split(" ")[1]);
                        }
                    }
                } catch (java.io.IOException e) {
                    // killed mid-line
                }
            });
            reader.setDaemon(true);
            reader.start();
            Await.until("the child issued 200 tickets", Duration.ofSeconds(120), () -> issued.size() >= 200);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            Files.deleteIfExists(Path.of(db + "-wal"));
            Files.deleteIfExists(Path.of(db + "-shm"));

            java.util.TreeMap<Long, OfficeEvent> held = new java.util.TreeMap<>(); // the hub stores (office, seq) once
            TestClient.Received m;
            while ((m = hubTap.poll(Duration.ofSeconds(2))) != null) {
                OfficeEvent e = CODEC.decodeOrThrow(m.payload(), OfficeEvent.class);
                held.putIfAbsent(e.seq(), e);
            }
            List<OfficeEvent> hubCopy = new ArrayList<>(held.values());
            OfficeConfig config = OfficeConfigLoader.defaults().withOffice(office, db).withBrokerUrl(broker.url());
            try (FakeRecoveryHub hub = new FakeRecoveryHub(broker.url(), office, FakeRecoveryHub.answering(hubCopy));
                 OfficeNode node = OfficeNode.start(config, Clock.systemUTC(), new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)))) {
                long highWater = Long.parseLong(Files.readString(Path.of(db + ".highwater")).strip());
                Await.until("the check imported what the hub holds", Duration.ofSeconds(60),
                        () -> node.startupCheck().done().isDone() || node.engine().health().detail() != null
                                && node.engine().health().detail().contains("staff must confirm"));
                boolean caughtUp = node.startupCheck().done().isDone();
                if (!caughtUp) {
                    // the kill took events the hub never got: only staff can let it issue
                    assertThat(node.engine().isHeld()).isTrue();
                    node.startupCheck().confirmByStaff("test");
                } else {
                    assertThat(node.startupCheck().done().get()).isIn(Outcome.IMPORTED, Outcome.UP_TO_DATE);
                }
                long before = node.engine().lastSeq();
                String next = node.service().issue("A").ticketId();
                Set<Long> hubSeqs = new HashSet<>();
                hubCopy.forEach(e -> hubSeqs.add(e.seq()));
                System.out.printf("-wal deleted after SIGKILL: %d tickets printed, high-water seq %d, hub held %d events, "
                                + "database after the check at seq %d, %s; next %s at seq %d%n", issued.size(), highWater, hubCopy.size(),
                        before, caughtUp ? "caught up from the hub" : "held until staff confirmed", next, node.engine().lastSeq());
                if (caughtUp) {
                    assertThat(issued).as("no number printed before is given again").doesNotContain(next);
                    assertThat(hubSeqs).as("no seq the hub holds is used again").doesNotContain(node.engine().lastSeq());
                }
            }
        }
    }
}
