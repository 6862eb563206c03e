package tw.jiaohao.hardware.gpio;

import java.time.Duration;
import java.util.Objects;

/**
 * A debounced key event.
 *
 * @param key    which key
 * @param action what happened
 * @param held   how long the key had been down: zero for PRESSED, the hold time for LONG_PRESSED and RELEASED
 * @param <K>    the pad's key type ({@link CallKey} or {@link Rating})
 */
public record KeyEvent<K>(K key, KeyAction action, Duration held) {
    public KeyEvent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(held, "held");
        if (held.isNegative()) {
            throw new IllegalArgumentException("held must not be negative");
        }
    }
}
