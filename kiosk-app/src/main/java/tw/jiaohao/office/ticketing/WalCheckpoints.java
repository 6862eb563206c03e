package tw.jiaohao.office.ticketing;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.process.Bugs;

/**
 * Keeps the office database's WAL short off the callers' path: after every {@link #EVERY} changes
 * its thread {@code jiaohao-checkpoint} runs {@link OfficeDatabase#checkpoint()} under the writer
 * lock, {@link #AFTER_CHANGE} after the change that reached the count.
 *
 * <p>Why: left to SQLite, the checkpoint runs inside the COMMIT that crosses 1,000 WAL pages, and
 * the commit after a complete one writes and syncs a new WAL header. Both are changes a caller is
 * waiting for — at an office's pace, about one ticket in fifty took several milliseconds longer
 * for it (docs/BENCHMARKS.md, "the checkpoint off the issuing path"). Here both are done between
 * changes, and SQLite's own automatic checkpoint only remains the backstop
 * ({@link OfficeDatabase#AUTOMATIC_CHECKPOINT_PAGES}) for large transactions (a hub import, the
 * end-of-day sweep of a busy day).
 *
 * <p>Threading: {@link #changed()} from any thread after a change's commit; it never blocks, and wakes
 * the thread only when the count is reached (the woken thread starts by sleeping, so it does not
 * take the core of the caller that is still returning its ticket). A change that arrives during a
 * checkpoint waits for the writer lock as it would for another change. Failure: a checkpoint that
 * fails (the store) is logged once per kind and tried again after the next {@link #EVERY} changes; a
 * bug is logged with its stack trace ({@link Bugs}); either way nothing is lost — the WAL only stays
 * longer, and SQLite's backstop still runs. Offline: the store only.
 */
final class WalCheckpoints implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WalCheckpoints.class);
    /**
     * Changes between two checkpoints: ≈ 128 × 5–8 WAL pages (an issue writes ≈ 7.5, a call or a
     * no-show fewer), about as often as SQLite's own default of every 1,000 pages and well under
     * the backstop ({@link OfficeDatabase#AUTOMATIC_CHECKPOINT_PAGES}).
     */
    static final int EVERY = 128;
    /** How long after the change that reached {@link #EVERY} the checkpoint starts. */
    static final Duration AFTER_CHANGE = Duration.ofMillis(3);

    private final OfficeDatabase db;
    private final Object signal = new Object();
    private int changes;
    private boolean running;
    private boolean closed;
    private String failing;
    private Thread thread;

    WalCheckpoints(OfficeDatabase db) {
        this.db = db;
    }

    /** Starts the thread {@code jiaohao-checkpoint}; without it only SQLite's automatic checkpoint runs. */
    WalCheckpoints start() {
        thread = new Thread(this::loop, "jiaohao-checkpoint");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** After a change's commit: counts it, and wakes the thread at every {@link #EVERY}th. */
    void changed() {
        synchronized (signal) {
            if (++changes == EVERY) {
                signal.notifyAll();
            }
        }
    }

    /** Whether a checkpoint is due or running (tests and benchmarks that wait for the node's work after a change). */
    boolean pending() {
        synchronized (signal) {
            return running || (changes >= EVERY && thread != null && !closed);
        }
    }

    private void loop() {
        while (true) {
            synchronized (signal) {
                while (changes < EVERY && !closed) {
                    try {
                        signal.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                changes = 0;
                running = true;
            }
            try {
                Thread.sleep(AFTER_CHANGE.toMillis());
                checkpoint();
            } catch (InterruptedException e) {
                return;
            } finally {
                synchronized (signal) {
                    running = false;
                }
            }
        }
    }

    private void checkpoint() {
        try {
            OfficeDatabase.Checkpoint done = db.checkpoint();
            if (failing != null) {
                log.info("WAL checkpoints run again ({} pages copied)", done.frames());
                failing = null;
            }
        } catch (StoreException e) {
            String kind = String.valueOf(OfficeDatabase.primaryCode(e));
            if (!kind.equals(failing)) {
                log.warn("WAL checkpoint failed ({}); tried again after {} more changes", e.getMessage(), EVERY);
                failing = kind;
            }
        } catch (RuntimeException e) {
            Bugs.caught(log, "WAL checkpoint", e);
        }
    }

    /** Stops the thread (a checkpoint under way finishes first). */
    @Override
    public void close() {
        synchronized (signal) {
            closed = true;
            signal.notifyAll();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
