package tw.jiaohao.hub.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tw.jiaohao.hub.db.DbSettings;

/**
 * A fresh, empty PostgreSQL database on the shared test server (127.0.0.1:5432, trust login as
 * {@code postgres}; {@code -Djiaohao.test.pg=host:port} for another), named
 * {@code jiaohao_<what>_<random>} so tests running at the same time never share a schema;
 * dropped by {@link #close()}. A server that cannot be reached fails the test (it never skips).
 */
public final class PostgresDatabase implements AutoCloseable {
    private static final String SERVER = System.getProperty("jiaohao.test.pg", "127.0.0.1:5432");
    private static final String USER = "postgres";

    private final String name;

    private PostgresDatabase(String name) {
        this.name = name;
    }

    /** Creates the database; {@code what} names the test (letters, digits, underscores). */
    public static PostgresDatabase create(String what) {
        String name = ("jiaohao_" + what.replaceAll("[^A-Za-z0-9]", "_") + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + " on PostgreSQL at " + SERVER
                    + " (is it running with trust login for postgres? .ci/run starts it): " + e.getMessage(), e);
        }
        return new PostgresDatabase(name);
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres", USER, "");
    }

    public String url() {
        return "jdbc:postgresql://" + SERVER + "/" + name;
    }

    public String name() {
        return name;
    }

    public DbSettings settings() {
        return DbSettings.postgresql(url(), USER, "");
    }

    /** The hub configuration keys that point a hub here. */
    public Map<String, String> hubConfig() {
        return Map.of("db.url", url(), "db.user", USER, "db.password", "");
    }

    /** A plain connection (not the hub's pool), for a test's own look. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    @Override
    public void close() {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test database " + name + ": " + e.getMessage(), e);
        }
    }
}
