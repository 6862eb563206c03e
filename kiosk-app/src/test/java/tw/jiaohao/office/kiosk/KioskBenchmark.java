package tw.jiaohao.office.kiosk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;

/**
 * Benchmark: a touch on a category → the ticket number on screen (the pulse that renders it),
 * through the real engine (durable SQLite commit), QR generation and the simulated printer;
 * then the process's resident memory after N tickets. Headless Monocle, software rendering.
 * Command and figures: docs/BENCHMARKS.md, section "kiosk". Argument: tickets (default 1000).
 */
public final class KioskBenchmark {
    private KioskBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int warmup = 50;
        KioskDriver.headless(1280, 800);
        Path dir = Files.createTempDirectory("kiosk-bench");
        List<String> codes = List.of("A", "B", "C", "D", "P");
        long[] micros = new long[tickets];
        try (KioskDriver d = new KioskDriver(dir, new Properties(), 1280, 800)) {
            for (int i = 0; i < tickets + warmup; i++) {
                String code = codes.get(i % codes.size());
                long took = touchAndWaitForNumber(d, code);
                if (i >= warmup) {
                    micros[i - warmup] = took;
                }
                d.waitUntil(() -> d.ui.metrics().ticketsPrinted() + d.ui.metrics().printFailures() == d.ui.metrics().ticketsShown());
                d.fire("#done");
                d.advance(Duration.ofSeconds(1));
            }
            Arrays.sort(micros);
            System.gc();
            Thread.sleep(500);
            long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            System.out.printf("kiosk touch → number on screen, %d tickets (after %d warm-up): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    tickets, warmup, micros[tickets / 2] / 1000.0, micros[(int) Math.ceil(tickets * 0.99) - 1] / 1000.0,
                    micros[tickets - 1] / 1000.0);
            System.out.printf("after %d tickets: RSS %d MB, heap used %d MB (max heap %d MB), printed %d, failures %d%n",
                    tickets + warmup, rssKb() / 1024, heap / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                    d.ui.metrics().ticketsPrinted(), d.ui.metrics().printFailures());
        }
        Platform.exit();
    }

    /** Fires the category button on the JavaFX thread and returns µs until the pulse that lays out the new number. */
    private static long touchAndWaitForNumber(KioskDriver d, String code) throws Exception {
        CompletableFuture<Long> shown = new CompletableFuture<>();
        long before = d.ui.metrics().ticketsShown();
        d.onFx(() -> {
            var scene = d.stage.getScene();
            long[] t0 = new long[1];
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                if (d.ui.metrics().ticketsShown() > before && d.ui.screen() == KioskUi.Screen.TICKET
                        && ((Labeled) scene.lookup("#ticket-number")).getText().startsWith(code)) {
                    shown.complete((System.nanoTime() - t0[0]) / 1000);
                    scene.removePostLayoutPulseListener(listener[0]);
                }
            };
            scene.addPostLayoutPulseListener(listener[0]);
            t0[0] = System.nanoTime();
            ((Button) scene.lookup("#category-" + code)).fire();
            return null;
        });
        return shown.get(10, TimeUnit.SECONDS);
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
