package tw.jiaohao.hardware.gpio;

import java.time.Duration;
import java.util.Objects;

/**
 * Debounce and long-press times of a pad.
 *
 * @param debounce  how long a contact must stay at a level to count (1..200 ms)
 * @param longPress how long a key must be held for {@link KeyAction#LONG_PRESSED} (more than debounce, at most 10 s)
 */
public record KeyTiming(Duration debounce, Duration longPress) {
    public KeyTiming {
        Objects.requireNonNull(debounce, "debounce");
        Objects.requireNonNull(longPress, "longPress");
        if (debounce.toMillis() < 1 || debounce.toMillis() > 200) {
            throw new IllegalArgumentException("debounce must be 1..200 ms, was " + debounce.toMillis() + " ms");
        }
        if (longPress.compareTo(debounce) <= 0 || longPress.toMillis() > 10_000) {
            throw new IllegalArgumentException("longPress must be longer than debounce and at most 10 s, was "
                    + longPress.toMillis() + " ms");
        }
    }

    /** 30 ms debounce, 1.5 s long press. */
    public static KeyTiming defaults() {
        return new KeyTiming(Duration.ofMillis(30), Duration.ofMillis(1500));
    }
}
