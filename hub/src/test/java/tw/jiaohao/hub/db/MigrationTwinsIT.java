package tw.jiaohao.hub.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.testing.PostgresDatabase;

/**
 * The two migration histories stay twins: every SQLite version has a PostgreSQL migration of
 * the same version and description and the other way round, and both bring a new database to
 * the same tables with the same columns.
 */
class MigrationTwinsIT {
    @TempDir
    Path dir;

    @Test
    void everySqliteMigration_hasAPostgresqlTwin_andTheOtherWayRound() throws Exception {
        TreeSet<String> sqlite = migrations(HubDatabase.MIGRATIONS);
        TreeSet<String> postgresql = migrations(HubDatabase.POSTGRESQL_MIGRATIONS);
        assertThat(sqlite).as("SQLite migrations").isNotEmpty();
        assertThat(postgresql).as("PostgreSQL twins of the SQLite migrations (hub/src/main/resources/tw/jiaohao/hub/store/postgresql)")
                .containsExactlyElementsOf(sqlite);
    }

    @Test
    void bothHistories_makeTheSameTablesWithTheSameColumns() throws Exception {
        Map<String, TreeSet<String>> sqlite;
        try (HubDatabase db = HubDatabase.open(dir.resolve("hub.db")); Connection c = db.connection()) {
            sqlite = columns(c, null);
        }
        Map<String, TreeSet<String>> postgresql;
        try (PostgresDatabase pg = PostgresDatabase.create("twins")) {
            try (HubDatabase db = HubDatabase.open(pg.settings()); Connection c = db.connection()) {
                postgresql = columns(c, "public");
            }
        }
        assertThat(sqlite).containsKeys("event", "rollup_day", "hub_session", "service_case", "account");
        assertThat(postgresql).isEqualTo(sqlite);
    }

    /** Each migration's file name without its extension ({@code V21__cases}): version and description. */
    private static TreeSet<String> migrations(String location) throws URISyntaxException, java.io.IOException {
        String folder = location.substring("classpath:".length());
        java.net.URI uri = MigrationTwinsIT.class.getClassLoader().getResource(folder).toURI();
        if (uri.getScheme().equals("jar")) { // the packaged jar, as the integration tests run it
            try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(uri, Map.of())) {
                return names(jar.provider().getPath(uri));
            }
        }
        return names(Path.of(uri));
    }

    private static TreeSet<String> names(Path folder) throws java.io.IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.+\\.sql"))
                    .map(n -> n.substring(0, n.length() - ".sql".length())).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Map<String, TreeSet<String>> columns(Connection c, String schema) throws Exception {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet tables = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                String table = tables.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT);
                if (table.equals("flyway_schema_history") || table.startsWith("sqlite_")) {
                    continue;
                }
                out.put(table, new TreeSet<>());
            }
        }
        for (String table : out.keySet()) {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    out.get(table).add(r.getMetaData().getColumnName(i).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return out;
    }
}
