package tw.jiaohao.hardware;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hardware.config.HardwareConfig;
import tw.jiaohao.hardware.gpio.Buzzer;
import tw.jiaohao.hardware.gpio.CallKey;
import tw.jiaohao.hardware.gpio.CallPad;
import tw.jiaohao.hardware.gpio.ExecutorGpioScheduler;
import tw.jiaohao.hardware.gpio.GpioCallPad;
import tw.jiaohao.hardware.gpio.GpioRatingPad;
import tw.jiaohao.hardware.gpio.GpioScheduler;
import tw.jiaohao.hardware.gpio.Lamp;
import tw.jiaohao.hardware.gpio.PinBuzzer;
import tw.jiaohao.hardware.gpio.Rating;
import tw.jiaohao.hardware.gpio.RatingPad;
import tw.jiaohao.hardware.gpio.pi4j.Pi4jOutput;
import tw.jiaohao.hardware.gpio.pi4j.Pi4jSwitchInput;
import tw.jiaohao.hardware.gpio.sim.SimulatedCallPad;
import tw.jiaohao.hardware.gpio.sim.SimulatedLamp;
import tw.jiaohao.hardware.gpio.sim.SimulatedRatingPad;
import tw.jiaohao.hardware.printing.TicketPrinter;
import tw.jiaohao.hardware.printing.escpos.CjkFonts;
import tw.jiaohao.hardware.printing.escpos.PrinterProfile;
import tw.jiaohao.hardware.printing.escpos.PrinterProfiles;
import tw.jiaohao.hardware.printing.escpos.TextRasterizer;
import tw.jiaohao.hardware.printing.escpos.TicketEncoder;
import tw.jiaohao.hardware.printing.sim.SimulatedPrinter;
import tw.jiaohao.hardware.printing.transport.EscPosTicketPrinter;
import tw.jiaohao.hardware.printing.transport.PrinterTransport;
import tw.jiaohao.hardware.printing.usb.UsbPrinterTransport;

/**
 * Builds the devices from a {@link HardwareConfig}: real ones for {@code hardware = pi} (USB printer,
 * Pi4J pins), simulators for {@code hardware = simulated}. Call this from {@code main}; library code
 * never sniffs the machine.
 *
 * <p>Each device is built on first request and then returned again (GPIO pins are claimed only for
 * what is asked for: a kiosk asks for the printer and the paper-low lamp, a counter unit for the
 * pads). Misconfiguration (unknown profile, missing font, a pin that cannot be claimed) is a
 * {@link HardwareException} saying what to fix. Thread-safe. {@link #close()} releases everything.
 */
