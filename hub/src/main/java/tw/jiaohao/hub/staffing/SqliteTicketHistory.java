package tw.jiaohao.hub.staffing;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import tw.jiaohao.hub.db.HubDatabase;

/** {@link TicketHistory} over the hub's SQLite file (the ingest's {@code ticket} table). */
public final class SqliteTicketHistory implements TicketHistory {
    private final HubDatabase db;

    public SqliteTicketHistory(HubDatabase db) {
        this.db = db;
    }

    @Override
    public List<Ticket> tickets(String office, long fromMs, long toMs) {
        return db.with("read the tickets of " + office + " for staffing", c -> {
            List<Ticket> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT category, issued_at_ms, called_at_ms, started_at_ms, finished_at_ms, "
                    + "service_counter, state FROM ticket WHERE office = ? AND issued_at_ms >= ? AND issued_at_ms < ? ORDER BY issued_at_ms")) {
                ps.setString(1, office);
                ps.setLong(2, fromMs);
                ps.setLong(3, toMs);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Ticket(rs.getString(1), rs.getLong(2), longOrNull(rs, 3), longOrNull(rs, 4), longOrNull(rs, 5),
                                rs.getObject(6) == null ? null : rs.getInt(6), rs.getString(7)));
                    }
                }
            }
            return out;
        });
    }

    private static Long longOrNull(ResultSet rs, int i) throws java.sql.SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }
}
