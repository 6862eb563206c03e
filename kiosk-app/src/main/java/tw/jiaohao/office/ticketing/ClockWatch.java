package tw.jiaohao.office.ticketing;

import java.time.Duration;
import java.time.Instant;

/**
 * Notices when the wall clock jumps: between two looks, the wall clock and the monotonic clock
 * ({@link System#nanoTime()}) must move alike; a difference beyond {@link #TOLERANCE} is a step
 * (NTP setting a clock that booted with yesterday's time, or someone setting it by hand).
 * Thread-safe; pure apart from the times it is given.
 */
public final class ClockWatch {
    /** Drift and scheduling delays stay far below this; a step of the clock does not. */
    public static final Duration TOLERANCE = Duration.ofMinutes(2);

    private Instant lastWall;
    private long lastNanos;

    /** A step of the clock: {@code by} is positive when it jumped forward. */
    public record Step(Instant from, Instant to, Duration by) {
    }

    /** Looks at the clocks; returns the step since the last look, or null. */
    public synchronized Step look(Instant wall, long nanos) {
        Step step = null;
        if (lastWall != null) {
            Instant expected = lastWall.plusNanos(nanos - lastNanos);
            Duration off = Duration.between(expected, wall);
            if (off.abs().compareTo(TOLERANCE) > 0) {
                step = new Step(expected, wall, off);
            }
        }
        lastWall = wall;
        lastNanos = nanos;
        return step;
    }
}
