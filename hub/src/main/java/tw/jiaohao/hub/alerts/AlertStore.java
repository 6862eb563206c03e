package tw.jiaohao.hub.alerts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import tw.jiaohao.hub.db.HubDatabase;

/** The {@code alert} table. Thread-safe; each call is one transaction. */
public final class AlertStore {
    private final HubDatabase db;

    public AlertStore(HubDatabase db) {
        this.db = db;
    }

    /** How a new occurrence meets earlier alerts with the same key. */
    public enum Dedupe {
        /** Never raise the same key twice (a rating belongs to one ticket). */
        ONCE_EVER,
        /** Fold into the open alert with the same key, if any; otherwise raise a new one. */
        WHILE_OPEN
    }

    /**
     * Raises or folds an occurrence; returns true when a new alert was created. With
     * {@link Dedupe#WHILE_OPEN} an occurrence no newer than one already recorded under the
     * key is ignored.
     */
    public boolean raise(Alert a, String dedupeKey, Dedupe dedupe) {
        return db.inTransaction("raising an alert", c -> raise(c, a, dedupeKey, dedupe));
    }

    /** An alert to raise with its de-duplication key. */
    public record Occurrence(Alert alert, String dedupeKey, Dedupe dedupe) {
    }

    /**
     * Moves the event cursor from {@code from} to {@code cursor} and raises the alerts derived
     * from the stored events between, in one transaction: after a crash either both happened or
     * neither, so no event's alert is lost or raised twice. The move is a compare-and-set that
     * comes first: when the cursor is no longer at {@code from} (another hub instance on the same
     * database took these events; its transaction holds the row until it commits) nothing is
     * raised and -1 is returned. Else returns how many new alerts were created.
     */
    public int raiseFromEvents(List<Occurrence> occurrences, long from, long cursor) {
        return db.inTransaction("raising alerts from stored events", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE alert_cursor SET event_id = ? WHERE name = 'events' AND event_id = ?")) {
                ps.setLong(1, cursor);
                ps.setLong(2, from);
                if (ps.executeUpdate() != 1) {
                    return -1;
                }
            }
            int created = 0;
            for (Occurrence o : occurrences) {
                created += raise(c, o.alert(), o.dedupeKey(), o.dedupe()) ? 1 : 0;
            }
            return created;
        });
    }

    /**
     * The id (arrival order) of the last stored event whose alerts are raised. Made on first
     * use at the newest stored event: the hub creates it before its ingest writes anything.
     */
    public long eventCursor() {
        return db.inTransaction("reading the alert cursor", c -> {
            // WHERE true: SQLite reads ON after a FROM as a join's unless something stands between
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_cursor (name, event_id) "
                    + "SELECT 'events', COALESCE(MAX(id), 0) FROM event WHERE true ON CONFLICT DO NOTHING")) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT event_id FROM alert_cursor WHERE name = 'events'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** A stored event and its arrival-order id; {@code payload} is null for types that cannot raise an alert. */
    public record StoredEvent(long id, byte[] payload) {
    }

    /** Stored events after {@code cursor} in arrival order, at most {@code limit}. */
    public List<StoredEvent> eventsAfter(long cursor, int limit) {
        return db.with("reading stored events for alerts", c -> {
            List<StoredEvent> out = new ArrayList<>();
            // only the types that can raise an alert are decoded; the rest just move the cursor
            String alerting = AlertService.ALERTING_TYPES.stream().map(t -> "'" + t.name() + "'")
                    .collect(java.util.stream.Collectors.joining(","));
            try (PreparedStatement ps = c.prepareStatement("SELECT id, CASE WHEN type IN (" + alerting
                    + ") THEN payload END FROM event WHERE id > ? ORDER BY id LIMIT ?")) {
                ps.setLong(1, cursor);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String payload = rs.getString(2);
                        out.add(new StoredEvent(rs.getLong(1),
                                payload == null ? null : payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * One open alert per key across hub instances: the partial unique index {@code alert_open_key}
     * ({@code dedupe_key WHERE handled_at IS NULL}) lets one insert win, and the loser, which
     * waited for the winner's commit, folds into the winner's row instead. A fold changes the row
     * only for a newer occurrence ({@code last_at < ?}), so one status seen by two instances
     * counts once.
     */
    private static boolean raise(Connection c, Alert a, String dedupeKey, Dedupe dedupe) throws SQLException {
        long at = a.lastAt().toEpochMilli();
        if (dedupe == Dedupe.WHILE_OPEN) {
            // a retained status seen again (hub restart, resubscription) is not a new occurrence
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM alert WHERE dedupe_key = ? AND last_at >= ? LIMIT 1")) {
                ps.setString(1, dedupeKey);
                ps.setLong(2, at);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM alert WHERE dedupe_key = ? LIMIT 1")) {
                ps.setString(1, dedupeKey);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
        }
        if (insert(c, a, dedupeKey)) {
            return true;
        }
        if (dedupe == Dedupe.WHILE_OPEN) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alert SET occurrences = occurrences + 1, last_at = ?, detail = ? "
                    + "WHERE dedupe_key = ? AND handled_at IS NULL AND last_at < ?")) {
                ps.setLong(1, at);
                ps.setString(2, a.detail());
                ps.setString(3, dedupeKey);
                ps.setLong(4, at);
                ps.executeUpdate();
            }
        }
        return false;
    }

    /** Inserts the alert unless one with the key is open (then false; on PostgreSQL after the other's insert commits). */
    private static boolean insert(Connection c, Alert a, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert (kind, office, device, counter, ticket_number, detail,"
                + " raised_at, last_at, occurrences, dedupe_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)"
                + " ON CONFLICT (dedupe_key) WHERE handled_at IS NULL DO NOTHING")) {
            ps.setString(1, a.kind().name());
            ps.setString(2, a.office());
            ps.setString(3, a.device());
            if (a.counter() == null) {
                ps.setNull(4, Types.INTEGER);
            } else {
                ps.setInt(4, a.counter());
            }
            ps.setString(5, a.ticketNumber());
            ps.setString(6, a.detail());
            ps.setLong(7, a.raisedAt().toEpochMilli());
            ps.setLong(8, a.lastAt().toEpochMilli());
            ps.setString(9, key);
            return ps.executeUpdate() == 1;
        }
    }

    /** Whether an alert with this key is open. */
    public boolean isOpen(String dedupeKey) {
        return db.with("reading an alert", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM alert WHERE dedupe_key = ? AND handled_at IS NULL LIMIT 1")) {
                ps.setString(1, dedupeKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Closes the open alert under {@code dedupeKey}, if any, as handled by {@code by} at {@code at}
     * (the hub itself when the condition passed, e.g. a wait-target risk that went away); returns
     * whether one was open. The next occurrence under the key raises a new alert.
     */
    public boolean clear(String dedupeKey, String by, Instant at) {
        return db.with("clearing an alert", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alert SET handled_by = ?, handled_at = ? WHERE dedupe_key = ? AND handled_at IS NULL")) {
                ps.setString(1, by);
                ps.setLong(2, at.toEpochMilli());
                ps.setString(3, dedupeKey);
                return ps.executeUpdate() > 0;
            }
        });
    }

    public boolean markHandled(long id, String by, Instant at) {
        return db.with("marking an alert handled", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE alert SET handled_by = ?, handled_at = ? WHERE id = ? AND handled_at IS NULL")) {
                ps.setString(1, by);
                ps.setLong(2, at.toEpochMilli());
                ps.setLong(3, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    public Optional<Alert> find(long id) {
        List<Alert> l = query("SELECT * FROM alert WHERE id = ?", List.of(id), 1);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /**
     * Alerts of the given offices (null = all), open ones first then newest first.
     *
     * @param openOnly only alerts not yet handled
     */
    public List<Alert> list(Collection<String> offices, boolean openOnly, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM alert WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (offices != null) {
            sql.append(" AND office IN (").append(String.join(",", java.util.Collections.nCopies(Math.max(1, offices.size()), "?"))).append(")");
            if (offices.isEmpty()) {
                args.add("");
            }
            args.addAll(offices);
        }
        if (openOnly) {
            sql.append(" AND handled_at IS NULL");
        }
        sql.append(" ORDER BY (handled_at IS NULL) DESC, raised_at DESC, id DESC LIMIT ?");
        return query(sql.toString(), args, limit);
    }

    /** Open alerts per office. */
    public java.util.Map<String, Integer> openCounts() {
        return db.with("counting open alerts", c -> {
            java.util.Map<String, Integer> m = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT office, COUNT(*) FROM alert WHERE handled_at IS NULL GROUP BY office");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), rs.getInt(2));
                }
            }
            return m;
        });
    }

    private List<Alert> query(String sql, List<?> args, int limit) {
        return db.with("reading alerts", c -> {
            List<Alert> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (Object a : args) {
                    ps.setObject(i++, a);
                }
                if (sql.endsWith("LIMIT ?")) {
                    ps.setInt(i, limit);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
            }
            return out;
        });
    }

    private static Alert row(ResultSet rs) throws SQLException {
        int counter = rs.getInt("counter");
        Integer ctr = rs.wasNull() ? null : counter;
        long h = rs.getLong("handled_at");
        Instant handled = rs.wasNull() ? null : Instant.ofEpochMilli(h);
        return new Alert(rs.getLong("id"), AlertKind.valueOf(rs.getString("kind")), rs.getString("office"), rs.getString("device"), ctr,
                rs.getString("ticket_number"), rs.getString("detail"), Instant.ofEpochMilli(rs.getLong("raised_at")),
                Instant.ofEpochMilli(rs.getLong("last_at")), rs.getInt("occurrences"), rs.getString("handled_by"), handled);
    }
}
