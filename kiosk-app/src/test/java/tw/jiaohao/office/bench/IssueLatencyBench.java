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
 * <p>The bare commits are interleaved with the issues: one after each issue (and its counter's
 * commands), after the same wait as the issue, so load and the node's own threads hit both alike.
 * A commit's cost on a shared virtual disk depends on what ran just before it (docs/BENCHMARKS.md,
 * issue 11), so bare commits in a tight loop of their own — the reference before — are printed
 * too, but they are not the reference.
 *
 * <p>The queue is kept at a busy office's length: once 100 tickets wait, a counter calls one and
 * marks it a no-show (unmeasured) after each issue. Two rhythms:
 * <ul>
 * <li><b>at an office's pace</b> (the target): before each measured issue the node has finished the
 *     work that follows a change (the waiting estimate's round for the newest state, a WAL
 *     checkpoint when one was due) and been quiet for 5 ms, as it is in an office, where changes
 *     come seconds apart;</li>
 * <li><b>back to back</b>: each issue right after the previous change, so its waiting estimate is
 *     never ready and the issue forecasts its own category (≈ 2.5 ms of CPU): a burst.</li>
 * </ul>
 * Fresh database files in the working directory's {@code target/} (a real disk, not tmpfs).
 *
 * <p>Arguments: measured issues per rhythm (default 2000).
 */
