package tw.jiaohao.office.ticketing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Decides whether the office day may be taken from the clock now (docs/OPERATIONS.md, "The
 * clock is wrong"). A Pi has no battery clock: after a power cut it boots with the last saved
 * time (yesterday evening) until NTP answers, and a ticket numbered then lands on the wrong day.
 * The clock is not trusted while
 * <ul>
 * <li>the system can say whether it is synchronised ({@link SyncStatus}) and says no, or</li>
 * <li>its office day is before the office day of the newest stored event (it went back a day),</li>
 * <li>head office's time is known (the hub sends it with its answer to the start-up check,
 *     projected forward with the monotonic clock) and the clock is more than
 *     {@code clock.hub-tolerance-seconds} from it — and while it is within it, head office's
 *     time counts as a synchronised source even where NTP has not answered,</li>
 * </ul>
 * unless staff confirmed today's date ({@link #confirmDate}) for the day the clock shows.
 * {@code clock.trust=always} turns the check off (development). Thread-safe.
 */
public final class ClockTrust {
    /** Whether the system clock is synchronised, where the system can tell. */
    @FunctionalInterface
    public interface SyncStatus {
        /** true / false when known; empty when this system cannot tell (no systemd-timesyncd). */
        Optional<Boolean> synchronised();

        /** systemd-timesyncd: {@code /run/systemd/timesync/synchronized} appears at the first synchronisation after boot. */
        SyncStatus SYSTEMD = () -> {
            Path dir = Path.of("/run/systemd/timesync");
            return Files.isDirectory(dir) ? Optional.of(Files.exists(dir.resolve("synchronized"))) : Optional.empty();
        };

        /** Cannot tell (tests, systems without timesyncd): only plausibility decides. */
        SyncStatus UNKNOWN = Optional::empty;
    }

    /** The verdict: trusted, or why not (for the staff and the log). */
    public record Verdict(boolean trusted, String why) {
        static final Verdict TRUSTED = new Verdict(true, null);
    }

    private final boolean always;
    private final SyncStatus sync;
    private final ZoneId zone;
    private final java.time.Duration hubTolerance;
    private volatile LocalDate confirmed;

    public ClockTrust(boolean always, SyncStatus sync, ZoneId zone) {
        this(always, sync, zone, java.time.Duration.ZERO);
    }

    /** @param hubTolerance how far the clock may be from head office's time; zero = do not compare */
    public ClockTrust(boolean always, SyncStatus sync, ZoneId zone, java.time.Duration hubTolerance) {
        this.always = always;
        this.sync = sync;
        this.zone = zone;
        this.hubTolerance = hubTolerance;
    }

    /** Whether {@code now} may decide the office day, given the office day of the newest stored event (null when none). */
    public Verdict check(Instant now, LocalDate newestEventDay) {
        return check(now, newestEventDay, null);
    }

    /** As {@link #check(Instant, LocalDate)}, with head office's time now as far as the node knows it (null: unknown). */
    public Verdict check(Instant now, LocalDate newestEventDay, Instant hubNow) {
        if (always) {
            return Verdict.TRUSTED;
        }
        LocalDate day = LocalDate.ofInstant(now, zone);
        if (day.equals(confirmed)) {
            return Verdict.TRUSTED;
        }
        if (newestEventDay != null && day.isBefore(newestEventDay)) {
            return new Verdict(false, "the clock says " + day + " but tickets of " + newestEventDay + " are stored (the clock went back)");
        }
        if (hubNow != null && !hubTolerance.isZero()) {
            java.time.Duration apart = java.time.Duration.between(hubNow, now).abs();
            if (apart.compareTo(hubTolerance) > 0) {
                return new Verdict(false, "the clock says " + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        + " but head office's time is " + hubNow.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " ("
                        + apart.toMinutes() + " min apart, more than clock.hub-tolerance-seconds=" + hubTolerance.toSeconds() + ")");
            }
            return Verdict.TRUSTED; // head office's time agrees: a synchronised source even where NTP has not answered
        }
        Optional<Boolean> synced = sync.synchronised();
        if (synced.isPresent() && !synced.get()) {
            return new Verdict(false, "the clock is not synchronised yet (NTP has not answered since boot); it says " + day);
        }
        return Verdict.TRUSTED;
    }

    /** Staff confirmed on site that today is {@code date}: the clock is trusted while its office day is that date. */
    public void confirmDate(LocalDate date) {
        confirmed = date;
    }
}
