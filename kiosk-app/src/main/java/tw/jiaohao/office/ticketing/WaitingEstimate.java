package tw.jiaohao.office.ticketing;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.forecast.Estimate;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.process.Bugs;

/**
 * The waiting estimate, one part of the queue engine: each category's forecast for a ticket
 * issued now — "the next ticket" — kept ready, so issuing a ticket does not run the forecast
 * (docs/office-node/QUEUE.md, "The waiting estimate").
 *
 * <p><b>What "current" means.</b> The forecasts of one round are computed from one read of the
 * committed state (waiting tickets, counters, today's arrivals, the learned model) and labelled
 * with the state's version: a number the engine advances inside every transaction that may
 * change tickets, counters or the settings ({@link #changed()}). A round is current for a ticket
 * when its version is the version the issuing transaction reads — nothing changed since the
 * round's read, so it forecast exactly the queue the new ticket joins —, it is of the same office
 * day, and it was read at most {@link #MAX_AGE} before by the engine's clock (waits and services
 * under way grow with time). A ticket never carries an older forecast: when the round is not
 * current (the first ticket after a start, the estimator still busy with the change just made,
 * a clock moved on) the issue forecasts its own category itself ({@link Pending}), as it did
 * before this part existed.
 *
 * <p><b>Threading.</b> One daemon thread, {@code jiaohao-estimate}, computes a round after each
 * change, {@link #AFTER_CHANGE} after it is woken (coalesced: after a burst it reads the newest
 * state once), and every {@link #REFRESH} without one. It reads in one short transaction and forecasts outside it, so the forecasts never
 * hold the writer lock (the learned model's refit, every 30 minutes, runs in that read). Every
 * other method is thread-safe and never waits for the thread. After each round that followed a
 * change the listeners run on the thread (the snapshot publisher, which then finds the round
 * current instead of forecasting again).
 *
 * <p><b>Failure.</b> A round that fails (the store, a bug) is logged — a store failure as one line
 * per kind, a bug with its stack trace ({@link Bugs}) — and computed again after the next change
 * or refresh; meanwhile issues forecast themselves. <b>Offline</b>: needs the store only.
 */
