package tw.jiaohao.office.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.office.testing.MutableClock;
import tw.jiaohao.office.ticketing.OfficeDatabase;
import tw.jiaohao.office.ticketing.QueueEngine;
import tw.jiaohao.protocol.counter.CommandAction;

/**
 * Latency of {@code issue(category)}: a durable SQLite commit (WAL, synchronous=FULL) of the
 * ticket, its event and outbox row before it returns, against the physical limit on the same
 * disk in the same run: a bare one-row insert-and-commit in a second SQLite file beside the
 * office's (WAL, synchronous=FULL). Target: issue ÷ bare ≤ 1.5× at p50 and ≤ 2× at p99.
 *
 * <p>The queue is kept at a busy office's length: once 100 tickets wait, a counter calls one and
 * marks it a no-show (unmeasured) after each issue. Two rhythms:
 * <ul>
 * <li><b>at an office's pace</b> (the target): before each measured issue the node has finished the
 *     work that follows a change (the waiting estimate's round for the newest state), as it has
 *     in an office, where changes come seconds apart;</li>
 * <li><b>back to back</b>: each issue right after the previous change, so its waiting estimate is
 *     never ready and the issue forecasts its own category (≈ 2.5 ms of CPU): a burst.</li>
 * </ul>
 * Fresh database files in the working directory's {@code target/} (a real disk, not tmpfs).
 *
 * <p>Arguments: measured issues per rhythm (default 2000).
 */
public final class IssueLatencyBench {
    private static final String[] CATS = {"A", "B", "C", "D", "P"};

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int warmup = Math.max(500, n / 4);
        Path dir = Files.createTempDirectory(Path.of("target"), "bench-issue");
        // back to back first: its issues also warm the JIT for the paced run in the same JVM
        long[] burst = issues(dir.resolve("burst"), warmup, n, false);
        long[] paced = issues(dir.resolve("paced"), warmup, n, true);
        long[] bare = bareCommits(dir.resolve("bare.db"), warmup, n);
        System.out.println("issue at an office's pace (durable, WAL + synchronous=FULL): " + Percentiles.of(paced));
        System.out.println("issue back to back        (durable, WAL + synchronous=FULL): " + Percentiles.of(burst));
        System.out.println("bare one-row commit, same disk (WAL + synchronous=FULL):    " + Percentiles.of(bare));
        ratio("issue at an office's pace ÷ bare commit", paced, bare);
        ratio("issue back to back ÷ bare commit", burst, bare);
    }

    private static void ratio(String what, long[] issue, long[] bare) {
        long[] a = issue.clone();
        long[] b = bare.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        int p50 = a.length / 2;
        int p99 = (int) Math.ceil(a.length * 0.99) - 1;
        System.out.printf("%s: p50 %.2f×, p99 %.2f× (target ≤ 1.5× and ≤ 2×)%n", what, (double) a[p50] / b[p50], (double) a[p99] / b[p99]);
    }

    private static long[] issues(Path folder, int warmup, int n, boolean paced) throws Exception {
        OfficeConfig config = OfficeConfigLoader.defaults().withDatabasePath(Files.createDirectories(folder).resolve("office.db"));
        MutableClock clock = new MutableClock(Instant.now());
        long[] lat = new long[n];
        try (OfficeDatabase db = OfficeDatabase.open(config.databasePath(), config.officeId());
             QueueEngine engine = new QueueEngine(config, db, clock)) {
            engine.execute(config.officeId(), 1, CommandAction.OPEN);
            engine.execute(config.officeId(), 4, CommandAction.OPEN);
            for (int i = 0; i < warmup + n; i++) {
                // 5 categories × 999 numbers a day: move to the next day before they run out
                if (i % 4_000 == 3_999) {
                    clock.advance(Duration.ofDays(1));
                }
                if (paced && !engine.awaitEstimates(Duration.ofSeconds(30))) {
                    throw new IllegalStateException("the waiting estimate did not catch up in 30 s");
                }
                String cat = CATS[i % CATS.length];
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
        }
        return lat;
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
