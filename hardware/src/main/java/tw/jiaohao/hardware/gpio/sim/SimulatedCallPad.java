package tw.jiaohao.hardware.gpio.sim;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import tw.jiaohao.hardware.gpio.CallKey;
import tw.jiaohao.hardware.gpio.CallPad;
import tw.jiaohao.hardware.gpio.GpioCallPad;
import tw.jiaohao.hardware.gpio.GpioScheduler;
import tw.jiaohao.hardware.gpio.KeyListener;
import tw.jiaohao.hardware.gpio.KeyTiming;

/**
 * A call pad for a laptop or a test: {@link #press(CallKey)} and {@link #hold(CallKey, Duration)}
 * move simulated contacts, which go through the same debouncer as real keys, so listeners see the
 * same events on the same GPIO thread.
 */
public final class SimulatedCallPad implements CallPad {
    /** How long {@link #press(CallKey)} keeps the key down. */
    public static final Duration TAP = Duration.ofMillis(120);

    private final Map<CallKey, SimulatedSwitch> switches = new EnumMap<>(CallKey.class);
    private final GpioCallPad pad;
    private final GpioScheduler scheduler;

    public SimulatedCallPad(KeyTiming timing, GpioScheduler scheduler) {
        for (CallKey k : CallKey.values()) {
            switches.put(k, new SimulatedSwitch("simulated " + k));
        }
        this.scheduler = scheduler;
        this.pad = new GpioCallPad(switches, timing, scheduler);
    }

    /** A short tap: down now, up after {@link #TAP}. Returns at once. */
    public void press(CallKey key) {
        hold(key, TAP);
    }

    /** Down now, up after {@code length}. Returns at once. */
    public void hold(CallKey key, Duration length) {
        SimulatedSwitch s = switches.get(key);
        s.set(true);
        scheduler.schedule(() -> s.set(false), length);
    }

    /** @return the raw contact, for tests that bounce it */
    public SimulatedSwitch contact(CallKey key) {
        return switches.get(key);
    }

    @Override
    public void addListener(KeyListener<CallKey> listener) {
        pad.addListener(listener);
    }

    @Override
    public void removeListener(KeyListener<CallKey> listener) {
        pad.removeListener(listener);
    }

    @Override
    public void close() {
        pad.close();
    }
}
