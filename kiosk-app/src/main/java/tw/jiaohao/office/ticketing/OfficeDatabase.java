package tw.jiaohao.office.ticketing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;
import tw.jiaohao.office.config.ConfigException;

/**
 * The office node's SQLite file: one connection, WAL, {@code synchronous=FULL} (a commit is on
 * disk before it returns), schema migrated by Flyway from {@code db/office}. Every access goes
 * through {@link #transaction(Work)}, which holds one lock, so the node is the file's only
 * writer and transactions never interleave.
 *
 * <p>A failed transaction never leaves the connection behind it: after any {@link SQLException}
 * (a full disk, an I/O error, a lock) the connection is closed — which rolls back whatever SQLite
 * had not already rolled back itself — and the next transaction opens a new one. Reusing it
 * would be wrong: after {@code SQLITE_FULL} SQLite may have ended the transaction on its own, and
 * the driver would then run every later statement in autocommit mode, one by one.
 */
public final class OfficeDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OfficeDatabase.class);
    /**
     * SQLite's own checkpoint, inside the COMMIT that crosses this many WAL pages: only the backstop
     * behind {@link WalCheckpoints}, which checkpoints between changes long before (SQLite's default,
     * 1,000, is within reach of {@link WalCheckpoints#EVERY} changes of ≈ 7.5 pages each).
     */
    static final int AUTOMATIC_CHECKPOINT_PAGES = 2_000;
    private final Path file;
    private final String url;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong failures = new AtomicLong();
    private Connection connection;
    private volatile StoreCondition condition = StoreCondition.OK;
    /** A unit of work run inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Answers, on a fresh connection after a failed COMMIT, whether the work that produced
     * {@code result} is in the file after all (for example: is its event stored).
     */
    @FunctionalInterface
    public interface Committed<T> {
        boolean in(Connection c, T result) throws SQLException;
    }

    /** The last outcome of a transaction, for the node's status and alerts. */
    public enum StoreCondition {
        OK, DISK_FULL, IO_ERROR, OTHER_ERROR;

        static StoreCondition of(SQLException e) {
            int code = primaryCode(e);
            if (code == 13) { // SQLITE_FULL
                return DISK_FULL;
            }
            return code == 10 ? IO_ERROR : OTHER_ERROR; // SQLITE_IOERR
        }
    }

    private OfficeDatabase(Path file, String url, Connection connection) {
        this.file = file;
        this.url = url;
        this.connection = connection;
    }

    /**
     * The statement for {@code sql} on {@code c}, prepared once per writer connection of an office
     * database and reused by every later transaction on it ({@link StatementCache}); callers set
     * all its parameters, close the result sets they open, and never close the statement. Call only
     * inside {@link #transaction(Work)} (whose lock keeps one thread on a connection at a time).
     */
    static PreparedStatement prepared(Connection c, String sql) throws SQLException {
        return StatementCache.prepared(c, sql);
    }

    /**
     * Opens (creating and migrating if needed) the database of {@code officeId}. Refuses a file
     * that belongs to another office, so a misconfigured node never mixes two offices' numbers,
     * and a damaged file ({@link DamagedDatabaseException}, with the restore command to run).
     */
    public static OfficeDatabase open(Path file, String officeId) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new ConfigException("database.path", "cannot create the folder of " + file + ": " + e.getMessage());
        }
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        try {
            Connection c = StatementCache.attach(connect(url));
            try {
                checkIntact(c, file);
                incrementalVacuum(c, file);
                Flyway.configure().dataSource(url, null, null).locations("classpath:db/office").load().migrate();
                c.setAutoCommit(false);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            OfficeDatabase db = new OfficeDatabase(file, url, c);
            db.claim(officeId);
            return db;
        } catch (SQLException | RuntimeException e) {
            if (e instanceof ConfigException || e instanceof DamagedDatabaseException) {
                throw (RuntimeException) e;
            }
            if (damaged(e)) {
                throw new DamagedDatabaseException(file, "SQLite: " + rootMessage(e));
            }
            throw new StoreException("cannot open the office database " + file.toAbsolutePath()
                    + " (check the path is writable and not used by another office node): " + rootMessage(e), e);
        }
    }

    private static Connection connect(String url) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setWalAutocheckpoint(AUTOMATIC_CHECKPOINT_PAGES);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        // nothing reads generated keys; with them on, the driver runs "SELECT last_insert_rowid()" after every INSERT
        config.setGetGeneratedKeys(false);
        return config.createConnection(url);
    }

    /** {@code PRAGMA quick_check}: a damaged file is refused before anything is written to it. */
    private static void checkIntact(Connection c, Path file) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA quick_check(1)")) {
            String result = r.next() ? r.getString(1) : "no answer";
            if (!"ok".equals(result)) {
                throw new DamagedDatabaseException(file, "quick_check: " + result);
            }
        }
    }

    /**
     * Makes the file {@code auto_vacuum=INCREMENTAL}, so pages freed by {@link Retention} can be
     * handed back to the file system in small steps instead of a whole-file VACUUM that would
     * block the office. Done here, not in a Flyway migration: the mode takes effect on a new file
     * only before its first table, and an existing file needs one VACUUM, which cannot run inside
     * a migration's transaction. A new (empty) file gets it written by a VACUUM on this same
     * connection, which costs nothing and makes the mode part of the file before Flyway's own
     * connection creates the tables. A file from before this release is copied once at start-up:
     * seconds for a year of a busy office.
     */
    private static void incrementalVacuum(Connection c, Path file) throws SQLException {
        try (Statement s = c.createStatement()) {
            int mode;
            try (ResultSet r = s.executeQuery("PRAGMA auto_vacuum")) {
                mode = r.next() ? r.getInt(1) : 0;
            }
            if (mode == 2) {
                return;
            }
            s.execute("PRAGMA auto_vacuum = INCREMENTAL");
            boolean hasTables;
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'")) {
                hasTables = r.next() && r.getInt(1) > 0;
            }
            if (hasTables) {
                log.info("converting {} to incremental auto-vacuum (once; a VACUUM of the whole file)", file.getFileName());
            }
            s.execute("VACUUM");
        }
    }

    private void claim(String officeId) {
        String owner = transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT value FROM node_meta WHERE key = 'office'");
                 ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return r.getString(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO node_meta (key, value) VALUES ('office', ?)")) {
                s.setString(1, officeId);
                s.executeUpdate();
            }
            return officeId;
        });
        if (!owner.equals(officeId)) {
            close();
            throw new ConfigException("database.path", file + " holds office '" + owner + "', not '" + officeId
                    + "'; give each office its own database file");
        }
    }

    /**
     * Runs {@code work} in one transaction under the database lock; commits, or rolls back and
     * throws {@link StoreException} (nothing was stored). When only the COMMIT failed it throws
     * {@link CommitFailedException}: the change may or may not be in the file.
     */
    public <T> T transaction(Work<T> work) {
        lock.lock();
        try {
            Connection c = connection();
            T result;
            try {
                result = work.run(c);
            } catch (SQLException e) {
                abandon(e);
                throw new StoreException("office database " + file.getFileName() + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                    abandon(rollback);
                }
                throw e;
            }
            try {
                c.commit();
            } catch (SQLException e) {
                abandon(e);
                throw new CommitFailedException("office database " + file.getFileName() + ": commit failed: " + e.getMessage(), e, result);
            }
            if (condition != StoreCondition.OK && wrote(c)) {
                log.info("office database {} stores changes again (after {} failed transactions)", file.getFileName(), failures.get());
                condition = StoreCondition.OK;
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Like {@link #transaction(Work)}, but when the COMMIT fails it looks on a new connection
     * whether the change is in the file after all ({@code committed}) and returns the result if
     * it is. So a caller's answer is true either way: the result means stored, a
     * {@link StoreException} means not stored — or, when even the look failed, a
     * {@link CommitFailedException}, whose outcome is not known yet.
     */
    public <T> T transaction(Work<T> work, Committed<T> committed) {
        try {
            return transaction(work);
        } catch (CommitFailedException e) {
            @SuppressWarnings("unchecked")
            T result = (T) e.result();
            boolean stored;
            try {
                stored = transaction(c -> committed.in(c, result));
            } catch (StoreException lookFailed) {
                e.addSuppressed(lookFailed);
                throw e;
            }
            if (stored) {
                log.warn("office database {}: the commit reported an error but the change is stored", file.getFileName());
                return result;
            }
            throw new StoreException("office database " + file.getFileName() + ": not stored (" + rootMessage(e) + ")", e);
        }
    }

    /**
     * What one {@link #checkpoint()} did: the WAL's {@code frames} when it ran, and whether every
     * one of them is now in the database file ({@code complete}; the WAL then starts again from its
     * beginning, and that first write was made by the checkpoint itself).
     */
    public record Checkpoint(int frames, boolean complete) {
        public Checkpoint {
            if (frames < 0) {
                throw new IllegalArgumentException("frames must not be negative: " + frames);
            }
        }
    }

    /**
     * Copies the WAL's committed pages into the database file ({@code PRAGMA wal_checkpoint(PASSIVE)})
     * under the writer lock, between changes; when it copied them all it also makes the first write
     * of the WAL's next round ({@code node_meta wal-checkpoints}, the count of these checkpoints): after a
     * complete checkpoint SQLite writes a new WAL header and syncs it on the next commit, and that
     * commit is then this one, not a customer's ticket. SQLite's own automatic checkpoint
     * ({@link #AUTOMATIC_CHECKPOINT_PAGES}) stays as the backstop. Failure: a {@link StoreException} (the connection is
     * opened again by the next transaction, as after any failure); nothing is lost, the WAL just
     * stays longer.
     */
    public Checkpoint checkpoint() {
        return transaction(c -> {
            int frames;
            boolean complete;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                if (!r.next()) {
                    return new Checkpoint(0, false);
                }
                frames = Math.max(0, r.getInt(2));
                complete = r.getInt(1) == 0 && frames > 0 && r.getInt(3) == frames;
            }
            if (complete) {
                String count = NodeMeta.get(c, "wal-checkpoints");
                NodeMeta.set(c, "wal-checkpoints", Long.toString(count == null ? 1 : Long.parseLong(count) + 1));
            }
            return new Checkpoint(frames, complete);
        });
    }

    /** Whether this connection (opened again after the last failure) has stored a change: reads alone prove nothing. */
    private static boolean wrote(Connection c) {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT total_changes()")) {
            return r.next() && r.getLong(1) > 0;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The connection, opened again after a failure; a failure to open is a {@link StoreException}. */
    private Connection connection() {
        if (connection != null) {
            return connection;
        }
        try {
            Connection c = StatementCache.attach(connect(url));
            c.setAutoCommit(false);
            connection = c;
            log.debug("office database {}: connection opened again", file.getFileName());
            return c;
        } catch (SQLException e) {
            note(e);
            throw new StoreException("office database " + file.getFileName() + ": cannot open it again: " + e.getMessage(), e);
        }
    }

    /** Drops the connection after a failure; closing it rolls back what is left of the transaction. */
    private void abandon(SQLException cause) {
        note(cause);
        Connection c = connection;
        connection = null;
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // SQLite may have rolled back already; closing below ends the transaction either way
        }
        try {
            c.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void note(SQLException e) {
        failures.incrementAndGet();
        StoreCondition now = StoreCondition.of(e);
        if (now != condition) {
            log.warn("office database {} failed ({}): {}; the next change opens it again", file.getFileName(), now, e.getMessage());
            condition = now;
        }
    }

    /** The outcome of the last transaction: {@link StoreCondition#OK} once one succeeded after a failure. */
    public StoreCondition condition() {
        return condition;
    }

    /** Transactions failed by the store since start (each one logged only when the condition changed). */
    public long failures() {
        return failures.get();
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (connection != null && !connection.isClosed()) {
                connection.close();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot close " + file + ": " + e.getMessage(), e);
        } finally {
            connection = null;
            lock.unlock();
        }
    }

    static int primaryCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s) {
                return s.getResultCode().code & 0xff;
            }
        }
        return -1;
    }

    /** SQLITE_CORRUPT (11) or SQLITE_NOTADB (26) anywhere in the chain. */
    private static boolean damaged(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            int code = primaryCode(t);
            if (code == 11 || code == 26) {
                return true;
            }
            String m = String.valueOf(t.getMessage());
            if (m.contains("SQLITE_CORRUPT") || m.contains("SQLITE_NOTADB") || m.contains("malformed")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
