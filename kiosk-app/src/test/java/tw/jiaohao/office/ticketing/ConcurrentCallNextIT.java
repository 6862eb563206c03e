package tw.jiaohao.office.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.testing.MutableClock;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.ReplyCode;

class ConcurrentCallNextIT {
    static final int COUNTERS = 8;
    // 2,000 calls raced by 8 counters is ~250 contended calls each: enough to meet any lost update,
    // at a fifth of the fsyncs (each issue, call and no-show is one durable commit)
    static final int TICKETS = 2_000;
    static final String CATEGORIES = "A,B,C,D,E,F,G,H,I,J,K,L";

    @TempDir
    Path dir;

    @Test
    void eightCounters_callingConcurrently_twoThousandCalls_neverGetTheSameTicket() throws Exception {
        StringBuilder p = new StringBuilder("categories=" + CATEGORIES + "\ncounters=1,2,3,4,5,6,7,8\n");
        for (String c : CATEGORIES.split(",")) {
            p.append("category.").append(c).append(".name.zh=類別").append(c).append('\n')
                    .append("category.").append(c).append(".name.en=Category ").append(c).append('\n')
                    .append("category.").append(c).append(".priority=").append(c.equals("A")).append('\n')
                    .append("category.").append(c).append(".service-minutes=5\n");
        }
        for (int k = 1; k <= COUNTERS; k++) {
            // every counter serves every category, each in a different order
            List<String> serves = new ArrayList<>(List.of(CATEGORIES.split(",")));
            java.util.Collections.rotate(serves, k);
            p.append("counter.").append(k).append(".name=").append(k).append("號櫃台\n")
                    .append("counter.").append(k).append(".serves=").append(String.join(",", serves)).append('\n');
        }
        MutableClock clock = MutableClock.at("2026-11-22T01:00:00Z");
        try (TestOffice office = new TestOffice(TestOffice.config(dir, p.toString()), clock)) {
            String[] cats = CATEGORIES.split(",");
            for (int i = 0; i < TICKETS; i++) {
                office.engine.issue(cats[i % cats.length]);
            }
            ConcurrentLinkedQueue<String> called = new ConcurrentLinkedQueue<>();
            CyclicBarrier start = new CyclicBarrier(COUNTERS);
            ExecutorService pool = Executors.newFixedThreadPool(COUNTERS);
            List<Future<Integer>> results = new ArrayList<>();
            for (int k = 1; k <= COUNTERS; k++) {
                int counter = k;
                results.add(pool.submit(() -> {
                    office.command(counter, CommandAction.OPEN);
                    start.await();
                    int calls = 0;
                    while (true) {
                        CommandReply r = office.command(counter, CommandAction.CALL_NEXT);
                        if (r.code() == ReplyCode.NOBODY_WAITING) {
                            return calls;
                        }
                        assertThat(r.code()).as(r.message()).isEqualTo(ReplyCode.OK);
                        called.add(r.ticket().ticketId());
                        calls++;
                        assertThat(office.command(counter, CommandAction.NO_SHOW).ok()).isTrue();
                    }
                }));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(3, TimeUnit.MINUTES)).isTrue();
            int total = 0;
            for (Future<Integer> f : results) {
                int n = f.get();
                assertThat(n).as("every counter got calls").isPositive();
                total += n;
            }
            assertThat(total).isEqualTo(TICKETS);
            Set<String> distinct = new HashSet<>(called);
            assertThat(distinct).hasSize(TICKETS);
            // every ticket issued, called and marked no-show: three events each, gap-free
            assertThat(office.engine.lastSeq()).isEqualTo(3L * TICKETS);
        }
    }
}
