package tw.jiaohao.hardware.diagnostics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tw.jiaohao.hardware.HardwareException;
import tw.jiaohao.hardware.HardwareFactory;
import tw.jiaohao.hardware.config.HardwareConfig;
import tw.jiaohao.hardware.gpio.CallKey;
import tw.jiaohao.hardware.gpio.CallPad;
import tw.jiaohao.hardware.gpio.Lamp;
import tw.jiaohao.hardware.gpio.Rating;
import tw.jiaohao.hardware.gpio.RatingPad;
import tw.jiaohao.hardware.gpio.sim.SimulatedCallPad;
import tw.jiaohao.hardware.gpio.sim.SimulatedLamp;
import tw.jiaohao.hardware.gpio.sim.SimulatedRatingPad;
import tw.jiaohao.hardware.printing.PrintOutcome;
import tw.jiaohao.hardware.printing.PrinterStatus;
import tw.jiaohao.hardware.printing.TicketPrinter;
import tw.jiaohao.hardware.printing.TicketSlip;
import tw.jiaohao.hardware.printing.escpos.PrinterProfiles;
import tw.jiaohao.hardware.printing.usb.UsbDeviceInfo;
import tw.jiaohao.hardware.printing.usb.UsbPrinters;
import tw.jiaohao.process.Bugs;

/**
 * {@code bin/jiaohao hardware}: installer diagnostics on real or simulated devices.
 * Exit codes: 0 fine, 1 the device check failed, 2 bad usage or configuration.
 */
public final class HardwareMain {
    private static final String HELP = """
            usage: bin/jiaohao hardware <command> [options]

            commands:
              list-printers   list USB devices, printer-class devices marked, and the known printer profiles
              test-ticket     print a test ticket (A000) and report the outcome
              status          read the printer's status (paper, cover, errors)
              keys            echo call-pad and rating-pad key presses (Ctrl-D or 'q' ends)
              lamps           blink the rating lamps and the paper-low lamp, beep the buzzer

            options:
              --config FILE   properties file with hardware.*, printer.* and gpio.* keys (all optional)
              --simulated     use the simulators (same as hardware=simulated)
              --pi            use the real devices (same as hardware=pi)
              --out DIR       where the simulated printer writes page PNGs (printer.simulated.output-dir)
              --profile NAME  printer profile (printer.profile), one of %s
              --seconds N     how long keys / lamps run (default 30)
              --help          this text

            simulated keys: type a line with n (NEXT), r (RECALL), x (NO_SHOW), t (TRANSFER), or
            1-4 (非常滿意 / 滿意 / 普通 / 不滿意, the rating pad is armed for you); 'hold n' holds NEXT 2 s.
            """;

    private final PrintStream out;
    private final InputStream in;

    HardwareMain(PrintStream out, InputStream in) {
        this.out = out;
        this.in = in;
    }

