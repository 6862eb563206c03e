package tw.jiaohao.hardware.gpio;

import java.util.function.Consumer;

/**
 * SPI: one raw, undebounced key contact (a GPIO input or a simulated key). Pads debounce it with
 * {@link Debouncer}.
 */
public interface SwitchInput extends AutoCloseable {
    /** @return a name for logs, e.g. "call-pad NEXT (BCM 5)" */
    String name();

    /** @return whether the contact is closed now */
    boolean pressed();

    /** Registers the one consumer of level changes; may be called on any thread. */
    void onChange(Consumer<Boolean> pressed);

    @Override
    void close();
}
