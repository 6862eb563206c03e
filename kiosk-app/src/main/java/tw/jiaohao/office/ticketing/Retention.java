package tw.jiaohao.office.ticketing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what the office node no longer needs, so its database stays the same size year after
 * year (docs/office-node/QUEUE.md, "Retention"): of the office days before a cut-off, the
 * events the broker acknowledged (at or below the outbox's mark, {@link EventLog}), the tickets,
 * and self-service requests the hub acknowledged. Never deleted: an event above the mark (the hub
 * may still need it) and the newest event (the next {@code seq} follows it).
 *
 * <p>Works in transactions of at most {@value #CHUNK} rows each, so issuing a ticket waits at
 * most for one short chunk; then returns freed pages to the file system in small
 * {@code PRAGMA incremental_vacuum} steps (the file uses {@code auto_vacuum=INCREMENTAL},
 * {@link OfficeDatabase}).
 */
public final class Retention {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    static final int CHUNK = 500;
    private static final int VACUUM_PAGES = 256;

    /** What one purge deleted. */
    public record Result(int events, int tickets, int requests, long pagesFreed) {
        public boolean isEmpty() {
            return events == 0 && tickets == 0 && requests == 0 && pagesFreed == 0;
        }
    }

    private Retention() {
    }

    /**
     * Purges the office days before {@code today − days}, once per office day: the day of the
     * last purge is kept in the store, so restarts and clocks set back do not repeat it.
     *
     * @return what was deleted, or null when today's purge had already run
     */
    public static Result runIfDue(OfficeDatabase db, LocalDate today, int days) {
        boolean due = db.transaction(c -> {
            String last = NodeMeta.get(c, "purged-day");
            return last == null || LocalDate.parse(last).isBefore(today);
        });
        if (!due) {
            return null;
        }
        Result r = purge(db, today.minusDays(days));
        db.transaction(c -> NodeMeta.set(c, "purged-day", today.toString()));
        if (!r.isEmpty()) {
            log.info("retention: deleted {} events, {} tickets, {} self-service requests of office days before {}; {} pages freed",
                    r.events(), r.tickets(), r.requests(), today.minusDays(days), r.pagesFreed());
        }
        return r;
    }

    /** Purges the office days before {@code cutoff} (exclusive), chunk by chunk. */
    public static Result purge(OfficeDatabase db, LocalDate cutoff) {
        String day = cutoff.toString();
        int events = 0;
        int n;
        do {
            // acknowledged: at or below the outbox's mark
            n = db.transaction(c -> update(c, "DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE office_day < ? "
                    + "AND seq < (SELECT MAX(seq) FROM events) AND seq <= " + EventLog.sentUpTo(c) + " ORDER BY seq LIMIT " + CHUNK + ")", day));
            events += n;
        } while (n == CHUNK);
        int tickets = 0;
        do {
            n = db.transaction(c -> update(c, "DELETE FROM tickets WHERE id IN (SELECT id FROM tickets WHERE office_day < ? "
                    + "AND state NOT IN ('WAITING', 'CALLED', 'SERVING') LIMIT " + CHUNK + ")", day));
            tickets += n;
        } while (n == CHUNK);
        int requests = 0;
        do {
            n = db.transaction(c -> update(c, "DELETE FROM selfservice_request WHERE id IN (SELECT id FROM selfservice_request "
                    + "WHERE office_day < ? AND ack_ms IS NOT NULL LIMIT " + CHUNK + ")", day));
            requests += n;
        } while (n == CHUNK);
        long freed = 0;
        long free;
        while ((free = db.transaction(Retention::freePages)) > 0) {
            db.transaction(c -> {
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("PRAGMA incremental_vacuum(" + VACUUM_PAGES + ")");
                }
                return null;
            });
            long left = db.transaction(Retention::freePages);
            if (left >= free) {
                break; // not an incremental-vacuum file: free pages are reused instead
            }
            freed += free - left;
        }
        return new Result(events, tickets, requests, freed);
    }

    private static long freePages(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("PRAGMA freelist_count"); ResultSet r = s.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    private static int update(Connection c, String sql, String day) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, day);
            return s.executeUpdate();
        }
    }
}
