package tw.jiaohao.office.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import tw.jiaohao.office.ticketing.OfficeTime;

/**
 * A clock with a monotonic clock beside it, as a real machine has: {@link #advance} moves both
 * (time passes), {@link #step} moves only the wall clock (NTP or a person setting it). Thread-safe.
 */
public final class SteppingClock extends Clock implements OfficeTime.Monotonic {
    private volatile Instant wall;
    private volatile long monotonic;

    public SteppingClock(Instant start) {
        this.wall = start;
    }

    public static SteppingClock at(String iso) {
        return new SteppingClock(Instant.parse(iso));
    }

    public synchronized void advance(Duration d) {
        wall = wall.plus(d);
        monotonic += d.toNanos();
    }

    /** Sets the wall clock to {@code to} without time passing. */
    public synchronized void stepTo(Instant to) {
        wall = to;
    }

    public synchronized void step(Duration by) {
        wall = wall.plus(by);
    }

    @Override
    public long monotonicNanos() {
        return monotonic;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }

    @Override
    public Instant instant() {
        return wall;
    }
}
