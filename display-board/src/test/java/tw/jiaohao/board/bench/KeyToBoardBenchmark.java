package tw.jiaohao.board.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import tw.jiaohao.board.DisplayConfig;
import tw.jiaohao.board.counter.CounterUnit;
import tw.jiaohao.board.fx.Fx;
import tw.jiaohao.board.testing.Configs;
import tw.jiaohao.board.testing.RealOffice;
import tw.jiaohao.board.wall.WallBoard;
import tw.jiaohao.hardware.gpio.CallKey;
import tw.jiaohao.hardware.gpio.ExecutorGpioScheduler;
import tw.jiaohao.hardware.gpio.KeyAction;
import tw.jiaohao.hardware.gpio.KeyTiming;
import tw.jiaohao.hardware.gpio.sim.SimulatedCallPad;
import tw.jiaohao.protocol.counter.CommandAction;

/**
 * Counter key press → wall board shows the call, through a real broker (Mosquitto on
 * 127.0.0.1:1883 by default) and kiosk-app's real office node (SQLite, synchronous=FULL):
 * simulated call pad (real debouncer, 30 ms) → counter unit → CALL_NEXT command → office node
 * → retained snapshot → wall board → label text in the scene graph. Prints p50/p90/p99/max
 * from the debounced key event and from the key contact (debounce included).
 *
 * <p>Run: {@code ./mvnw -B -q -pl display-board test-compile exec:exec@bench}
 * (arguments: {@code -Dbench.broker=tcp://127.0.0.1:1883 -Dbench.calls=300}).
 */
public final class KeyToBoardBenchmark {
    private KeyToBoardBenchmark() {
    }

    public static void main(String[] args) {
        try {
            run();
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        String broker = System.getProperty("bench.broker", "tcp://127.0.0.1:1883");
        int calls = Integer.getInteger("bench.calls", 300);
        int warmup = Integer.getInteger("bench.warmup", 50);
        String officeId = "bench-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Fx.startToolkit();
        RealOffice office = new RealOffice(broker, officeId, Clock.systemUTC());
        ExecutorGpioScheduler gpio = new ExecutorGpioScheduler();
        SimulatedCallPad pad = new SimulatedCallPad(KeyTiming.defaults(), gpio);
        long[] keyEventAt = new long[1];
        java.util.concurrent.Semaphore released = new java.util.concurrent.Semaphore(0);
        pad.addListener(e -> {
            if (e.action() == KeyAction.PRESSED) {
                keyEventAt[0] = System.nanoTime();
            } else if (e.action() == KeyAction.RELEASED) {
                released.release();
            }
        });
        CounterUnit counter = new CounterUnit(Configs.of(DisplayConfig.Role.COUNTER_UNIT, broker, officeId, 1), Clock.systemUTC(), pad, null, gpio);
        WallBoard board = new WallBoard(Configs.of(DisplayConfig.Role.WALL_BOARD, broker, officeId, null), Clock.systemUTC(), null);
        BlockingQueue<long[]> shown = new ArrayBlockingQueue<>(10);
        Platform.runLater(() -> {
            for (javafx.scene.Parent root : new javafx.scene.Parent[] {board.view().root(), counter.view().root()}) {
                Stage stage = new Stage();
                Scene scene = new Scene(root);
                Fx.style(scene);
                stage.setScene(scene);
                stage.show();
            }
            Label newest = (Label) board.view().root().lookup("#newest-number");
            newest.textProperty().addListener((obs, old, now) -> shown.offer(new long[] {System.nanoTime()}));
        });
        board.start();
        counter.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(board.link().isConnected() && counter.link().isConnected())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not connect to " + broker);
            }
            Thread.onSpinWait();
        }
        int total = warmup + calls;
        office.issue("A", Math.min(total, 999));
        if (total > 999) {
            office.issue("B", total - 999);
        }
        long[] fromEvent = new long[calls];
        long[] fromContact = new long[calls];
        long[] toBroker = new long[calls];
        long[] officeNode = new long[calls];
        long[] afterBroker = new long[calls];
        long[] engine = new long[calls];
        for (int i = 0; i < total; i++) {
            shown.clear();
            long contact = System.nanoTime();
            pad.press(CallKey.NEXT);
            long[] at = shown.poll(10, TimeUnit.SECONDS);
            if (at == null) {
                throw new IllegalStateException("call " + i + " never reached the board");
            }
            if (i >= warmup) {
                fromEvent[i - warmup] = at[0] - keyEventAt[0];
                fromContact[i - warmup] = at[0] - contact;
                toBroker[i - warmup] = office.lastCommandSeenNanos() - keyEventAt[0];
                officeNode[i - warmup] = office.lastStateSeenNanos() - office.lastCommandSeenNanos();
                afterBroker[i - warmup] = at[0] - office.lastStateSeenNanos();
            }
            // the simulated finger lifts after 120 ms; the next press needs the key up again
            if (!released.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the NEXT key never came up");
            }
            long before = System.nanoTime();
            office.execute(1, CommandAction.NO_SHOW);
            if (i >= warmup) {
                engine[i - warmup] = System.nanoTime() - before;
            }
            long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (counter.controller().current() != null && System.nanoTime() < wait) {
                Thread.onSpinWait();
            }
        }
        System.out.printf("key→board over %s, %d calls after %d warm-up, office node on SQLite (FULL)%n", broker, calls, warmup);
        report("debounced key event → board label", fromEvent);
        report("key contact → board label (incl. 30 ms debounce)", fromContact);
        // The breakdown is timed by a wiretap client whose own delivery order varies: p50 only.
        System.out.printf("  breakdown (p50): key event → command on the broker %.2f ms; command → snapshot on the broker"
                        + " (office node) %.2f ms; snapshot → board label %.2f ms%n",
                ms(sorted(toBroker), 0.5), ms(sorted(officeNode), 0.5), ms(sorted(afterBroker), 0.5));
        report("for comparison: the queue engine's own NO_SHOW (in process)", engine);
        counter.close();
        board.close();
        office.close();
        gpio.close();
        Platform.exit();
        System.exit(0);
    }

    private static void report(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf("  %-50s p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n", what,
                ms(s, 0.50), ms(s, 0.90), ms(s, 0.99), s[s.length - 1] / 1e6);
    }

    private static long[] sorted(long[] a) {
        long[] s = a.clone();
        Arrays.sort(s);
        return s;
    }

    private static double ms(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }
}
