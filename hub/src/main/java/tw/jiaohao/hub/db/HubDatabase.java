package tw.jiaohao.hub.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import tw.jiaohao.hub.HubException;

/**
 * The hub's SQLite file as the web side's stores see it (users, sessions, notices, alerts).
 * Their tables are migrated by Flyway from {@code classpath:db/dashboard} with their own history
 * table ({@value #HISTORY_TABLE}), so they can share the file with the ingest store without the
 * two migration sequences colliding. A package of its own, below {@code auth}, {@code alerts} and
 * {@code notices}, so none of them depends on the dashboard that wires them. Thread-safe: every
 * {@link #connection()} is a new connection (WAL, 5 s busy timeout, foreign keys on,
 * transactions BEGIN IMMEDIATE).
 */
public final class HubDatabase {
    public static final String HISTORY_TABLE = "dashboard_schema_history";

    private final DataSource dataSource;

    private HubDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens (creating if needed) the SQLite file and brings the dashboard tables up to date. */
    public static HubDatabase open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new HubException("cannot create the folder of the hub database " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(5000);
        config.enforceForeignKeys(true);
        // take the write lock at BEGIN, so a transaction that reads first waits (busy timeout)
        // for the ingest's writer instead of failing when it upgrades to a write
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return migrate(ds);
    }

    /** Uses an existing data source (the ingest store's), migrating the dashboard tables in it. */
    public static HubDatabase migrate(DataSource dataSource) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/dashboard")
                    .table(HISTORY_TABLE)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new HubException("cannot migrate the dashboard tables: " + e.getMessage()
                    + " (is the database file writable and made by this or an older version of the hub?)", e);
        }
        return new HubDatabase(dataSource);
    }

    public Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new HubException("cannot open the hub database: " + e.getMessage(), e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Work done inside one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} on a fresh connection; SQL errors become {@link HubException}s naming {@code what}. */
    public <T> T with(String what, Work<T> work) {
        try (Connection c = connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new HubException("database error while " + what + ": " + e.getMessage(), e);
        }
    }

    /** Like {@link #with} inside one transaction. */
    public <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new HubException("database error while " + what + ": " + e.getMessage(), e);
        }
    }
}
