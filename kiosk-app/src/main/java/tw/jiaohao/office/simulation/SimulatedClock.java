package tw.jiaohao.office.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that starts at a chosen instant and runs {@code speed} times faster than real time.
 * It is the engine's clock in a simulation, so tickets, events and estimates carry simulated
 * times. Thread-safe.
 */
public final class SimulatedClock extends Clock {
    /** Where simulated time stands at a real instant (stopped: it stands still); replaced whole, so a reader never mixes two. */
    private record Base(Instant start, long realStartNanos, boolean stopped, double speed) {
    }

    private volatile Base base;

    public SimulatedClock(Instant start, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0, got " + speed);
        }
        this.base = new Base(start, System.nanoTime(), false, speed);
    }

    /**
     * A clock that stands at {@code start} until {@link #run()}: the simulated day begins when
     * the office node and its counters are up, however long a loaded machine takes to start them.
     */
    public static SimulatedClock stopped(Instant start, double speed) {
        SimulatedClock c = new SimulatedClock(start, speed);
        c.base = new Base(start, System.nanoTime(), true, speed);
        return c;
    }

    /** Lets simulated time run from where it stands. */
    public void run() {
        Base b = base;
        if (b.stopped()) {
            base = new Base(b.start(), System.nanoTime(), false, b.speed());
        }
    }

    /** Moves simulated time forward to {@code at} (the next simulated day); never backwards. */
    public void jumpTo(Instant at) {
        jumpTo(at, base.speed());
    }

    /** {@link #jumpTo(Instant)}, from then on running {@code speed} times faster than real time (history fast, today watchable). */
    public void jumpTo(Instant at, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0, got " + speed);
        }
        if (at.isBefore(instant())) {
            throw new IllegalArgumentException("a simulated clock does not go back");
        }
        base = new Base(at, System.nanoTime(), false, speed);
    }

    /**
     * Stands still at {@code at} (never backwards) until the next {@link #hold}, {@link #jumpTo} or
     * {@link #run}: a day simulated step by step, as fast as the office node answers, each step at
     * its own simulated instant.
     */
    public void hold(Instant at) {
        if (at.isBefore(instant())) {
            throw new IllegalArgumentException("a simulated clock does not go back");
        }
        base = new Base(at, System.nanoTime(), true, base.speed());
    }

    public double speed() {
        return base.speed();
    }

    /** Real time until the simulated instant {@code at} (zero if it has passed). */
    public Duration realTimeUntil(Instant at) {
        Duration sim = Duration.between(instant(), at);
        return sim.isNegative() ? Duration.ZERO : Duration.ofNanos((long) (sim.toNanos() / base.speed()));
    }

    @Override
    public Instant instant() {
        Base b = base;
        if (b.stopped()) {
            return b.start();
        }
        long realNanos = System.nanoTime() - b.realStartNanos();
        return b.start().plusNanos((long) (realNanos * b.speed()));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the office node works in UTC instants");
    }
}
