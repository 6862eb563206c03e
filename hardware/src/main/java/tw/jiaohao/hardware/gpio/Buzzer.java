package tw.jiaohao.hardware.gpio;

import java.time.Duration;

/**
 * Port: a buzzer on a GPIO pin. {@link #beep(Duration)} returns at once; the buzzer is switched off
 * by the GPIO thread when the time is up. A beep during a beep extends it. Thread-safe.
 */
public interface Buzzer {
    /** Sounds the buzzer for {@code length} (10 ms .. 10 s). */
    void beep(Duration length);

    /** @return true while sounding */
    boolean isSounding();
}