final class WaitingEstimate implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WaitingEstimate.class);
    /** Without changes, a round is computed again this often. */
    static final Duration REFRESH = Duration.ofSeconds(15);
    /** A round read longer ago than this (by the engine's clock) is not current. */
    static final Duration MAX_AGE = Duration.ofSeconds(30);
    /**
     * How long the thread, woken by a change, lets the thread that made it finish before it
     * starts the round. Started at once, the round (≈ 2 ms of CPU) took the core from the issuing
     * thread between its commit and its reply on one issue in five, on the 2-core box (Linux
     * hands a woken thread the waker's core): the ticket's number came 2 ms later
     * (docs/BENCHMARKS.md, "the estimate's wake-up").
     */
    static final Duration AFTER_CHANGE = Duration.ofMillis(3);

    /** One round: each category's forecast, from the state of {@code version} read at {@code at} on office day {@code day}. */
    record Forecasts(long version, LocalDate day, Instant at, Map<String, Estimate> byCategory) {
        Forecasts {
            byCategory = Map.copyOf(byCategory);
        }

        /** Whether this round forecast the state of {@code version} on {@code day}, read at most {@link #MAX_AGE} before {@code now}. */
        boolean currentFor(long version, LocalDate day, Instant now) {
            return this.version == version && this.day.equals(day) && !now.isBefore(at)
                    && Duration.between(at, now).compareTo(MAX_AGE) <= 0;
        }
    }

    /**
     * What a reader took from the store inside its transaction: the current round, or the inputs
     * to forecast from outside the transaction.
     */
    static final class Pending {
        final long version;
        final LocalDate day;
        final Instant at;
        final Forecasts current;
        final EstimateSource.Inputs inputs;
        final List<String> categories;

        private Pending(long version, LocalDate day, Instant at, Forecasts current, EstimateSource.Inputs inputs, List<String> categories) {
            this.version = version;
            this.day = day;
            this.at = at;
            this.current = current;
            this.inputs = inputs;
            this.categories = categories;
        }

        /** The forecast for one category: from the current round, or computed now (≈ 2.5 ms of CPU). */
        Estimate estimate(String category) {
            return current != null ? current.byCategory().get(category) : inputs.estimate(category);
        }
    }

    private final OfficeDatabase db;
    private final OfficeTime time;
    private volatile EstimateSource source;
    private final AtomicLong version = new AtomicLong();
    private volatile Forecasts newest;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Object signal = new Object();
    private boolean dirty = true;
    private volatile boolean closed;
    private volatile boolean inRound;
    private volatile String failing;
    private Thread thread;

    WaitingEstimate(OfficeDatabase db, OfficeTime time, OfficeConfig config) {
        this.db = db;
        this.time = time;
        this.source = new EstimateSource(config);
    }

    /** Starts the thread {@code jiaohao-estimate}; without it every issue forecasts itself. */
    WaitingEstimate start() {
        thread = new Thread(this::loop, "jiaohao-estimate");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * Call inside every transaction that may change what the forecast reads (tickets, counters),
     * under the writer lock: advances the version, so no round read before is current any more.
     * Then, after the transaction, {@link #wake()}.
     */
    void changed() {
        version.incrementAndGet();
        synchronized (signal) {
            dirty = true;
        }
    }

    /** After a transaction that called {@link #changed()}: the thread computes the round of the new state. */
    void wake() {
        synchronized (signal) {
            if (dirty) {
                signal.notifyAll();
            }
        }
    }

    /** New settings (categories, counters, hours, service times): call inside the transaction that puts them in force, then {@link #wake()}. */
    void settingsChanged(OfficeConfig next) {
        source = new EstimateSource(next);
        changed();
    }

    /** The version of the state; read it inside a transaction to know what that transaction sees. */
    long version() {
        return version.get();
    }

    /** The newest round, or null before the first. */
    Forecasts newest() {
        return newest;
    }

    /** The current round's forecast for {@code category} (see the class comment), or null when there is none. */
    Estimate current(String category, long version, LocalDate day, Instant now) {
        Forecasts f = newest;
        return f != null && f.currentFor(version, day, now) ? f.byCategory().get(category) : null;
    }

    /**
     * Inside a reader's transaction: the current round, or the inputs to forecast from outside it
     * ({@link #complete}, {@link Pending#estimate}).
     */
    Pending read(Connection c, LocalDate day, Instant now) throws SQLException {
        long v = version.get();
        Forecasts f = newest;
        EstimateSource s = source;
        if (f != null && f.currentFor(v, day, now)) {
            return new Pending(v, day, now, f, null, List.of());
        }
        return new Pending(v, day, now, null, s.read(c, day, now), s.categories());
    }

    /** A forecast of the state as {@code c} reads it now, whatever the round holds (≈ 2.5 ms of CPU inside the caller's transaction). */
    Estimate forecastNow(Connection c, String category, LocalDate day, Instant now) throws SQLException {
        return source.read(c, day, now).estimate(category);
    }

    /** Outside the transaction: every category's forecast of what {@code p} read, kept as the newest round when it is newer. */
    Forecasts complete(Pending p) {
        if (p.current != null) {
            return p.current;
        }
        Map<String, Estimate> byCategory = new LinkedHashMap<>();
        for (String category : p.categories) {
            byCategory.put(category, p.inputs.estimate(category));
        }
        Forecasts f = new Forecasts(p.version, p.day, p.at, byCategory);
        synchronized (this) {
            Forecasts old = newest;
            if (old == null || old.version() < f.version() || old.version() == f.version() && !f.at().isBefore(old.at())) {
                newest = f;
            }
        }
        return f;
    }

    /** One round now, on the calling thread: reads the state and forecasts every category. */
    Forecasts computeRound() {
        Pending p = db.transaction(c -> {
            Instant now = time.now();
            return read(c, time.day(now), now);
        });
        return complete(p);
    }

    /** Whether the thread is computing a round or about to (a change woke it): a reader may leave the forecasts to it. */
    boolean roundComing() {
        if (thread == null || !thread.isAlive()) {
            return false;
        }
        synchronized (signal) {
            return dirty || inRound;
        }
    }

    /** Runs {@code listener} on the thread after each round that followed a change. */
    Subscription onRound(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Waits until the thread has computed the round of the newest state (tests and benchmarks
     * that issue at an office's pace); false when {@code timeout} passed first.
     */
    boolean awaitCurrent(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (true) {
            Forecasts f = newest;
            boolean idle;
            synchronized (signal) {
                idle = !dirty;
            }
            if (idle && f != null && f.version() == version.get()) {
                return true;
            }
            if (System.nanoTime() - until > 0) {
                return false;
            }
            Thread.sleep(0, 200_000);
        }
    }

    private void loop() {
        while (true) {
            boolean change;
            synchronized (signal) {
                if (!dirty && !closed) {
                    try {
                        signal.wait(REFRESH.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                change = dirty;
                dirty = false;
                inRound = true;
            }
            if (change) {
                try {
                    Thread.sleep(AFTER_CHANGE.toMillis());
                } catch (InterruptedException e) {
                    inRound = false;
                    return;
                }
            }
            try {
                computeRound();
                if (failing != null) {
                    log.info("waiting estimates computed again");
                    failing = null;
                }
            } catch (StoreException e) {
                String kind = String.valueOf(OfficeDatabase.primaryCode(e));
                if (!kind.equals(failing)) {
                    log.warn("waiting estimates not computed ({}); issues forecast themselves until the store answers", e.getMessage());
                    failing = kind;
                }
            } catch (RuntimeException e) {
                Bugs.caught(log, "waiting estimate", e);
            } finally {
                inRound = false;
            }
            if (change) {
                for (Runnable l : listeners) {
                    try {
                        l.run();
                    } catch (RuntimeException e) {
                        Bugs.caught(log, "waiting estimate listener", e);
                    }
                }
            }
        }
    }

    /** Stops the thread. */
    @Override
    public void close() {
        closed = true;
        synchronized (signal) {
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
