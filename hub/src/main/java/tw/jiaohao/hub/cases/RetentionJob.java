package tw.jiaohao.hub.cases;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases the personal data of cases closed longer than the retention period
 * ({@code cases.retention-days}, default 365), every {@code cases.retention-check-minutes}
 * (and once at start). Time comes from the {@link CaseService}'s clock, so tests move it
 * instead of waiting. A failed run is logged and retried at the next tick. With several hub
 * instances on one database a tick runs only on the instance holding the job lease.
 */
public final class RetentionJob implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private final CaseService cases;
    private final Duration retention;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cases-retention");
        t.setDaemon(true);
        return t;
    });

    private final java.util.function.BooleanSupplier singletonJob;

    public RetentionJob(CaseService cases, Duration retention) {
        this(cases, retention, () -> true);
    }

    /** @param singletonJob whether this instance holds the job lease now; a tick without it does nothing */
    public RetentionJob(CaseService cases, Duration retention, java.util.function.BooleanSupplier singletonJob) {
        this.cases = cases;
        this.retention = retention;
        this.singletonJob = singletonJob;
    }

    public RetentionJob start(Duration every) {
        timer.scheduleWithFixedDelay(this::tick, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** What the timer runs: one pass if this instance holds the job lease; returns whether it ran. */
    public boolean tick() {
        if (!singletonJob.getAsBoolean()) {
            return false;
        }
        runOnce();
        return true;
    }

    /** One pass; returns the number of cases erased (0 after a failure, which is logged). */
    public int runOnce() {
        try {
            return cases.erasePersonalData(retention);
        } catch (RuntimeException e) {
            log.error("retention run failed, retried at the next tick: {}", e.getMessage());
            return 0;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
