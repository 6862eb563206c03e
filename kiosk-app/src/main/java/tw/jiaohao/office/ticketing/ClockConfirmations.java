package tw.jiaohao.office.ticketing;

import java.time.Instant;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What others say about this node's clock, one part of the queue engine: head office's time as it
 * answered the start-up check, and a date staff confirmed on site. Both are sources of trust for
 * {@link ClockTrust} (docs/OPERATIONS.md, "The clock is wrong"); each is logged once and shown to the
 * counters through the next snapshot (a hold the clock causes, or its end).
 *
 * <p>Threading: any thread; each call hands its news to {@link OfficeTime} (which keeps it in
 * volatile fields) and asks for a new snapshot, so the next change judges the clock with it.
 * Failure: {@link #hubTime} reads the newest event's day in one short transaction; a store failure
 * there propagates ({@link StoreException}) after head office's time has been kept. Offline:
 * {@link #confirmDate} needs nothing but staff; without head office {@link #hubTime} is simply
 * never called and the clock is judged by its own synchronisation and the stored events.
 */
final class ClockConfirmations {
    private static final Logger log = LoggerFactory.getLogger(ClockConfirmations.class);

    private final OfficeDatabase db;
    private final OfficeTime time;
    private final Runnable republish;

    /** @param republish asks for a new snapshot (the counters show the clock's hold) */
    ClockConfirmations(OfficeDatabase db, OfficeTime time, Runnable republish) {
        this.db = db;
        this.time = time;
        this.republish = republish;
    }

    /** Head office's time {@code at}, as it answered the start-up check. */
    void hubTime(Instant at) {
        time.hubSaid(at);
        ClockTrust.Verdict v = time.verdict(db.transaction(EventLog::newest).day());
        log.info("head office's time {}: this clock {}", at, v.trusted() ? "agrees" : "does not agree (" + v.why() + ")");
        republish.run();
    }

    /** Staff confirmed on site that today is {@code date} (lifts the hold of an untrusted clock showing that date). */
    void confirmDate(LocalDate date) {
        time.trust().confirmDate(date);
        log.warn("STAFF CONFIRMED the date {}", date);
        republish.run();
    }
}
