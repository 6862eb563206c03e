package tw.jiaohao.office.ticketing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.ticketing.lifecycle.Command;
import tw.jiaohao.protocol.event.CancelReason;

/**
 * The end-of-day sweep, the engine's part of the upkeep (docs/office-node/QUEUE.md, "End of the
 * office day"): closes the tickets the office left open —
 * <ul>
 * <li>of every earlier office day: WAITING, CALLED and SERVING tickets, reason {@code DAY_ENDED},
 *     except people in the room after a forward clock step ({@link OfficeTime#inRoom()});</li>
 * <li>of today, once now is at or past {@code office.closes-at}: WAITING and CALLED tickets,
 *     reason {@code OFFICE_CLOSED}, once per office day ({@code node_meta closed-day}, so a
 *     restart or a clock set back does not close today's later tickets again).</li>
 * </ul>
 * Each ticket is closed by the lifecycle ({@link Command.CloseLeftover}): a TICKET_CANCELLED event
 * with the reason, and a counter holding it is freed. A batch is one {@link Transitions#runAll}:
 * its commands decided one after the other on the state the earlier ones left, their rows stored
 * once.
 *
 * <p>Threading: called by the upkeep's thread once a minute; each batch of at most
 * {@value #BATCH} tickets is one change under the writer lock, so a long backlog never blocks
 * issuing for long. Failure: does nothing while changes are held or the clock is not trusted; a
 * failed batch throws (the batches before it stay closed) and the next run goes on. Idempotent:
 * a second run finds nothing. Offline: the store only.
 */
final class EndOfDay {
    private static final Logger log = LoggerFactory.getLogger(EndOfDay.class);
    /** Tickets closed per transaction, so a long backlog never blocks issuing for long. */
    static final int BATCH = 100;

    private final OfficeDatabase db;
    private final Supplier<OfficeConfig> config;
    private final OfficeTime time;
    private final ChangeGate gate;
    private final Changes changes;
    private final Transitions transitions;

    EndOfDay(OfficeDatabase db, Supplier<OfficeConfig> config, OfficeTime time, ChangeGate gate, Changes changes,
            Transitions transitions) {
        this.db = db;
        this.config = config;
        this.time = time;
        this.gate = gate;
        this.changes = changes;
        this.transitions = transitions;
    }

    /** Closes what is due now; returns the number of tickets closed. */
    int run() {
        if (gate.isHeld()) {
            return 0;
        }
        time.look();
        EventLog.Newest newest = db.transaction(EventLog::newest);
        if (!gate.clockTrusted(newest.day())) {
            return 0; // never close a day by a clock that cannot be trusted
        }
        Instant now = time.stamp(newest.at());
        LocalDate today = time.day(now);
        OfficeConfig cfg = config.get();
        int closed = 0;
        int n;
        List<String> inRoom = time.inRoom();
        String keep = inRoom.isEmpty() ? "" : " AND ticket_id NOT IN (" + String.join(", ", Collections.nCopies(inRoom.size(), "?")) + ")";
        do {
            n = changes.run(c -> closeBatch(c, "office_day < ? AND state IN ('WAITING', 'CALLED', 'SERVING')" + keep, today,
                    CancelReason.DAY_ENDED, now, inRoom), k -> k > 0);
            closed += n;
        } while (n == BATCH);
        LocalTime closesAt = cfg.upkeep().closesAt();
        if (closesAt != null && !now.atZone(cfg.zone()).toLocalTime().isBefore(closesAt)) {
            boolean due = db.transaction(c -> {
                String done = NodeMeta.get(c, "closed-day");
                return done == null || LocalDate.parse(done).isBefore(today);
            });
            if (due) {
                do {
                    n = changes.run(c -> closeBatch(c, "office_day = ? AND state IN ('WAITING', 'CALLED')", today,
                            CancelReason.OFFICE_CLOSED, now, List.of()), k -> k > 0);
                    closed += n;
                } while (n == BATCH);
                db.transaction(c -> NodeMeta.set(c, "closed-day", today.toString()));
            }
        }
        if (closed > 0) {
            log.info("closed {} tickets left open at the end of the office day", closed);
        }
        return closed;
    }

    private int closeBatch(Connection c, String where, LocalDate day, CancelReason reason, Instant now, List<String> keep)
            throws SQLException {
        List<String> open = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + TicketRow.COLUMNS + " FROM tickets WHERE " + where
                + " ORDER BY id LIMIT " + BATCH)) {
            s.setString(1, day.toString());
            int i = 2;
            for (String id : keep) {
                s.setString(i++, id);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    open.add(TicketRow.read(r).ticketId());
                }
            }
        }
        List<Command.CloseLeftover> close = new ArrayList<>(open.size());
        for (String id : open) {
            close.add(new Command.CloseLeftover(id, reason, now));
        }
        transitions.runAll(c, TicketStore.load(c, open, List.of()), close);
        return open.size();
    }
}
