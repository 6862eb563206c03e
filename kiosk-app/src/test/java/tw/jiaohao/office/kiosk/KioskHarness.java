package tw.jiaohao.office.kiosk;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tw.jiaohao.hardware.HardwareFactory;
import tw.jiaohao.hardware.config.HardwareConfig;
import tw.jiaohao.hardware.printing.sim.SimulatedPrinter;
import tw.jiaohao.office.testing.MutableClock;
import tw.jiaohao.office.testing.TestOffice;

/**
 * A whole kiosk for tests: the real queue engine on a SQLite file, the hardware module's
 * simulated printer behind the real ESC/POS printer, a recording hub link, manual timers.
 */
final class KioskHarness implements AutoCloseable {
    /** 10:00 in Taipei on a Monday. */
    static final Instant START = Instant.parse("2026-03-02T02:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final TestOffice office;
    final HardwareFactory hardware;
    final SimulatedPrinter device;
    final RecordingHubLink hub = new RecordingHubLink();
    final ManualTimers timers = new ManualTimers();
    final ExecutorService engineThread = Executors.newSingleThreadExecutor(r -> daemon(r, "kiosk-engine"));
    final ExecutorService printerThread = Executors.newSingleThreadExecutor(r -> daemon(r, "kiosk-printer"));
    final GateExecutor engine = new GateExecutor(engineThread);
    final KioskSettings settings;
    final ThreadRecorder callers = new ThreadRecorder();

    KioskHarness(Path dir, Properties kioskKeys) {
        this(dir, kioskKeys, "");
    }

    /** A kiosk whose office has these configuration keys (properties syntax) over the defaults. */
    KioskHarness(Path dir, Properties kioskKeys, String officeKeys) {
        office = new TestOffice(TestOffice.config(dir, officeKeys), clock);
        Properties hw = new Properties();
        hw.setProperty("hardware", "simulated");
        hw.setProperty("printer.simulated.output-dir", dir.resolve("paper").toString());
        hardware = new HardwareFactory(HardwareConfig.from(hw));
        device = hardware.simulatedPrinter();
        settings = KioskSettings.from(kioskKeys).withFullScreen(false);
    }

    KioskHarness(Path dir) {
        this(dir, new Properties());
    }

    /** Builds the screen (JavaFX thread). */
    KioskUi newUi() {
        return new KioskUi(callers.queue(new OfficeServiceQueue(office.engine)),
                callers.printer(new TicketPrinterAdapter(hardware.printer())), hub, settings, timers, clock, engine, printerThread);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        engineThread.shutdownNow();
        printerThread.shutdownNow();
        hardware.close();
        office.close();
    }
}
