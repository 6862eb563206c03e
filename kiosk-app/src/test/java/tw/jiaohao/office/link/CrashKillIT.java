package tw.jiaohao.office.link;

import tw.jiaohao.messaging.Backoff;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.office.testing.Await;
import tw.jiaohao.office.testing.CrashLoadMain;
import tw.jiaohao.office.testing.EmbeddedBroker;
import tw.jiaohao.office.testing.EventCollector;
import tw.jiaohao.office.testing.TestClient;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.device.DeviceStatus;

/**
 * The office node as a child JVM, killed with SIGKILL at random moments while it issues and
 * calls tickets, then restarted on the same database: no number reused, no committed event
 * lost, seq gap-free.
 */
class CrashKillIT {
    static final int KILLS = 20;
    static final Duration T = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private record Run(Process process, ConcurrentLinkedQueue<String> lines, CountDownLatch ready) {
    }

    private Run launch(Path db, String broker) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CrashLoadMain.class.getName(), db.toString(), broker);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.equals("READY")) {
                        ready.countDown();
                    } else if (line.startsWith("ISSUED ") || line.startsWith("CALLED ")) {
                        lines.add(line);
                    }
                }
            } catch (java.io.IOException e) {
                // the child was killed mid-line
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new Run(p, lines, ready);
    }

    @Test
    void killedTwentyTimes_midStream_noNumberReused_noCommittedEventLost_seqGapFree() throws Exception {
        JsonCodec codec = new JsonCodec();
        Random random = new Random();
        Path db = dir.resolve("crash.db");
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"));
             TestClient hub = new TestClient(broker.url(), "crash-hub", true).subscribe(Topics.event("crash-office"));
             TestClient watcher = new TestClient(broker.url(), "crash-watch", false)
                     .subscribe(Topics.deviceStatus("crash-office", "office-node"))) {
            List<String> issued = new ArrayList<>();
            for (int i = 0; i < KILLS; i++) {
                Run run = launch(db, broker.url());
                assertThat(run.ready().await(60, TimeUnit.SECONDS)).as("child %d started", i).isTrue();
                if (i == 0) {
                    watcher.await(m -> codec.decodeOrThrow(m.payload(), DeviceStatus.class).online(), T);
                }
                // let it work for a random moment, then SIGKILL
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100 + random.nextInt(600));
                Await.until("the child issued something", T, () -> !run.lines().isEmpty() && System.nanoTime() > until);
                run.process().destroyForcibly();
                assertThat(run.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(run.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);
                run.lines().stream().filter(l -> l.startsWith("ISSUED ")).map(l -> l.split(" ")[1]).forEach(issued::add);
                if (i == 0) {
                    // the broker announces the vanished node offline (its last will, retained)
                    watcher.await(m -> !codec.decodeOrThrow(m.payload(), DeviceStatus.class).online(), T);
                }
            }
            Set<String> distinct = new HashSet<>(issued);
            assertThat(distinct).as("no ticket number handed out twice across %d crashes", KILLS).hasSameSizeAs(issued);
            assertThat(issued.size()).isGreaterThan(KILLS);

            // restart once more on the same file: the outbox delivers whatever the kills left unsent
            OfficeConfig config = OfficeConfigLoader.defaults().withOffice("crash-office", db).withBrokerUrl(broker.url());
            try (OfficeNode node = OfficeNode.start(config, Clock.systemUTC(), new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)))) {
                long last = node.engine().lastSeq();
                assertThat(node.engine().range(1, last, Integer.MAX_VALUE)).as("seq gap-free in the store").hasSize((int) last)
                        .extracting(e -> e.seq()).startsWith(1L).endsWith(last);
                Await.until("the outbox drained", T, () -> node.engine().pendingCount() == 0);
                EventCollector seen = new EventCollector();
                Await.until("every committed event reached the subscriber", T, () -> {
                    seen.drain(hub, Duration.ofMillis(50));
                    return seen.distinct() == last;
                }, () -> seen.distinct() + " of " + last);
                assertThat(seen.distinctInOrder()).containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, last).boxed().toList());
                // every number a child printed was committed
                for (String id : issued) {
                    assertThat(node.engine().rate(id, tw.jiaohao.protocol.event.Rating.SATISFIED).code())
                            .as("ticket %s exists", id).isNotEqualTo(tw.jiaohao.protocol.counter.ReplyCode.UNKNOWN_TICKET);
                }
            }
        }
    }
}
