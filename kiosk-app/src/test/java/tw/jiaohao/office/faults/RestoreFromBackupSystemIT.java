package tw.jiaohao.office.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.messaging.Backoff;
import tw.jiaohao.office.link.StartupCheck.Outcome;
import tw.jiaohao.office.testing.Await;
import tw.jiaohao.office.testing.EmbeddedBroker;
import tw.jiaohao.office.testing.FakeRecoveryHub;
import tw.jiaohao.office.testing.TestClient;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * The documented restore (docs/OPERATIONS.md): {@code jiaohao-backup} while the node works, the
 * node goes on, then {@code jiaohao-restore} puts the backup back. The restored node holds until
 * head office gave back everything after the backup, then no number and no seq is used twice.
 * Runs the real scripts (needs sqlite3); tagged system.
 */
@Tag("system")
class RestoreFromBackupSystemIT {
    private static final JsonCodec CODEC = new JsonCodec();
    private static final String OFFICE = "restore-doc";
    private static final Path SCRIPTS = Path.of("..", "deploy", "backup").toAbsolutePath().normalize();
    @TempDir
    Path dir;

    @Test
    void theDocumentedBackupAndRestore_holdUntilHeadOfficeGaveTheRestBack_thenNoNumberOrSeqIsUsedTwice() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path backups = dir.resolve("backups");
        OfficeConfig config = TestOffice.config(data, "office.id=" + OFFICE + "\n").withDatabasePath(data.resolve("office.db"));
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"));
             TestClient hubTap = new TestClient(broker.url(), "restore-hub", true).subscribe(Topics.event(OFFICE))) {
            OfficeConfig withBroker = config.withBrokerUrl(broker.url());
            List<String> numbers = new ArrayList<>();
            long seqAtLoss;
            try (OfficeNode node = start(withBroker)) {
                work(node, numbers, 10);
                run(SCRIPTS.resolve("jiaohao-backup").toString(), "--from", data.toString(), "--to", backups.toString());
                work(node, numbers, 8);
                seqAtLoss = node.engine().lastSeq();
                Await.until("every event handed to the broker", Duration.ofSeconds(30), () -> node.engine().pendingCount() == 0);
            }
            TreeMap<Long, OfficeEvent> held = new TreeMap<>();
            Await.until("head office holds every event", Duration.ofSeconds(30), () -> {
                TestClient.Received m;
                while ((m = hubTap.poll(Duration.ofMillis(50))) != null) {
                    OfficeEvent e = CODEC.decodeOrThrow(m.payload(), OfficeEvent.class);
                    held.putIfAbsent(e.seq(), e);
                }
                return held.size() == seqAtLoss;
            });
            String restore = run(SCRIPTS.resolve("jiaohao-restore").toString(), "--to", data.resolve("office.db").toString(),
                    "--from", backups.toString());
            long restoredSeq;
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("office.db"));
                 java.sql.ResultSet r = c.createStatement().executeQuery("SELECT MAX(seq) FROM events")) {
                r.next();
                restoredSeq = r.getLong(1);
            }

            try (FakeRecoveryHub hub = new FakeRecoveryHub(broker.url(), OFFICE, FakeRecoveryHub.answering(new ArrayList<>(held.values())));
                 OfficeNode node = start(withBroker)) {
                assertThat(node.startupCheck().done().get(60, TimeUnit.SECONDS)).isEqualTo(Outcome.IMPORTED);
                work(node, numbers, 6);
                long last = node.engine().lastSeq();
                List<Long> seqs = node.engine().range(1, last, Integer.MAX_VALUE).stream().map(e -> e.seq()).toList();
                System.out.printf("restore from the documented backup: %s; backup ended at seq %d, the office had reached seq %d, "
                        + "head office held %d, after the restore the node is at seq %d with %d tickets, none twice%n",
                        restore.strip(), restoredSeq, seqAtLoss, held.size(), last, numbers.size());
                assertThat(restoredSeq).as("the backup was older than the loss").isLessThan(seqAtLoss);
                assertThat(new HashSet<>(numbers)).as("no number twice: " + numbers).hasSameSizeAs(numbers);
                assertThat(seqs).as("seqs gap-free, none reused").hasSize((int) last).doesNotHaveDuplicates();
                assertThat(last).isGreaterThan(seqAtLoss);
            }
        }
    }

    private static void work(OfficeNode node, List<String> numbers, int n) {
        node.service().execute(OFFICE, 1, CommandAction.OPEN);
        for (int i = 0; i < n; i++) {
            numbers.add(node.service().issue(i % 3 == 0 ? "B" : "A").ticketId());
            if (i % 2 == 0 && node.service().execute(OFFICE, 1, CommandAction.CALL_NEXT).ok()) {
                node.service().execute(OFFICE, 1, CommandAction.START);
                node.service().execute(OFFICE, 1, CommandAction.FINISH);
            }
        }
    }

    private static OfficeNode start(OfficeConfig config) {
        return OfficeNode.start(config, Clock.systemUTC(), new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)));
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
