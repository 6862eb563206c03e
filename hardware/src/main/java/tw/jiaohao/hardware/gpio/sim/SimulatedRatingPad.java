package tw.jiaohao.hardware.gpio.sim;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import tw.jiaohao.hardware.gpio.GpioRatingPad;
import tw.jiaohao.hardware.gpio.GpioScheduler;
import tw.jiaohao.hardware.gpio.KeyTiming;
import tw.jiaohao.hardware.gpio.Rating;
import tw.jiaohao.hardware.gpio.RatingListener;
import tw.jiaohao.hardware.gpio.RatingPad;

/**
 * A rating pad for a laptop or a test: {@link #press(Rating)} moves a simulated contact through the
 * same debouncer and state machine as the real pad; {@link #lamp(Rating)} shows its lamps.
 */
public final class SimulatedRatingPad implements RatingPad {
    private final Map<Rating, SimulatedSwitch> switches = new EnumMap<>(Rating.class);
    private final Map<Rating, SimulatedLamp> lamps = new EnumMap<>(Rating.class);
    private final GpioRatingPad pad;
    private final GpioScheduler scheduler;

    public SimulatedRatingPad(KeyTiming timing, Duration confirm, GpioScheduler scheduler) {
        for (Rating r : Rating.values()) {
            switches.put(r, new SimulatedSwitch("simulated " + r));
            lamps.put(r, new SimulatedLamp("rating " + r.configName()));
        }
        this.scheduler = scheduler;
        this.pad = new GpioRatingPad(switches, lamps, timing, confirm, scheduler);
    }

    /** A short tap: down now, up after {@link SimulatedCallPad#TAP}. Returns at once. */
    public void press(Rating rating) {
        SimulatedSwitch s = switches.get(rating);
        s.set(true);
        scheduler.schedule(() -> s.set(false), SimulatedCallPad.TAP);
    }

    /** @return the simulated lamp of a key */
    public SimulatedLamp lamp(Rating rating) {
        return lamps.get(rating);
    }

    @Override
    public void addListener(RatingListener listener) {
        pad.addListener(listener);
    }

    @Override
    public void removeListener(RatingListener listener) {
        pad.removeListener(listener);
    }

    @Override
    public void arm(Duration window) {
        pad.arm(window);
    }

    @Override
    public void disarm() {
        pad.disarm();
    }

    @Override
    public boolean isArmed() {
        return pad.isArmed();
    }

    @Override
    public boolean isLampOn(Rating rating) {
        return pad.isLampOn(rating);
    }

    @Override
    public void close() {
        pad.close();
    }
}