public final class HardwareFactory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HardwareFactory.class);

    private final HardwareConfig config;
    private final boolean ownsContext;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Context pi4j;
    private GpioScheduler scheduler;
    private TicketPrinter printer;
    private SimulatedPrinter simulatedPrinter;
    private CallPad callPad;
    private RatingPad ratingPad;
    private Lamp paperLowLamp;
    private Buzzer buzzer;

    /** @param config the configuration; in pi mode a Pi4J auto context is created on the first GPIO request */
    public HardwareFactory(HardwareConfig config) {
        this(config, null);
    }

    /**
     * @param config the configuration
     * @param pi4j   the Pi4J context to use in pi mode (tests pass one with the mock providers); not closed by
     *               this factory. Null: create an auto context when first needed.
     */
    public HardwareFactory(HardwareConfig config, Context pi4j) {
        this(config, pi4j, null);
    }

    /**
     * @param config    the configuration
     * @param pi4j      as above
     * @param scheduler the GPIO thread and clock (tests pass a {@link tw.jiaohao.hardware.gpio.ManualGpioScheduler});
     *                  null: a new {@link ExecutorGpioScheduler}. Closed by this factory.
     */
    public HardwareFactory(HardwareConfig config, Context pi4j, GpioScheduler scheduler) {
        this.config = Objects.requireNonNull(config, "config");
        this.pi4j = pi4j;
        this.ownsContext = pi4j == null;
        this.scheduler = scheduler;
    }

    /** @return the configuration */
    public HardwareConfig config() {
        return config;
    }

    /** @return the ticket printer (USB in pi mode, the simulator otherwise) */
    public synchronized TicketPrinter printer() {
        if (printer == null) {
            PrinterProfile profile;
            try {
                profile = PrinterProfiles.get(config.printerProfile());
            } catch (HardwareException e) {
                throw new HardwareException("configuration key 'printer.profile': " + e.getMessage(), e);
            }
            TextRasterizer rasterizer = new TextRasterizer(CjkFonts.load(config.fontFile(), CjkFonts.SANS_TC));
            PrinterTransport transport;
            if (config.mode() == HardwareConfig.Mode.PI) {
                transport = new UsbPrinterTransport(config.usb());
            } else {
                simulatedPrinter = new SimulatedPrinter(profile, CjkFonts.load(config.fontFile(), CjkFonts.MONO_TC),
                        config.simulatedOutput(), config.simulatedKeepPages());
                transport = simulatedPrinter;
            }
            printer = new EscPosTicketPrinter(new TicketEncoder(profile, rasterizer), transport, config.printerTimeout());
            closeables.add(printer);
            LOG.info("printer: {}", printer.describe());
        }
        return printer;
    }

    /**
     * @return the simulated printer behind {@link #printer()}, to inject faults or read pages
     * @throws IllegalStateException in pi mode
     */
    public synchronized SimulatedPrinter simulatedPrinter() {
        requireSimulated("simulatedPrinter()");
        printer();
        return simulatedPrinter;
    }

    /** @return the counter's call pad ({@link SimulatedCallPad} in simulated mode) */
    public synchronized CallPad callPad() {
        if (callPad == null) {
            if (simulated()) {
                callPad = new SimulatedCallPad(config.keyTiming(), scheduler());
            } else {
                Map<CallKey, Pi4jSwitchInput> in = new EnumMap<>(CallKey.class);
                for (CallKey k : CallKey.values()) {
                    in.put(k, new Pi4jSwitchInput(context(), "call-" + k.configName(), "call-pad " + k,
                            config.callPadPins().get(k), config.keysActiveLow()));
                }
                callPad = new GpioCallPad(in, config.keyTiming(), scheduler());
            }
            closeables.add(callPad);
        }
        return callPad;
    }

    /** @return the rating pad ({@link SimulatedRatingPad} in simulated mode) */
    public synchronized RatingPad ratingPad() {
        if (ratingPad == null) {
            if (simulated()) {
                ratingPad = new SimulatedRatingPad(config.keyTiming(), config.ratingConfirm(), scheduler());
            } else {
                Map<Rating, Pi4jSwitchInput> in = new EnumMap<>(Rating.class);
                Map<Rating, Pi4jOutput> lamps = new EnumMap<>(Rating.class);
                for (Rating r : Rating.values()) {
                    in.put(r, new Pi4jSwitchInput(context(), "rating-" + r.configName(), "rating-pad " + r,
                            config.ratingKeyPins().get(r), config.keysActiveLow()));
                    lamps.put(r, new Pi4jOutput(context(), "rating-lamp-" + r.configName(), "rating lamp " + r,
                            config.ratingLampPins().get(r), config.lampsActiveLow()));
                }
                ratingPad = new GpioRatingPad(in, lamps, config.keyTiming(), config.ratingConfirm(), scheduler());
            }
            closeables.add(ratingPad);
        }
        return ratingPad;
    }

    /**
     * The simulator's control for the rating pad's keys, for a screen to offer as buttons: present
     * in simulated mode (pressing the {@link #ratingPad()}'s key), empty on a Pi. Whoever draws the
     * keys gets this from the composition root instead of inspecting the pad's class.
     */
    public synchronized Optional<Consumer<Rating>> simulatedRatingKeys() {
        return simulated() && ratingPad() instanceof SimulatedRatingPad sim ? Optional.of(sim::press) : Optional.empty();
    }

    /** @return the paper-low lamp (drive it with {@link tw.jiaohao.hardware.gpio.PaperLowIndicator}) */
    public synchronized Lamp paperLowLamp() {
        if (paperLowLamp == null) {
            paperLowLamp = simulated() ? new SimulatedLamp("paper-low")
                    : new Pi4jOutput(context(), "paper-low-lamp", "paper-low", config.paperLowLampPin(),
                    config.lampsActiveLow());
        }
        return paperLowLamp;
    }

    /** @return the buzzer */
    public synchronized Buzzer buzzer() {
        if (buzzer == null) {
            Lamp out = simulated() ? new SimulatedLamp("buzzer")
                    : new Pi4jOutput(context(), "buzzer", "buzzer", config.buzzerPin(), false);
            buzzer = new PinBuzzer(out, scheduler());
        }
        return buzzer;
    }

    /** @return the GPIO thread on which pad listeners fire */
    public synchronized GpioScheduler scheduler() {
        if (scheduler == null) {
            scheduler = new ExecutorGpioScheduler();
        }
        return scheduler;
    }

    private boolean simulated() {
        return config.mode() == HardwareConfig.Mode.SIMULATED;
    }

    private void requireSimulated(String what) {
        if (!simulated()) {
            throw new IllegalStateException(what + " exists only with hardware = simulated");
        }
    }

    private Context context() {
        if (pi4j == null) {
            try {
                pi4j = Pi4J.newAutoContext();
            } catch (RuntimeException e) {
                throw new HardwareException("cannot start Pi4J for GPIO: " + e.getMessage()
                        + " (on a Raspberry Pi run as a user in group gpio; elsewhere set hardware = simulated)", e);
            }
        }
        return pi4j;
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", c, e.toString());
            }
        }
        closeables.clear();
        if (paperLowLamp != null) {
            paperLowLamp.off();
        }
        if (scheduler != null) {
            scheduler.close();
        }
        if (pi4j != null && ownsContext) {
            pi4j.shutdown();
        }
    }
}
