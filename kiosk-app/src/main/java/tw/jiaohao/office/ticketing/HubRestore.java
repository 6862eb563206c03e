package tw.jiaohao.office.ticketing;

import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.TicketNumber;

/**
 * The engine's side of the start-up check with head office, one part of the queue engine
 * (docs/office-node/QUEUE.md, "Restored from a backup"): bringing a database that may be older
 * than what the office really did up to date, or taking it as it is.
 * <ul>
 * <li>{@link #hubAnsweredBefore} / {@link #recordHubAnswered}: whether head office ever answered
 *     this database's check ({@code node_meta hub-answered}, kept in the store so a backup carries
 *     it);</li>
 * <li>{@link #importEvents}: the events head office holds beyond the newest local seq, stored as
 *     they were and folded into the rows by the lifecycle ({@link Transitions#replay});</li>
 * <li>{@link #acceptDatabaseAsItIs}: staff's decision to issue from the database as it is, the
 *     numbers of changes lost with it skipped ({@link Numbering#skipLost}).</li>
 * </ul>
 *
 * <p>Threading: any thread, blocking; called by the start-up check ({@code jiaohao-recovery}) and
 * by a counter's CONFIRM; each call is one transaction (the import of a page is one) under the
 * database's writer lock, so it never interleaves with a change. Call while changes are held.
 * Failure: a store failure ({@link StoreException}) rolls the call's transaction back whole — no
 * event of the page imported, the high-water mark and the numbers untouched — and propagates; the
 * check then ends as failed and the hold stays as the check decides. Events that do not continue
 * this database's history (another office, a hole) are never imported: the import stops before
 * them. Offline: the store only; without head office the check simply never calls
 * {@link #importEvents}.
 */
public final class HubRestore {
    private static final Logger log = LoggerFactory.getLogger(HubRestore.class);
    private static final String ANSWERED = "hub-answered";

    private final OfficeDatabase db;
    private final Supplier<OfficeConfig> config;
    private final OfficeTime time;
    private final EventLog events;
    private final Transitions transitions;
    private final WaitingEstimate estimate;
    private final HighWaterMark highWater;
    private final Numbering numbering;
    private final JsonCodec codec = new JsonCodec();

    HubRestore(OfficeDatabase db, Supplier<OfficeConfig> config, OfficeTime time, EventLog events,
            Transitions transitions, WaitingEstimate estimate, HighWaterMark highWater, Numbering numbering) {
        this.db = db;
        this.config = config;
        this.time = time;
        this.events = events;
        this.transitions = transitions;
        this.estimate = estimate;
        this.highWater = highWater;
        this.numbering = numbering;
    }

    /** Whether the hub has ever answered this database's start-up check (kept in the store, so a backup carries it). */
    public boolean hubAnsweredBefore() {
        return db.transaction(c -> NodeMeta.get(c, ANSWERED) != null);
    }

    /** Records that the hub answered the start-up check. */
    public void recordHubAnswered() {
        db.transaction(c -> NodeMeta.set(c, ANSWERED, time.now().toString()));
    }

    /**
     * Stores the events of {@code page} that continue the local history without a hole (seq =
     * local newest + 1, same office) as they are (same seq and event id, counted as sent) and
     * rebuilds the tickets and counters from them, in one transaction; events at or below the
     * local newest seq are skipped and the first one after a hole, or of another office, ends
     * the import. After the commit the high-water mark, the waiting estimate and the outbox's
     * listeners learn of them. Call while changes are held, before anything new is issued.
     *
     * @return the number of events imported
     */
    public int importEvents(List<OfficeEvent> page) {
        String office = config.get().officeId();
        long[] newest = new long[1];
        int n = db.transaction(c -> {
            long last = EventLog.lastSeq(c);
            int imported = 0;
            for (OfficeEvent e : page) {
                if (e.seq() <= last) {
                    continue;
                }
                if (e.seq() != last + 1 || !e.office().equals(office)) {
                    break; // never a hole: only the run that continues this database's own history
                }
                transitions.replay(c, e, codec.encode(e));
                last = e.seq();
                imported++;
            }
            newest[0] = last;
            if (imported > 0) {
                estimate.changed();
            }
            return imported;
        });
        if (n > 0) {
            highWater.record(newest[0]);
            estimate.wake();
            events.notifyAppended();
        }
        return n;
    }

    /**
     * Takes the database as it is: its newest seq becomes the high-water mark; when the mark says
     * how many committed changes were lost with it, today's numbers continue that many further on
     * in each category, so no printed number is given again. Call only from the start-up check's
     * release by staff.
     *
     * @return the number of committed changes lost (0 when not known)
     */
    public int acceptDatabaseAsItIs() {
        long last = events.lastSeq();
        int lost = highWater.read() instanceof HighWaterMark.Seq m && m.seq() > last
                ? (int) Math.min(m.seq() - last, TicketNumber.MAX_SEQUENCE) : 0;
        if (lost > 0) {
            numbering.skipLost(db, time.day(time.now()), lost);
            log.warn("{} committed changes were lost with the database: today's numbers continue {} further on in each category", lost, lost);
        }
        highWater.force(last);
        return lost;
    }
}
