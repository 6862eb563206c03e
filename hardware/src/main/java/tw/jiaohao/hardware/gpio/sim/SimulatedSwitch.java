package tw.jiaohao.hardware.gpio.sim;

import java.util.function.Consumer;
import tw.jiaohao.hardware.gpio.SwitchInput;

/** A key contact moved by code. Thread-safe. */
final class SimulatedSwitch implements SwitchInput {
    private final String name;
    private volatile boolean pressed;
    private volatile Consumer<Boolean> consumer = p -> { };

    public SimulatedSwitch(String name) {
        this.name = name;
    }

    /** Closes or opens the contact (raw: bounce it by calling this repeatedly). */
    public void set(boolean down) {
        if (down != pressed) {
            pressed = down;
            consumer.accept(down);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean pressed() {
        return pressed;
    }

    @Override
    public void onChange(Consumer<Boolean> c) {
        consumer = c;
    }

    @Override
    public void close() {
        consumer = p -> { };
    }
}
