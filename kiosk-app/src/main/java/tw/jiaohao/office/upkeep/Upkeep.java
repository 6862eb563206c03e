package tw.jiaohao.office.upkeep;

import java.time.LocalDate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.office.ticketing.QueueEngine;
import tw.jiaohao.office.ticketing.Retention;

/**
 * The office node's daily upkeep, checked once a minute on thread {@code jiaohao-upkeep}:
 * the free space and the store's health are checked ({@link tw.jiaohao.office.ticketing.StorageWatch}),
 * tickets left open at closing time or at the end of the office day are closed
 * ({@link QueueEngine#closeLeftovers()}), and once per office day old rows are purged
 * ({@link Retention#runIfDue}). Both decide from the engine's clock and what the store records,
 * so a restart, a missed minute or a clock jump neither skips nor repeats them. A failure is
 * logged and retried at the next check; it never stops the node.
 */
public final class Upkeep implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Upkeep.class);

    private final QueueEngine engine;
    private ScheduledExecutorService timer;

    public Upkeep(QueueEngine engine) {
        this.engine = engine;
    }

    /** Runs {@link #runOnce()} now and then every minute. */
    public synchronized Upkeep start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jiaohao-upkeep");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::runSafely, 0, 60, TimeUnit.SECONDS);
        return this;
    }

    /** One check: close leftovers, then purge when today's purge has not run. For tests and the timer. */
    public void runOnce() {
        engine.storage().check();
        engine.closeLeftovers();
        if (!engine.clockTrusted()) {
            return; // a clock set years ahead must not purge what is not old
        }
        LocalDate today = LocalDate.ofInstant(engine.clock().instant(), engine.config().zone());
        Retention.runIfDue(engine.database(), today, engine.config().upkeep().retentionDays());
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("upkeep failed, retrying in a minute: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
