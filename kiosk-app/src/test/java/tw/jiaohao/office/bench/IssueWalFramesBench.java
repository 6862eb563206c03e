package tw.jiaohao.office.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.office.testing.MutableClock;
import tw.jiaohao.office.ticketing.OfficeDatabase;
import tw.jiaohao.office.ticketing.QueueEngine;

/**
 * WAL frames (pages) the COMMIT of one issued ticket appends, counted from the growth of
 * {@code office.db-wal} with automatic checkpoints off: each frame is a page the commit's fsync
 * must write, against one for a bare one-row insert. Unlike a latency, the count does not depend
 * on the box's load.
 *
 * <p>To count for an older schema, run it with a copy of {@code target/classes} that lacks the
 * later {@code db/office/V*.sql} scripts.
 */
public final class IssueWalFramesBench {
    private static final String[] CATS = {"A", "B", "C", "D", "P"};

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "bench-walframes");
        OfficeConfig config = OfficeConfigLoader.defaults().withDatabasePath(dir.resolve("office.db"));
        Path wal = dir.resolve("office.db-wal");
        try (OfficeDatabase db = OfficeDatabase.open(config.databasePath(), config.officeId());
             QueueEngine engine = new QueueEngine(config, db, new MutableClock(Instant.now()))) {
            db.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA wal_autocheckpoint = 0");
                }
                return null;
            });
            for (int i = 0; i < 20; i++) {
                engine.issue(CATS[i % CATS.length]);
            }
            long frames = 0;
            int grew = 0;
            for (int i = 0; i < 200; i++) {
                engine.awaitEstimates(Duration.ofSeconds(30));
                long before = Files.size(wal);
                engine.issue(CATS[i % CATS.length]);
                long after = Files.size(wal);
                if (after > before) {
                    frames += (after - before) / (4096 + 24);
                    grew++;
                }
            }
            System.out.printf("WAL frames per issue commit: %.2f over %d issues that grew the WAL%n", (double) frames / grew, grew);
        }
    }
}
