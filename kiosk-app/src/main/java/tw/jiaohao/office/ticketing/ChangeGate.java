package tw.jiaohao.office.ticketing;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.protocol.counter.ReplyCode;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * The change gate, one part of the queue engine: what must be true before a change may be
 * stored (docs/office-node/QUEUE.md, "Free space", "Time", "Restored from a backup").
 * <ul>
 * <li><b>The hold</b>: while the start-up check asks head office whether the database is older
 *     than what the hub holds, or while a database behind its high-water mark waits for head
 *     office or staff ({@link #holdUntilConfirmed}), every change (issue, counter command,
 *     rating) waits up to {@link #HOLD_WAIT} for {@link #release()}, then is refused with the
 *     "checking its records" message. Snapshots and reads are never held.</li>
 * <li><b>The clock</b>: the office day comes only from a clock the node trusts
 *     ({@link OfficeTime#verdict}); tickets and calls are refused otherwise.</li>
 * <li><b>The disk reserve</b>: below {@code storage.reserve-mb} new tickets are refused while
 *     counter commands, ratings and the day's close go on ({@link StorageWatch}).</li>
 * </ul>
 *
 * <p>Threading: thread-safe; {@link #admitChange()} and {@link #admitTicket()} block the calling
 * thread (up to {@link #HOLD_WAIT}) only while held. Failure: a refusal is an exception carrying
 * the reply code and message ({@link Refusal}, {@link IssueRefusedException}); nothing is stored.
 * Offline: needs neither the broker nor head office; a hold without head office ends only by
 * staff confirming on a counter.
 */
final class ChangeGate {
    private static final Logger log = LoggerFactory.getLogger(ChangeGate.class);

    /** How long a change waits for a hold to end before it is refused. */
    static final Duration HOLD_WAIT = Duration.ofSeconds(10);

    private final OfficeTime time;
    private final java.util.function.Supplier<DiskSpace.Level> disk;
    private final Duration holdWait;
    private final Object signal = new Object();
    /** Non-null while changes are held: why, for the log and the counters. */
    private volatile String held;
    /** Non-null while a hold can end by staff confirming (the start-up check's {@code confirmByStaff}). */
    private volatile Consumer<String> staffConfirmation;

    /** @param disk the disk's level for a new ticket, asked before every ticket ({@link StorageWatch#levelForTicket()}) */
    ChangeGate(OfficeTime time, java.util.function.Supplier<DiskSpace.Level> disk) {
        this(time, disk, HOLD_WAIT);
    }

    ChangeGate(OfficeTime time, java.util.function.Supplier<DiskSpace.Level> disk, Duration holdWait) {
        this.time = time;
        this.disk = disk;
        this.holdWait = holdWait;
    }

    /** Holds every change until {@link #release()}. */
    void hold(String why) {
        synchronized (signal) {
            held = why;
        }
        log.info("changes held: {}", why);
    }

    /** Holds like {@link #hold}, and lets a counter's CONFIRM end it by calling {@code confirm} with who confirmed. */
    void holdUntilConfirmed(String why, Consumer<String> confirm) {
        staffConfirmation = confirm;
        hold(why);
    }

    /**
     * Accepts changes again and lets the waiting ones through; a pending staff confirmation is no
     * longer needed. Returns whether the hold was one staff could confirm (the counters showed it).
     */
    boolean release() {
        boolean wasConfirmable = staffConfirmation != null;
        staffConfirmation = null;
        synchronized (signal) {
            if (held == null) {
                return wasConfirmable;
            }
            held = null;
            signal.notifyAll();
        }
        log.info("changes accepted again");
        return wasConfirmable;
    }

    boolean isHeld() {
        return held != null;
    }

    /** Who to tell when staff confirm on a counter, or null when no hold waits for them. */
    Consumer<String> staffConfirmation() {
        return staffConfirmation;
    }

    /** Waits up to {@link #HOLD_WAIT} for a hold to end; true when changes are accepted. */
    boolean awaitRelease() {
        if (held == null) {
            return true;
        }
        long until = System.nanoTime() + holdWait.toNanos();
        synchronized (signal) {
            long left;
            while (held != null && (left = until - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(signal, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return held == null;
        }
    }

    /** Before a counter command or a rating: refused while held (after waiting for the release). */
    void admitChange() {
        if (!awaitRelease()) {
            throw new Refusal(ReplyCode.INVALID_STATE, Texts.held());
        }
    }

    /** Before a ticket: refused while held (after waiting for the release). */
    void admitTicket() {
        if (!awaitRelease()) {
            throw new IssueRefusedException(ReplyCode.INVALID_STATE, Texts.held());
        }
    }

    /** Before a ticket (after its category is known): refused when the disk is down to its reserve. */
    void requireSpaceForTicket() {
        if (disk.get() == DiskSpace.Level.RESERVE) {
            throw new IssueRefusedException(ReplyCode.STORE_FAILED, Texts.diskFull());
        }
    }

    /** Whether the clock may name the office day, given the newest stored event's day (null: none). */
    boolean clockTrusted(LocalDate newestEventDay) {
        return time.verdict(newestEventDay).trusted();
    }

    /** Inside a ticket's transaction: refused when the clock may not name the office day. */
    void requireTrustedClock(LocalDate newestEventDay) {
        if (!clockTrusted(newestEventDay)) {
            throw new IssueRefusedException(ReplyCode.INVALID_STATE, Texts.clockUntrusted());
        }
    }

    /** Why staff must confirm on a counter before changes are accepted (the snapshot's {@code hold}), or null. */
    String holdForStaff(LocalDate newestEventDay) {
        String why = staffConfirmation != null ? held : null;
        if (why == null) {
            ClockTrust.Verdict v = time.verdict(newestEventDay);
            why = v.trusted() ? null : v.why();
        }
        return why == null ? null : why.length() <= StateSnapshot.MAX_HOLD ? why : why.substring(0, StateSnapshot.MAX_HOLD - 1) + "…";
    }
}
