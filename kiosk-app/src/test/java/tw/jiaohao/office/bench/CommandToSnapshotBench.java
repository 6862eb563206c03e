package tw.jiaohao.office.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import tw.jiaohao.office.testing.MutableClock;
import java.time.Duration;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.messaging.Backoff;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.state.StateSnapshot;
import tw.jiaohao.office.testing.MosquittoProcess;
import tw.jiaohao.office.testing.TestClient;

/**
 * Counter command → new state snapshot at a subscriber, through a real broker (default
 * Mosquitto at tcp://127.0.0.1:1883; first argument overrides). A counter unit publishes a
 * command (MQTT 5 request); the office node executes it (durable commit), builds the
 * snapshot and publishes it retained; a board subscribed to the state topic receives it. The
 * time is from the command's publish to the board's receipt of a snapshot with a higher seq.
 * Target p99 ≤ 15 ms. With {@code own-mosquitto} as first argument the bench starts its own
 * Mosquitto child process configured as an office broker should be ({@code set_tcp_nodelay true}).
 */
public final class CommandToSnapshotBench {
    public static void main(String[] args) throws Exception {
        MosquittoProcess own = args.length > 0 && args[0].equals("own-mosquitto")
                ? MosquittoProcess.start(Files.createTempDirectory(Path.of("target"), "bench-mosquitto")) : null;
        String broker = own != null ? own.url() : args.length > 0 ? args[0] : "tcp://127.0.0.1:1883";
        int warmup = 300;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Path dir = Files.createTempDirectory(Path.of("target"), "bench-cmd");
        String office = "bench-" + ProcessHandle.current().pid();
        OfficeConfig config = OfficeConfigLoader.defaults().withOffice(office, dir.resolve("office.db")).withBrokerUrl(broker);
        JsonCodec codec = new JsonCodec();
        MutableClock clock = new MutableClock(java.time.Instant.now());
        try (OfficeNode node = OfficeNode.start(config, clock, Backoff.DEFAULT);
             TestClient board = new TestClient(broker, "bench-board-" + office, false);
             TestClient counter = new TestClient(broker, "bench-counter-" + office, false)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!node.link().isConnected() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            board.subscribe(Topics.state(office));
            String topic = Topics.counterCommand(office, 3);
            counter.request(topic, CounterCommand.of(office, 3, CommandAction.OPEN));
            long[] lat = new long[n];
            long lastSeq = node.engine().lastSeq();
            String[] cats = {"A", "B"};
            for (int i = 0; i < warmup + n; i++) {
                if (i % 1_900 == 1_899) {
                    clock.advance(Duration.ofDays(1)); // 999 numbers per category and day
                }
                node.service().issue(cats[i % 2]);
                lastSeq = drainTo(board, codec, lastSeq + 1);
                CommandAction action = CommandAction.CALL_NEXT;
                for (int step = 0; step < 2; step++) {
                    long t0 = System.nanoTime();
                    counter.publish(topic, codec.encode(CounterCommand.of(office, 3, action)), counter.replyTopic(),
                            Long.toString(i * 2L + step).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    long tp = System.nanoTime();
                    lastSeq = drainTo(board, codec, lastSeq + 1);
                    long t1 = System.nanoTime();
                    if (System.getenv("BENCH_DEBUG") != null && i % 100 == 0) {
                        System.out.printf("publish %.2f ms, then snapshot %.2f ms%n", (tp - t0) / 1e6, (t1 - tp) / 1e6);
                    }
                    if (i >= warmup && step == 0) {
                        lat[i - warmup] = t1 - t0;
                    }
                    action = CommandAction.NO_SHOW;
                }
            }
            System.out.println("counter command → state snapshot at a subscriber via " + broker
                    + (own != null ? " (own Mosquitto, set_tcp_nodelay true)" : "") + ": " + Percentiles.of(lat));
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    /** Waits until the board receives a snapshot with seq ≥ {@code want}; returns its seq. */
    private static long drainTo(TestClient board, JsonCodec codec, long want) {
        while (true) {
            TestClient.Received r = board.poll(Duration.ofSeconds(10));
            if (r == null) {
                throw new IllegalStateException("no snapshot with seq ≥ " + want + " within 10 s");
            }
            StateSnapshot s = codec.decodeOrThrow(r.payload(), StateSnapshot.class);
            if (s.seq() >= want) {
                return s.seq();
            }
        }
    }
}
