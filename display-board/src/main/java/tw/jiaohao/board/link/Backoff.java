package tw.jiaohao.board.link;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: capped exponential backoff with "equal jitter" — attempt n waits a random
 * time between half and all of {@code min·2ⁿ} (capped at {@code max}), so a room of boards
 * that lost the broker together does not hammer it together when it returns. Not thread-safe:
 * used by the link's single worker thread.
 */
public final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(Duration min, Duration max, RandomGenerator random) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 < min ≤ max, got " + min + ", " + max);
        }
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The delay before the next attempt; each call doubles the ceiling until {@code max}. */
    public Duration next() {
        long ceiling = attempt >= 30 ? maxMillis : Math.min(maxMillis, minMillis << attempt);
        attempt++;
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }

    /** After a successful connect: the next outage starts again at {@code min}. */
    public void reset() {
        attempt = 0;
    }
}
