package tw.jiaohao.office.kiosk;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of what happened at the kiosk; readable by tests and logs. Thread-safe. */
public final class KioskMetrics {
    final AtomicLong ticketsShown = new AtomicLong();
    final AtomicLong ticketsPrinted = new AtomicLong();
    final AtomicLong printFailures = new AtomicLong();
    final AtomicLong issueFailures = new AtomicLong();
    final AtomicLong touchesIgnored = new AtomicLong();
    final AtomicLong ratingsAccepted = new AtomicLong();
    final AtomicLong ratingsRefused = new AtomicLong();
    final AtomicLong idleResets = new AtomicLong();
    final AtomicLong idleWarnings = new AtomicLong();
    final AtomicLong requestsTaken = new AtomicLong();
    final AtomicLong requestsRefused = new AtomicLong();

    public long ticketsShown() { return ticketsShown.get(); }
    public long ticketsPrinted() { return ticketsPrinted.get(); }
    /** Tickets and self-service receipts that did not print. */
    public long printFailures() { return printFailures.get(); }
    /** Touches on a category that issued nothing: refused by the engine or the store failed. */
    public long issueFailures() { return issueFailures.get(); }
    /** Touches swallowed by the double-tap guard. */
    public long touchesIgnored() { return touchesIgnored.get(); }
    public long ratingsAccepted() { return ratingsAccepted.get(); }
    public long ratingsRefused() { return ratingsRefused.get(); }
    public long idleResets() { return idleResets.get(); }
    /** "Need more time?" countdowns shown. */
    public long idleWarnings() { return idleWarnings.get(); }
    /** Self-service requests taken (case number given). */
    public long requestsTaken() { return requestsTaken.get(); }
    /** Self-service requests that ended refused (arrears, dispute, address, cancelled) at the kiosk. */
    public long requestsRefused() { return requestsRefused.get(); }
}
