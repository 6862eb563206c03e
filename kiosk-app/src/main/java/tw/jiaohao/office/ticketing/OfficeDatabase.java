package tw.jiaohao.office.ticketing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import tw.jiaohao.office.config.ConfigException;

/**
 * The office node's SQLite file: one connection, WAL, {@code synchronous=FULL} (a commit is on
 * disk before it returns), schema migrated by Flyway from {@code db/office}. Every access goes
 * through {@link #transaction(Work)}, which holds one lock, so the node is the file's only
 * writer and transactions never interleave.
 */
public final class OfficeDatabase implements AutoCloseable {
    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    /** A unit of work run inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private OfficeDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens (creating and migrating if needed) the database of {@code officeId}. Refuses a file
     * that belongs to another office, so a misconfigured node never mixes two offices' numbers.
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
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        try {
            Connection c = config.createConnection(url);
            incrementalVacuum(c, file);
            Flyway.configure().dataSource(url, null, null).locations("classpath:db/office").load().migrate();
            c.setAutoCommit(false);
            OfficeDatabase db = new OfficeDatabase(file, c);
            db.claim(officeId);
            return db;
        } catch (SQLException | RuntimeException e) {
            if (e instanceof ConfigException ce) {
                throw ce;
            }
            throw new StoreException("cannot open the office database " + file.toAbsolutePath()
                    + " (check the path is writable and not used by another office node): " + e.getMessage(), e);
        }
    }

    /**
     * Makes the file {@code auto_vacuum=INCREMENTAL}, so pages freed by {@link Retention} can be
     * handed back to the file system in small steps instead of a whole-file VACUUM that would
     * block the office. Done here, not in a Flyway migration: the mode takes effect on a new file
     * only before its first table, and an existing file needs one VACUUM, which cannot run inside
     * a migration's transaction. That one VACUUM (files from before this release) copies the file
     * once at start-up: seconds for a year of a busy office.
     */
    private static void incrementalVacuum(Connection c, Path file) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
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
                org.slf4j.LoggerFactory.getLogger(OfficeDatabase.class)
                        .info("converting {} to incremental auto-vacuum (once; a VACUUM of the whole file)", file.getFileName());
                s.execute("VACUUM");
            }
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

    /** Runs {@code work} in one transaction under the database lock; commits, or rolls back and throws. */
    public <T> T transaction(Work<T> work) {
        lock.lock();
        try {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                rollback(e);
                throw new StoreException("office database " + file.getFileName() + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                rollback(e);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!connection.isClosed()) {
                connection.close();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot close " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private void rollback(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollback) {
            cause.addSuppressed(rollback);
        }
    }
}