    public static void main(String[] args) {
        Bugs.exitOnUncaught("hardware");
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "tw/jiaohao/hardware/diagnostics/logback-diagnostics.xml");
        }
        System.exit(new HardwareMain(System.out, System.in).run(args));
    }

    /** @return the exit code */
    int run(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        if (rest.isEmpty() || rest.contains("--help") || rest.contains("-h")) {
            out.printf(HELP, PrinterProfiles.all().keySet());
            return rest.isEmpty() ? 2 : 0;
        }
        String command = rest.remove(0);
        Properties props = new Properties();
        int seconds = 30;
        try {
            for (int i = 0; i < rest.size(); i++) {
                String a = rest.get(i);
                switch (a) {
                    case "--config" -> {
                        try (Reader r = Files.newBufferedReader(Path.of(value(rest, ++i, a)), StandardCharsets.UTF_8)) {
                            Properties file = new Properties();
                            file.load(r);
                            file.forEach(props::putIfAbsent);
                        }
                    }
                    case "--simulated" -> props.setProperty("hardware", "simulated");
                    case "--pi" -> props.setProperty("hardware", "pi");
                    case "--out" -> props.setProperty("printer.simulated.output-dir", value(rest, ++i, a));
                    case "--profile" -> props.setProperty("printer.profile", value(rest, ++i, a));
                    case "--seconds" -> seconds = Integer.parseInt(value(rest, ++i, a));
                    default -> throw new IllegalArgumentException("unknown option '" + a + "' (see --help)");
                }
            }
            HardwareConfig config = HardwareConfig.from(props);
            try (HardwareFactory factory = new HardwareFactory(config)) {
                return switch (command) {
                    case "list-printers" -> listPrinters();
                    case "test-ticket" -> testTicket(factory);
                    case "status" -> status(factory);
                    case "keys" -> keys(factory, seconds);
                    case "lamps" -> lamps(factory, seconds);
                    default -> {
                        out.println("unknown command '" + command + "' (see --help)");
                        yield 2;
                    }
                };
            }
        } catch (IllegalArgumentException | HardwareException | IOException e) {
            out.println("error: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private int listPrinters() {
        List<UsbDeviceInfo> devices = UsbPrinters.list();
        out.println("USB devices: " + (devices.isEmpty() ? "none" : devices.size()));
        devices.forEach(d -> out.println("  " + d));
        if (devices.stream().noneMatch(UsbDeviceInfo::printerClass)) {
            out.println("no printer found (no device with USB class 7); set printer.usb.vendor-id / product-id if "
                    + "your printer reports another class");
        }
        out.println("printer profiles:");
        PrinterProfiles.all().values().forEach(p -> out.println("  " + p.name() + ": " + p.description()));
        return 0;
    }

    private int testTicket(HardwareFactory factory) {
        TicketPrinter printer = factory.printer();
        out.println("printer: " + printer.describe());
        TicketSlip slip = new TicketSlip("叫號 測試 Jiaohao test", "A000", "測試/test", Instant.now(),
                ZoneId.of("Asia/Taipei"), 0, 0, "https://github.com/", "測試票 — test ticket, not valid for service");
        PrintOutcome outcome = printer.print(slip);
        if (outcome instanceof PrintOutcome.Failed f) {
            out.println("FAILED [" + f.reason().code() + "] " + f.message());
            return 1;
        }
        PrintOutcome.Printed p = (PrintOutcome.Printed) outcome;
        out.println("printed " + p.document() + ": " + p.bytes() + " bytes in " + p.took().toMillis() + " ms; printer "
                + p.after().state().code());
        if (factory.config().mode() == HardwareConfig.Mode.SIMULATED) {
            out.println("page image: " + factory.config().simulatedOutput().resolve(
                    String.format("page-%04d.png", factory.simulatedPrinter().lastPage().number())));
        }
        return 0;
    }

    private int status(HardwareFactory factory) {
        PrinterStatus s = factory.printer().status();
        out.println(s.device() + ": " + s.state().code() + " - " + s.message());
        return s.canPrint() ? 0 : 1;
    }

    private int keys(HardwareFactory factory, int seconds) throws InterruptedException, IOException {
        CallPad call = factory.callPad();
        RatingPad rating = factory.ratingPad();
        call.addListener(e -> out.println("call-pad " + e.key() + " " + e.action()
                + (e.held().isZero() ? "" : " (" + e.held().toMillis() + " ms)")));
        rating.addListener(r -> out.println("rating-pad " + r + " " + r.label()));
        rating.arm(Duration.ofSeconds(Math.max(1, Math.min(600, seconds))));
        if (call instanceof SimulatedCallPad simCall && rating instanceof SimulatedRatingPad simRating) {
            out.println("type n / r / x / t, 1-4, 'hold n', or q to quit");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, CallKey> callKeys = Map.of("n", CallKey.NEXT, "r", CallKey.RECALL, "x", CallKey.NO_SHOW,
                    "t", CallKey.TRANSFER);
            for (String line; (line = reader.readLine()) != null && !line.strip().equals("q"); ) {
                String s = line.strip();
                if (s.startsWith("hold ") && callKeys.containsKey(s.substring(5).strip())) {
                    simCall.hold(callKeys.get(s.substring(5).strip()), Duration.ofSeconds(2));
                } else if (callKeys.containsKey(s)) {
                    simCall.press(callKeys.get(s));
                } else if (s.matches("[1-4]")) {
                    if (!simRating.isArmed()) {
                        simRating.arm(Duration.ofSeconds(30));
                    }
                    simRating.press(Rating.values()[Integer.parseInt(s) - 1]);
                } else if (!s.isEmpty()) {
                    out.println("? " + s);
                }
            }
            // let the last tap finish on the GPIO thread before closing
            CountDownLatch settled = new CountDownLatch(1);
            factory.scheduler().schedule(settled::countDown, SimulatedCallPad.TAP.plusMillis(100));
            settled.await(2, TimeUnit.SECONDS);
        } else {
            out.println("press keys on the pads; listening for " + seconds + " s");
            new CountDownLatch(1).await(seconds, TimeUnit.SECONDS);
        }
        return 0;
    }

    private int lamps(HardwareFactory factory, int seconds) throws InterruptedException {
        RatingPad rating = factory.ratingPad();
        Lamp paperLow = factory.paperLowLamp();
        if (paperLow instanceof SimulatedLamp sim) {
            sim.watch((name, on) -> out.println("lamp " + name + (on ? " ON" : " off")));
        }
        if (rating instanceof SimulatedRatingPad simRating) {
            for (Rating r : Rating.values()) {
                simRating.lamp(r).watch((name, on) -> out.println("lamp " + name + (on ? " ON" : " off")));
            }
        }
        factory.buzzer().beep(Duration.ofMillis(200));
        out.println("blinking lamps for " + seconds + " s");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        boolean on = false;
        while (System.nanoTime() < end) {
            on = !on;
            if (on) {
                rating.arm(Duration.ofSeconds(1));
            } else {
                rating.disarm();
            }
            paperLow.set(on);
            CountDownLatch tick = new CountDownLatch(1);
            tick.await(500, TimeUnit.MILLISECONDS); // pacing the blink for a human, not waiting for a condition
        }
        rating.disarm();
        paperLow.off();
        return 0;
    }
}
