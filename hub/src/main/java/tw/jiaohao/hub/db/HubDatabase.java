package tw.jiaohao.hub.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import tw.jiaohao.hub.HubException;

/**
 * The hub's database, the one owner of the choice between its two kinds ({@link Dialect}): the
 * SQLite file (default: WAL, {@value #BUSY_TIMEOUT_MS} ms busy timeout, {@link #settings}) or a
 * PostgreSQL server ({@code db.url}, connections pooled by HikariCP). It migrates the database
 * at {@link #open} with Flyway from the history of its kind ({@value #MIGRATIONS} for SQLite,
 * {@value #POSTGRESQL_MIGRATIONS} for PostgreSQL: the same versions, one twin per version), and
 * hands out connections and transactions to every store: the ingest's, the accounts', the
 * cases' and the web side's (users, sessions, notices, alerts). A package of its own, below
 * {@code auth}, {@code alerts}, {@code notices} and {@code store}, so none of them depends on
 * the parts that wire them. Thread-safe: every {@link #connection()} is a new or pooled
 * connection, which the caller closes. {@link #close()} closes the pool.
 */
public final class HubDatabase implements AutoCloseable {
    /** The SQLite history (its versions and checksums are those of every installed hub file: never edit, only add). */
    public static final String MIGRATIONS = "classpath:tw/jiaohao/hub/store/migration";
    /** The PostgreSQL history: one twin of every SQLite version, same number, same tables. */
    public static final String POSTGRESQL_MIGRATIONS = "classpath:tw/jiaohao/hub/store/postgresql";
    /** How long a connection waits for another's write lock before SQLITE_BUSY. */
    public static final int BUSY_TIMEOUT_MS = 10_000;

    /** How much of a commit survives: FULL also a power loss, NORMAL only a process crash (SQLite; PostgreSQL commits per its server's settings). */
    public enum Durability { FULL, NORMAL }

    private final DbSettings settings;
    private final DataSource dataSource;
    private final HikariDataSource pool;

    private HubDatabase(DbSettings settings, DataSource dataSource, HikariDataSource pool) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.pool = pool;
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

    /** Opens (creating and migrating if needed) the hub's SQLite file. */
    public static HubDatabase open(Path file) {
        return open(DbSettings.sqlite(file));
    }

    /**
     * Opens the database {@code settings} name and migrates it to the newest schema of its kind
     * (several hubs migrating one PostgreSQL database at once is safe: Flyway locks it).
     *
     * @throws HubException naming the database when it cannot be reached or migrated
     */
    public static HubDatabase open(DbSettings settings) {
        if (settings.dialect() == Dialect.SQLITE) {
            String url = migrate(settings.file());
            SQLiteConfig config = HubDatabase.settings(SQLiteConfig.SynchronousMode.NORMAL);
            config.enforceForeignKeys(true);
            // take the write lock at BEGIN, so a transaction that reads first waits (busy timeout)
            // for the ingest's writer instead of failing when it upgrades to a write
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            SQLiteDataSource ds = new SQLiteDataSource(config);
            ds.setUrl(url);
            return new HubDatabase(settings, ds, null);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setPoolName("hub-db");
        config.setConnectionTimeout(10_000);
        // server messages name constraints and columns; their details would quote the row's values
        config.addDataSourceProperty("logServerErrorDetail", "false");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new HubException("cannot reach the hub database " + settings.where() + ": " + rootMessage(e)
                    + " (check db.url, db.user, db.password and that the server is running)", e);
        }
        try {
            Flyway.configure().dataSource(pool).locations(POSTGRESQL_MIGRATIONS).load().migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new HubException("cannot migrate the hub database " + settings.where() + ": " + e.getMessage()
                    + " (is it a Jiaohao hub database of this or an older version, or empty?)", e);
        }
        return new HubDatabase(settings, pool, pool);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Which kind of database this is. */
    public Dialect dialect() {
        return settings.dialect();
    }

    /** The settings it was opened with. */
    public DbSettings settings() {
        return settings;
    }

    /** Where the data is, for messages (a file, or a url without credentials). */
    public String where() {
        return settings.where();
    }

    /**
     * A connection for a store that keeps its own (the ingest's writer, the cases' and accounts'
     * connections): on SQLite a new connection with {@code durability} and, if asked, foreign
     * keys enforced; on PostgreSQL one from the pool (foreign keys always hold). The caller
     * closes it.
     */
    public Connection connection(Durability durability, boolean foreignKeys) throws SQLException {
        if (pool != null) {
            return pool.getConnection();
        }
        SQLiteConfig config = settings(durability == Durability.FULL ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        if (foreignKeys) {
            config.enforceForeignKeys(true);
        }
        return DriverManager.getConnection("jdbc:sqlite:" + settings.file().toAbsolutePath(), config.toProperties());
    }

    /** Closes the pool (PostgreSQL); nothing to close for SQLite, whose connections their users close. */
    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    public Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new HubException("cannot open the hub database " + where() + ": " + e.getMessage(), e);
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
