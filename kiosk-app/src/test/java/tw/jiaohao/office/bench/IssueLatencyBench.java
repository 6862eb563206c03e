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
        }
    }
}
