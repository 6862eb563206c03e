package tw.jiaohao.office.ticketing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.office.health.NodeHealth;
import tw.jiaohao.office.health.NodeHealth.Condition;

/**
 * The office node's time rules, apart from the SQL that applies them (docs/office-node/QUEUE.md,
 * "Time"):
 * <ul>
 * <li><b>Event times never go back</b> ({@link #stamp}): a change is stamped with the later of the
 *     clock and the newest stored event's time, so after a backward step the queue keeps its
 *     issue order and {@code issuedAt ≤ at} always holds.</li>
 * <li><b>The office day comes only from a trusted clock</b> ({@link ClockTrust}).</li>
 * <li><b>A forward step never cancels people in the room</b>: tickets this process issued in the
 *     {@value #ROOM_HOURS} hours before a forward step that moved the office day are kept out of
 *     the end-of-day sweep and are called first ({@link #inRoom()}), until the next office day.</li>
 * </ul>
 * Steps are noticed by {@link ClockWatch} against a monotonic clock: {@link System#nanoTime()} for
 * the system clock, the clock itself otherwise (a simulated or test clock moves on purpose),
 * unless the clock implements {@link Monotonic}.
 */
public final class OfficeTime {
    private static final Logger log = LoggerFactory.getLogger(OfficeTime.class);
    /** How far back before a forward step tickets count as people in the room. */
    static final int ROOM_HOURS = 12;
    /** How long a noticed step stays in the device status. */
    static final Duration STEP_SHOWN = Duration.ofHours(1);

    /** A clock that also tells monotonic time (tests that step a clock). */
    public interface Monotonic {
        long monotonicNanos();
    }

    private final Clock clock;
    private final ZoneId zone;
    private final ClockTrust trust;
    private final ClockWatch watch = new ClockWatch();
    private final LongSupplier nanos;
    private final NodeHealth health;
    private final Map<String, Long> issuedHere = new LinkedHashMap<>();
    private volatile List<String> inRoom = List.of();
    private volatile LocalDate inRoomUntil;
    private volatile long stepShownUntil;
    /** Head office's time as last heard, and the monotonic nanos then (null: never heard). */
    private volatile HubTime hubTime;

    private record HubTime(Instant at, long nanos) {
    }

    OfficeTime(Clock clock, ZoneId zone, ClockTrust trust, NodeHealth health) {
        this.clock = clock;
        this.zone = zone;
        this.trust = trust;
        this.health = health;
        if (clock instanceof Monotonic m) {
            this.nanos = m::monotonicNanos;
        } else if (clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone())) {
            this.nanos = System::nanoTime;
        } else {
            this.nanos = () -> clock.millis() * 1_000_000L;
        }
    }

    /** The sync status to use with {@code clock}: the system's for the system clock, none for others. */
    public static ClockTrust.SyncStatus syncStatusFor(Clock clock) {
        return clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone())
                ? ClockTrust.SyncStatus.SYSTEMD : ClockTrust.SyncStatus.UNKNOWN;
    }

    /** Head office said its time is {@code at} (its answer to the start-up check); kept with the monotonic clock. */
    void hubSaid(Instant at) {
        hubTime = new HubTime(at, nanos.getAsLong());
    }

    public ClockTrust trust() {
        return trust;
    }

    /** The clock now, to the millisecond. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The time to stamp a change with: never before the newest stored event ({@code newestAt}, null when none). */
    Instant stamp(Instant newestAt) {
        Instant now = now();
        return newestAt != null && now.isBefore(newestAt) ? newestAt : now;
    }

    LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    /** Whether the clock may decide the office day now; keeps the health's {@code clock-unset} in step. */
    ClockTrust.Verdict verdict(LocalDate newestEventDay) {
        HubTime h = hubTime;
        Instant hubNow = h == null ? null : h.at().plusNanos(nanos.getAsLong() - h.nanos());
        ClockTrust.Verdict v = trust.check(now(), newestEventDay, hubNow);
        if (v.trusted()) {
            health.clear(Condition.CLOCK_UNTRUSTED);
        } else {
            health.set(Condition.CLOCK_UNTRUSTED, v.why() + "; new tickets and calls wait for the clock or for staff to confirm the date");
        }
        return v;
    }

    /** Looks for a step of the clock since the last look (every change and every upkeep minute). */
    void look() {
        long n = nanos.getAsLong();
        ClockWatch.Step step = watch.look(clock.instant(), n);
        if (step != null) {
            String text = "the clock moved " + (step.by().isNegative() ? "back " : "forward ") + human(step.by().abs())
                    + " (from " + step.from().truncatedTo(ChronoUnit.SECONDS) + " to " + step.to().truncatedTo(ChronoUnit.SECONDS) + ")";
            log.warn("CLOCK STEP: {}", text);
            health.set(Condition.CLOCK_STEPPED, text);
            stepShownUntil = n + STEP_SHOWN.toNanos();
            if (!step.by().isNegative() && day(step.to()).isAfter(day(step.from()))) {
                keepInRoom(n, day(step.to()));
            }
        } else if (stepShownUntil != 0 && n - stepShownUntil > 0) {
            stepShownUntil = 0;
            health.clear(Condition.CLOCK_STEPPED);
        }
        LocalDate until = inRoomUntil;
        if (until != null && day(clock.instant()).isAfter(until)) {
            inRoom = List.of();
            inRoomUntil = null;
        }
    }

    private synchronized void keepInRoom(long n, LocalDate newDay) {
        long since = n - Duration.ofHours(ROOM_HOURS).toNanos();
        List<String> room = new ArrayList<>();
        for (Map.Entry<String, Long> e : issuedHere.entrySet()) {
            if (e.getValue() - since >= 0) {
                room.add(e.getKey());
            }
        }
        inRoom = List.copyOf(room);
        inRoomUntil = newDay;
        if (!inRoom.isEmpty()) {
            log.warn("{} tickets issued before the clock step are kept as people in the room: not cancelled, called first", inRoom.size());
        }
    }

    /** Records a ticket this process issued (for {@link #inRoom()} after a forward step). */
    synchronized void issued(String ticketId) {
        long n = nanos.getAsLong();
        issuedHere.put(ticketId, n);
        long since = n - Duration.ofHours(ROOM_HOURS).toNanos();
        for (Iterator<Long> it = issuedHere.values().iterator(); it.hasNext(); ) {
            if (it.next() - since < 0) {
                it.remove();
            } else {
                break;
            }
        }
    }

    /** Tickets of an earlier office day that are people in the room after a forward step, in issue order. */
    List<String> inRoom() {
        return inRoom;
    }

    private static String human(Duration d) {
        long minutes = d.toMinutes();
        return minutes >= 120 ? (minutes / 60) + " h " + (minutes % 60) + " min" : minutes + " min";
    }
}
