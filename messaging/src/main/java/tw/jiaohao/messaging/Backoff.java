package tw.jiaohao.messaging;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with jitter for reconnecting: attempt n (from 0) waits a random
 * time in [½·d, d] with d = min(max, min·2ⁿ). The jitter keeps a dozen office nodes from
 * reconnecting in lock-step after the central broker comes back.
 */
public record Backoff(Duration min, Duration max) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));

    public Backoff {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min ≤ max, got " + min + ", " + max);
        }
    }

    /** The delay before attempt {@code attempt} (0 = first retry); {@code random} yields [0, 1). */
    public Duration delay(int attempt, DoubleSupplier random) {
        long cap = max.toMillis();
        long d = min.toMillis() << Math.min(attempt, 30);
        if (d <= 0 || d > cap) {
            d = cap;
        }
        return Duration.ofMillis(Math.round(d * (0.5 + 0.5 * random.getAsDouble())));
    }
}
