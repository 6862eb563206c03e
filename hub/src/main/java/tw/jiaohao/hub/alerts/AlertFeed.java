package tw.jiaohao.hub.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * Derives alerts from the stored events through a durable cursor ({@code alert_cursor}): a
 * thread of its own reads the events stored after the cursor, in arrival order, and raises
 * their alerts and moves the cursor in one transaction. A hub that crashes after the ingest's
 * commit and before the alerts therefore raises them at its next start; ingest never waits on
 * alerts. {@link #wake()} (after each ingest commit) makes it look at once; it also looks every
 * {@code idle} by itself. A stored event that cannot be decoded is logged, counted and skipped.
 */
public final class AlertFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);
    private static final int BATCH = 500;

    private final AlertStore store;
    private final AlertService alerts;
    private final JsonCodec codec;
    private final Duration idle;
    private final Semaphore signal = new Semaphore(0);
    private final AtomicLong undecodable = new AtomicLong();
    private final Thread thread;
    private volatile long cursor;
    private volatile boolean running = true;

    /** Reads (or creates) the cursor at once, then starts its thread. */
    public AlertFeed(AlertStore store, AlertService alerts, JsonCodec codec, Duration idle) {
        this.store = store;
        this.alerts = alerts;
        this.codec = codec;
        this.idle = idle;
        this.cursor = store.eventCursor();
        thread = new Thread(this::run, "dashboard-alert-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /** Something new is stored: look now. Returns at once. */
    public void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    /** The id of the last stored event whose alerts are raised. */
    public long cursor() {
        return cursor;
    }

    /** Stored events skipped because their payload could not be decoded. */
    public long undecodable() {
        return undecodable.get();
    }

    private void run() {
        while (running) {
            try {
                if (!drainOnce()) {
                    signal.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS);
                    signal.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.error("alerts from stored events after #{} not raised yet, retrying: {}", cursor, e.getMessage());
                try {
                    Thread.sleep(idle.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** One batch; false when there was nothing after the cursor. */
    private boolean drainOnce() {
        List<AlertStore.StoredEvent> stored = store.eventsAfter(cursor, BATCH);
        if (stored.isEmpty()) {
            return false;
        }
        List<OfficeEvent> events = new ArrayList<>(stored.size());
        int skipped = 0;
        String firstProblem = null;
        for (AlertStore.StoredEvent s : stored) {
            if (s.payload() == null) {
                continue;
            }
            try {
                events.add(codec.decodeOrThrow(s.payload(), OfficeEvent.class));
            } catch (RuntimeException e) {
                skipped++;
                if (firstProblem == null) {
                    firstProblem = "#" + s.id() + ": " + e.getMessage();
                }
            }
        }
        if (skipped > 0) {
            undecodable.addAndGet(skipped);
            log.warn("{} stored event(s) skipped for alerts, cannot be decoded (first {})", skipped, firstProblem);
        }
        long last = stored.get(stored.size() - 1).id();
        if (alerts.raiseFromEvents(events, cursor, last)) {
            cursor = last;
        } else {
            // another hub instance on the same database raised these: continue after its cursor
            cursor = store.eventCursor();
        }
        return true;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
