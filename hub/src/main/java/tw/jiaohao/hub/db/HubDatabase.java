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
 * The hub's SQLite file: the one owner of its connection settings ({@link #settings}: WAL,
 * {@value #BUSY_TIMEOUT_MS} ms busy timeout) and of its one Flyway migration history
 * ({@link #migrate}, every table of the ingest, accounts, cases and the web side, from
 * {@value #MIGRATIONS}). Every store that keeps tables in the file opens it through here. An
 * instance ({@link #open}) serves the web side's stores (users, sessions, notices, alerts); a
 * package of its own, below {@code auth}, {@code alerts}, {@code notices} and {@code store}, so
 * none of them depends on the parts that wire them. Thread-safe: every {@link #connection()} is
 * a new connection (foreign keys on, transactions BEGIN IMMEDIATE).
 */
public final class HubDatabase {
    /** The hub database's Flyway migrations: one history for the whole file. */
    public static final String MIGRATIONS = "classpath:tw/jiaohao/hub/store/migration";
    /** How long a connection waits for another's write lock before SQLITE_BUSY. */
    public static final int BUSY_TIMEOUT_MS = 10_000;

    private final DataSource dataSource;

    private HubDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Creates {@code file}'s folder if missing, brings the database there up to the newest schema
     * (creating it if absent) and returns its JDBC url. Not thread-safe against another migration
     * of the same file.
     */
    public static String migrate(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (java.io.IOException e) {
            throw new HubException("cannot create the folder of the hub database " + absolute + " (" + e.getMessage()
                    + "); set db.path to a writable place", e);
        }
        String url = "jdbc:sqlite:" + absolute;
        try {
            Flyway.configure().dataSource(url, "", "").locations(MIGRATIONS).load().migrate();
        } catch (FlywayException e) {
            throw new HubException("cannot migrate the hub database " + absolute + ": " + e.getMessage()
                    + " (is the file writable and made by this or an older version of the hub?)", e);
        }
        return url;
    }

    /** Connection settings of every connection to the file: WAL journal, {@code synchronous} as given, the one busy timeout. */
    public static SQLiteConfig settings(SQLiteConfig.SynchronousMode synchronous) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(synchronous);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        return config;
    }

    /** Opens (creating and migrating if needed) the hub database for the web side's stores. */
    public static HubDatabase open(Path file) {
        String url = migrate(file);
        SQLiteConfig config = settings(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        // take the write lock at BEGIN, so a transaction that reads first waits (busy timeout)
        // for the ingest's writer instead of failing when it upgrades to a write
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl(url);
        return new HubDatabase(ds);
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
