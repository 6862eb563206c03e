package tw.jiaohao.office.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V22 replaces two indexes so an issue writes fewer index pages, and V23 turns the outbox's rows into
 * its mark (every event up to it acknowledged); the rows, the unsent events and the readers' plans stay.
 */
class IssuePathIndexesMigrationIT {
    private static final String LAST_CALLS = "SELECT payload FROM events WHERE office_day = ? "
            + "AND type IN ('TICKET_CALLED', 'TICKET_RECALLED') ORDER BY seq DESC LIMIT ?";

    @TempDir
    Path dir;

    @Test
    void aDatabaseOfTheRelease_before_migratesWithEveryRow_andTheLastCallsAreReadThroughTheNewIndex() throws SQLException {
        Path file = dir.resolve("office.db");
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/office").target("21").load().migrate();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO node_meta (key, value) VALUES ('office', 'office-1')");
            s.execute("INSERT INTO tickets (ticket_id, office_day, category, number, state, issued_at, counter, called_at) VALUES "
                    + "('2026-11-22/A001', '2026-11-22', 'A', 1, 'CALLED', 1000, 1, 2000), "
                    + "('2026-11-22/A002', '2026-11-22', 'A', 2, 'WAITING', 1500, NULL, NULL)");
            s.execute("INSERT INTO events (seq, event_id, type, at, office_day, ticket_id, payload) VALUES "
                    + "(1, 'e1', 'TICKET_ISSUED', 1000, '2026-11-22', '2026-11-22/A001', x'7b7d'), "
                    + "(2, 'e2', 'TICKET_ISSUED', 1500, '2026-11-22', '2026-11-22/A002', x'7b7d'), "
                    + "(3, 'e3', 'TICKET_CALLED', 2000, '2026-11-22', '2026-11-22/A001', x'7b7d')");
            s.execute("INSERT INTO outbox (seq, sent_at) VALUES (1, 1100), (2, NULL), (3, NULL)");
        }

        try (OfficeDatabase db = OfficeDatabase.open(file, "office-1")) {
            db.transaction(c -> {
                assertThat(count(c, "SELECT COUNT(*) FROM tickets")).isEqualTo(2);
                assertThat(count(c, "SELECT COUNT(*) FROM events")).isEqualTo(3);
                assertThat(count(c, "SELECT CAST(value AS INTEGER) FROM node_meta WHERE key = '" + EventLog.SENT_UP_TO + "'"))
                        .as("the mark below the oldest unsent row").isEqualTo(1);
                assertThat(count(c, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'outbox'")).isZero();
                assertThat(count(c, "SELECT COUNT(*) FROM tickets WHERE office_day = '2026-11-22' AND called_at IS NOT NULL")).isEqualTo(1);
                assertThat(indexes(c)).contains("events_day_calls", "tickets_calls").doesNotContain("events_day_type", "outbox_pending");
                assertThat(plan(c, LAST_CALLS)).contains("events_day_calls");
                try (PreparedStatement p = c.prepareStatement(LAST_CALLS)) {
                    p.setString(1, "2026-11-22");
                    p.setInt(2, 10);
                    try (ResultSet r = p.executeQuery()) {
                        assertThat(r.next()).as("the one call of the day").isTrue();
                        assertThat(r.next()).isFalse();
                    }
                }
                return null;
            });
            assertThat(new EventLog(db, "office-1").pending(0, 100)).as("the unsent events, to the publisher")
                    .extracting(EventOutbox.StoredEvent::seq).containsExactly(2L, 3L);
        }
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getInt(1) : -1;
        }
    }

    private static List<String> indexes(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index'")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    private static String plan(Connection c, String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (PreparedStatement s = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            s.setString(1, "2026-11-22");
            s.setInt(2, 10);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.append(r.getString(4)).append('\n');
                }
            }
        }
        return out.toString();
    }
}
