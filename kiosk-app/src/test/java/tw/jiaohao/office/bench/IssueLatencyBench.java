package tw.jiaohao.office.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import tw.jiaohao.office.testing.MutableClock;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.office.ticketing.OfficeDatabase;
import tw.jiaohao.office.ticketing.QueueEngine;
import tw.jiaohao.protocol.counter.CommandAction;

/**
 * Latency of {@code issue(category)}: a durable SQLite commit (WAL, synchronous=FULL) of the
 * ticket and its event before it returns. Target p99 ≤ 2 ms. Uses a fresh database file in
 * the working directory's {@code target/} (a real disk, not tmpfs). The queue is kept at a busy
 * office's length: once 100 tickets wait, counter 1 calls one (unmeasured) after each issue.
 */
public final class IssueLatencyBench {
    public static void main(String[] args) throws Exception {
        int warmup = 2_000;
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        Path dir = Files.createTempDirectory(Path.of("target"), "bench-issue");
        OfficeConfig config = OfficeConfigLoader.defaults().withDatabasePath(dir.resolve("office.db"));
        MutableClock clock = new MutableClock(java.time.Instant.now());
        try (OfficeDatabase db = OfficeDatabase.open(config.databasePath(), config.officeId());
             QueueEngine engine = new QueueEngine(config, db, clock)) {
            String[] cats = {"A", "B", "C", "D", "P"};
            long[] lat = new long[n];
            engine.execute(config.officeId(), 1, CommandAction.OPEN);
            engine.execute(config.officeId(), 4, CommandAction.OPEN);
            for (int i = 0; i < warmup + n; i++) {
                // 5 categories × 999 numbers a day: move to the next day before they run out
                if (i % 4_000 == 3_999) {
                    clock.advance(java.time.Duration.ofDays(1));
                }
                String cat = cats[i % cats.length];
                long t0 = System.nanoTime();
                engine.issue(cat);
                long t1 = System.nanoTime();
                if (i >= warmup) {
                    lat[i - warmup] = t1 - t0;
                }
                if (i >= 100) {
                    int counter = cat.equals("C") || cat.equals("D") ? 4 : 1;
                    engine.execute(config.officeId(), counter, CommandAction.CALL_NEXT);
                    engine.execute(config.officeId(), counter, CommandAction.NO_SHOW);
                }
            }
            System.out.println("issue (durable, WAL + synchronous=FULL): " + Percentiles.of(lat));
            long[] bare = bareCommits(dir.resolve("bare.db"), warmup, n);
            System.out.println("bare one-row commit, same disk (WAL + synchronous=FULL): " + Percentiles.of(bare));
            java.util.Arrays.sort(lat);
            java.util.Arrays.sort(bare);
            System.out.printf("issue ÷ bare commit: p50 %.1f×, p99 %.1f× (target ≤ 1.5× and ≤ 2×)%n",
                    (double) lat[n / 2] / bare[n / 2], (double) lat[(int) (n * 0.99)] / bare[(int) (n * 0.99)]);
        }
    }

    /** The physical limit on this disk: one row inserted and committed, WAL and synchronous=FULL like the office database. */
    private static long[] bareCommits(Path file, int warmup, int n) throws java.sql.SQLException {
        long[] lat = new long[n];
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            c.setAutoCommit(false);
            try (java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
                for (int i = 0; i < warmup + n; i++) {
                    long t0 = System.nanoTime();
                    insert.setString(1, "row " + i);
                    insert.executeUpdate();
                    c.commit();
                    long t1 = System.nanoTime();
                    if (i >= warmup) {
                        lat[i - warmup] = t1 - t0;
                    }
                }
            }
        }
        return lat;
    }
}