public final class IssueLatencyBench {
    private static final String[] CATS = {"A", "B", "C", "D", "P"};
    private static final Duration QUIET = Duration.ofMillis(5);

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int warmup = Math.max(500, n / 4);
        Path dir = Files.createTempDirectory(Path.of("target"), "bench-issue");
        // back to back first: its issues also warm the JIT for the paced run in the same JVM
        Run burst = issues(dir.resolve("burst"), warmup, n, false);
        Run paced = issues(dir.resolve("paced"), warmup, n, true);
        long[] loop = bareCommits(dir.resolve("bare-loop.db"), warmup, n);
        System.out.println("issue at an office's pace (durable, WAL + synchronous=FULL): " + Percentiles.of(paced.issue));
        System.out.println("bare one-row commit, same disk, after each (WAL + FULL):    " + Percentiles.of(paced.bare));
        System.out.printf("  issues whose COMMIT also checkpointed the WAL: %d of %d; also started the WAL again: %d%n", paced.checkpointed, n, paced.restarted);
        System.out.println("  the issuing thread's CPU time, issue: " + Percentiles.of(paced.issueCpu));
        System.out.println("  the same, bare commit:                " + Percentiles.of(paced.bareCpu));
        System.out.println("issue back to back        (durable, WAL + synchronous=FULL): " + Percentiles.of(burst.issue));
        System.out.println("bare one-row commit, same disk, after each (WAL + FULL):    " + Percentiles.of(burst.bare));
        System.out.printf("  issues whose COMMIT also checkpointed the WAL: %d of %d; also started the WAL again: %d%n", burst.checkpointed, n, burst.restarted);
        System.out.println("bare one-row commits in a loop of their own (not the reference): " + Percentiles.of(loop));
        ratio("issue at an office's pace ÷ bare commit", paced.issue, paced.bare);
        ratio("issue back to back ÷ bare commit", burst.issue, burst.bare);
        ratio("(for comparison only) issue at an office's pace ÷ bare commits in a loop", paced.issue, loop);
    }

    /** One rhythm's issue latencies and the bare commits interleaved with them. */
    private record Run(long[] issue, long[] bare, long[] issueCpu, long[] bareCpu, int checkpointed, int restarted) {
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** What an issue's COMMIT did besides its own pages: copied the WAL into the database file (a checkpoint), started the WAL again (a new header, synced). */
    private record WalLook(java.nio.file.attribute.FileTime dbWritten, int walRound) {
        static WalLook of(Path db) throws java.io.IOException {
            java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(16);
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(Path.of(db + "-wal"))) {
                ch.read(header, 0);
            }
            return new WalLook(Files.getLastModifiedTime(db), header.getInt(12)); // the WAL header's checkpoint sequence
        }
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

    private static Run issues(Path folder, int warmup, int n, boolean paced) throws Exception {
        OfficeConfig config = OfficeConfigLoader.defaults().withDatabasePath(Files.createDirectories(folder).resolve("office.db"));
        MutableClock clock = new MutableClock(Instant.now());
        long[] lat = new long[n];
        long[] bareLat = new long[n];
        long[] cpu = new long[n];
        long[] bareCpu = new long[n];
        int checkpointed = 0;
        int restarted = 0;
        try (OfficeDatabase db = OfficeDatabase.open(config.databasePath(), config.officeId());
             QueueEngine engine = new QueueEngine(config, db, clock);
             Bare bare = new Bare(folder.resolve("bare.db"))) {
            engine.execute(config.officeId(), 1, CommandAction.OPEN);
            engine.execute(config.officeId(), 4, CommandAction.OPEN);
            for (int i = 0; i < warmup + n; i++) {
                // 5 categories × 999 numbers a day: move to the next day before they run out
                if (i % 4_000 == 3_999) {
                    clock.advance(Duration.ofDays(1));
                }
                if (paced) {
                    settle(engine);
                }
                String cat = CATS[i % CATS.length];
                WalLook before = WalLook.of(config.databasePath());
                long c0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                engine.issue(cat);
                long t1 = System.nanoTime();
                long c1 = THREADS.getCurrentThreadCpuTime();
                WalLook after = WalLook.of(config.databasePath());
                if (i >= 100) {
                    int counter = cat.equals("C") || cat.equals("D") ? 4 : 1;
                    engine.execute(config.officeId(), counter, CommandAction.CALL_NEXT);
                    engine.execute(config.officeId(), counter, CommandAction.NO_SHOW);
                }
                // the reference in the same conditions: after the same wait, among the same node's threads
                if (paced) {
                    settle(engine);
                }
                long bc0 = THREADS.getCurrentThreadCpuTime();
                long b = bare.commit(i);
                long bc1 = THREADS.getCurrentThreadCpuTime();
                if (i >= warmup) {
                    lat[i - warmup] = t1 - t0;
                    cpu[i - warmup] = c1 - c0;
                    bareCpu[i - warmup] = bc1 - bc0;
                    checkpointed += after.dbWritten().equals(before.dbWritten()) ? 0 : 1;
                    restarted += after.walRound() == before.walRound() ? 0 : 1;
                    bareLat[i - warmup] = b;
                }
            }
        }
        return new Run(lat, bareLat, cpu, bareCpu, checkpointed, restarted);
    }

    /**
     * An office's pace: the work after a change is done (the waiting estimate's round for the newest
     * state, a WAL checkpoint when one was due), and then the node stays quiet for {@link #QUIET} (the
     * snapshot built after the round, the high-water mark), as it is between changes seconds apart.
     * Both the issue and its bare commit start after this.
     */
    private static void settle(QueueEngine engine) throws InterruptedException {
        if (!engine.awaitQuiet(Duration.ofSeconds(30))) {
            throw new IllegalStateException("the node's work after a change was not done in 30 s");
        }
        Thread.sleep(QUIET.toMillis());
    }

    /** The physical limit on this disk: one row inserted and committed in a file of its own, WAL and synchronous=FULL like the office database. */
    private static final class Bare implements AutoCloseable {
        private final java.sql.Connection c;
        private final java.sql.PreparedStatement insert;

        Bare(Path file) throws java.sql.SQLException {
            c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            }
            c.setAutoCommit(false);
            insert = c.prepareStatement("INSERT INTO t (v) VALUES (?)");
            // past the first automatic checkpoint (1,000 frames), as the office's file is after its
            // warm-up: from then on commits reuse the -wal file instead of growing it, which costs more
            for (int i = 0; i < 1_100; i++) {
                commit(-1);
            }
        }

        /** Nanoseconds to insert one row and commit it. */
        long commit(int i) throws java.sql.SQLException {
            long t0 = System.nanoTime();
            insert.setString(1, "row " + i);
            insert.executeUpdate();
            c.commit();
            return System.nanoTime() - t0;
        }

        @Override
        public void close() throws java.sql.SQLException {
            insert.close();
            c.close();
        }
    }

    /** Bare commits one after the other with nothing between them: the reference before 2026-12-04 evening, printed for comparison. */
    private static long[] bareCommits(Path file, int warmup, int n) throws java.sql.SQLException {
        long[] lat = new long[n];
        try (Bare bare = new Bare(file)) {
            for (int i = 0; i < warmup + n; i++) {
                long t = bare.commit(i);
                if (i >= warmup) {
                    lat[i - warmup] = t;
                }
            }
        }
        return lat;
    }
}
