package tw.jiaohao.office.ticketing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Copies committed WAL frames into the office database file on a thread of its own, so that a
 * ticket's COMMIT never pays for it. Left to SQLite, the commit that takes the log past its
 * automatic-checkpoint size copies every page of the log into the file and syncs the file before
 * it returns: one issue in some dozens then costs milliseconds instead of a fraction of one.
 *
 * <p>Every {@link #PERIOD_MS} ms it looks whether anything was committed since its last pass
 * ({@code PRAGMA data_version}, a read) and if so runs a {@code PASSIVE} checkpoint on its own
 * connection, which never waits for and never blocks the writer or readers. The writer keeps a
 * larger automatic checkpoint ({@link #WRITER_BACKSTOP_PAGES}) as a backstop for a checkpointer that
 * cannot keep up or has failed.
 *
 * <p>Threading: one daemon thread; {@link #close()} stops it and closes its connection. Failure: a
 * failed pass (a full disk, an I/O error) is logged once per kind, counted, and tried again on a
 * later pass; the frames stay in the log, which is as safe as the file. Offline: local only.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);
    /** How often it looks for committed changes; also the most a change's pages wait in the log alone. */
    static final long PERIOD_MS = 200;
    /** The writer's automatic checkpoint, pages of the log (SQLite's default is 1000). */
    static final int WRITER_BACKSTOP_PAGES = 4000;

    private final String url;
    private final String name;
    private final ScheduledExecutorService thread;
    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private Connection connection;
    private long seenVersion = -1;
    private String lastFailure;

    private WalCheckpointer(String url, String name) {
        this.url = url;
        this.name = name;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "office-db-checkpoint");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts checkpointing the database at {@code url} ({@code name} for the log). */
    static WalCheckpointer start(String url, String name) {
        WalCheckpointer c = new WalCheckpointer(url, name);
        c.thread.scheduleWithFixedDelay(c::pass, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
        return c;
    }

    /** Checkpoints that copied frames, since start. */
    long passes() {
        return passes.get();
    }

    /** Passes that failed, since start. */
    long failures() {
        return failures.get();
    }

    private void pass() {
        try {
            if (connection == null) {
                SQLiteConfig config = new SQLiteConfig();
                config.setBusyTimeout(0);
                connection = config.createConnection(url);
                seenVersion = -1;
            }
            try (Statement s = connection.createStatement()) {
                long version;
                try (ResultSet r = s.executeQuery("PRAGMA data_version")) {
                    version = r.next() ? r.getLong(1) : -1;
                }
                if (version == seenVersion) {
                    return;
                }
                try (ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                    // (busy, frames in the log, frames copied): a reader may keep the newest frames back until the next pass
                    if (r.next() && r.getInt(3) >= r.getInt(2)) {
                        seenVersion = version;
                    }
                }
                passes.incrementAndGet();
            }
            if (lastFailure != null) {
                log.info("office database {}: checkpoints work again", name);
                lastFailure = null;
            }
        } catch (SQLException | RuntimeException e) {
            failures.incrementAndGet();
            String kind = e.getClass().getSimpleName() + ":" + OfficeDatabase.primaryCode(e);
            if (!kind.equals(lastFailure)) {
                log.warn("office database {}: checkpoint failed ({}); the log keeps the changes, tried again later", name, e.getMessage());
                lastFailure = kind;
            }
            closeConnection();
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // dropped after a failure; a new one is opened on the next pass
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}
