package tw.jiaohao.hardware.gpio;

import java.util.Map;

/** The {@link CallPad} over four switch inputs (Pi4J pins or simulated keys). */
public final class GpioCallPad implements CallPad {
    private final KeyPadCore<CallKey> core;

    /**
     * @param inputs    one input per {@link CallKey}
     * @param timing    debounce and long-press
     * @param scheduler the GPIO thread; listeners fire on it
     */
    public GpioCallPad(Map<CallKey, ? extends SwitchInput> inputs, KeyTiming timing, GpioScheduler scheduler) {
        this.core = new KeyPadCore<>("call-pad", CallKey.class, inputs, timing, scheduler);
    }

    @Override
    public void addListener(KeyListener<CallKey> listener) {
        core.addListener(listener);
    }

    @Override
    public void removeListener(KeyListener<CallKey> listener) {
        core.removeListener(listener);
    }

    @Override
    public void close() {
        core.close();
    }
}
