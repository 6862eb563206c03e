package tw.jiaohao.hub.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.store.SqliteHubStore;

/** The hub's SQLite file has one migration history, and a file made with the web side's old history keeps its rows. */
class HubDatabaseIT {
    @TempDir
    Path dir;

    @Test
    void aNewFile_hasOneMigrationHistory_holdingTheIngestAndTheWebTables() throws Exception {
        Path file = dir.resolve("hub.db");
        HubDatabase.open(file);
        new SqliteHubStore(file, SqliteHubStore.Sync.NORMAL, new tw.jiaohao.protocol.codec.JsonCodec(), java.time.Clock.systemUTC()).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(tables(c)).filteredOn(t -> t.contains("schema_history")).containsExactly("flyway_schema_history");
            assertThat(tables(c)).contains("event", "account", "service_case", "hub_user", "hub_session", "notice", "alert", "alert_cursor");
        }
    }

    @Test
    void aFileWithTheWebSidesOldHistory_keepsItsUsersAndLosesOnlyThatHistory() throws Exception {
        Path file = dir.resolve("old.db");
        String url = "jdbc:sqlite:" + file;
        Flyway.configure().dataSource(url, "", "").locations(HubDatabase.MIGRATIONS).target("24").load().migrate();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            // what the web side's own migrations (db/dashboard V1, V2) left in a file before
            s.execute("CREATE TABLE dashboard_schema_history (installed_rank INT)");
            s.execute("CREATE TABLE hub_user (username TEXT PRIMARY KEY, role TEXT NOT NULL, office TEXT, password_hash TEXT NOT NULL, "
                    + "created_at INTEGER NOT NULL)");
            s.execute("INSERT INTO hub_user VALUES ('boss', 'HEAD_OFFICE', NULL, 'x', 1)");
            s.execute("CREATE TABLE alert_cursor (name TEXT PRIMARY KEY, event_id INTEGER NOT NULL)");
            s.execute("INSERT INTO alert_cursor VALUES ('events', 42)");
        }
        HubDatabase db = HubDatabase.open(file);
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            assertThat(tables(c)).doesNotContain("dashboard_schema_history").contains("hub_session", "notice", "alert");
            try (ResultSet r = s.executeQuery("SELECT username FROM hub_user")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("boss");
            }
            try (ResultSet r = s.executeQuery("SELECT event_id FROM alert_cursor")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getLong(1)).isEqualTo(42);
            }
        }
    }

    private static List<String> tables(Connection c) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
