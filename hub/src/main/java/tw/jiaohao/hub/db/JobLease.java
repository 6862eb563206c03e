package tw.jiaohao.hub.db;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;

/**
 * A lease in the {@code job_lease} table that lets one hub instance of those sharing a database
 * run the singleton jobs (the notices' timed republishing, the retention of personal data, the
 * periodic checks) while the others skip them. Taken and renewed by one conditional upsert,
 * the same SQL on SQLite and PostgreSQL:
 * {@code INSERT … ON CONFLICT (name) DO UPDATE … WHERE holder = mine OR expires_at <= now}, so of
 * two instances racing for a free lease exactly one gets it, and a holder that stops renewing
 * (crashed, cut off from the database) loses it {@code ttl} after its last renewal.
 *
 * <p>The holder renews it every {@code ttl / 3} ({@link #renew}, called from a timer) and
 * believes it holds the lease only until {@code ttl − ttl / 3} after its last successful renewal
 * ({@link #held}), so it stops its jobs before another instance may take over. Expiry is written
 * by the holder's clock: the instances' clocks must agree to well within {@code ttl / 3} (NTP).
 * Thread-safe.
 */
public final class JobLease implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobLease.class);

    /** The one lease of the hub's singleton jobs. */
    public static final String SINGLETON_JOBS = "singleton-jobs";

    private final HubDatabase db;
    private final String name;
    private final String holder;
    private final Duration ttl;
    private final Clock clock;
    private final java.util.function.LongSupplier nanos;
    /** Until when (by {@link #nanos}) this instance believes it holds the lease; null: it does not. */
    private Long heldUntilNanos;
    private boolean holding;
    private java.util.concurrent.ScheduledExecutorService timer;

    /**
     * @param holder this instance's id, unique among the running instances ({@link #holderId})
     * @param ttl    how long a renewal holds the lease (at least 3 s)
     */
    public JobLease(HubDatabase db, String name, String holder, Duration ttl, Clock clock) {
        this(db, name, holder, ttl, clock, System::nanoTime);
    }

    /**
     * @param nanos the time this instance believes the lease by (monotonic; the expiry in the
     *              database is by {@code clock}, which tests may move by hours)
     */
    JobLease(HubDatabase db, String name, String holder, Duration ttl, Clock clock, java.util.function.LongSupplier nanos) {
        if (name == null || name.isBlank() || holder == null || holder.isBlank()) {
            throw new HubException("a job lease needs a name and a holder");
        }
        if (ttl.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new HubException("a job lease must last at least 3 s, not " + ttl);
        }
        this.db = db;
        this.name = name;
        this.holder = holder;
        this.ttl = ttl;
        this.clock = clock;
        this.nanos = nanos;
    }

    /** A holder id for this process: the instance's MQTT client id and a random part (a restarted process is a new holder). */
    public static String holderId(String clientId) {
        return clientId + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Takes the lease if free, then renews it (or tries to take it) every {@link #renewEvery} on a timer of its own. */
    public synchronized JobLease start() {
        if (timer == null) {
            timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "job-lease-" + name);
                t.setDaemon(true);
                return t;
            });
            renew();
            long every = renewEvery().toMillis();
            timer.scheduleWithFixedDelay(this::renew, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Stops renewing without giving the lease up, as a crashed process would: another instance takes it after {@code ttl}. */
    public synchronized void halt() {
        if (timer != null) {
            timer.shutdownNow();
        }
        heldUntilNanos = null;
        holding = false;
    }

    /** How often the holder renews (a third of the lease's length). */
    public Duration renewEvery() {
        return ttl.dividedBy(3);
    }

    public String holder() {
        return holder;
    }

    /**
     * Takes the lease if free or expired, or renews it if held by this instance; returns whether
     * this instance holds it now. A database error counts as not renewed (logged once per change).
     */
    public boolean renew() {
        Instant now = clock.instant();
        long startedNanos = nanos.getAsLong();
        boolean got;
        try {
            got = db.with("renewing the job lease " + name, c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO job_lease (name, holder, expires_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at "
                        + "WHERE job_lease.holder = excluded.holder OR job_lease.expires_at <= ?")) {
                    ps.setString(1, name);
                    ps.setString(2, holder);
                    ps.setLong(3, now.plus(ttl).toEpochMilli());
                    ps.setLong(4, now.toEpochMilli());
                    return ps.executeUpdate() == 1;
                }
            });
        } catch (HubException e) {
            if (holdingChanged(false)) {
                log.warn("job lease {}: cannot renew ({}); this instance stops its singleton jobs", name, e.getMessage());
            }
            return false;
        }
        synchronized (this) {
            if (got) {
                heldUntilNanos = startedNanos + ttl.minus(renewEvery()).toNanos();
            }
        }
        if (holdingChanged(got)) {
            log.info("job lease {}: {} by this instance ({})", name, got ? "taken" : "held by another instance", holder);
        }
        return got;
    }

    private synchronized boolean holdingChanged(boolean now) {
        boolean changed = holding != now;
        holding = now;
        if (!now) {
            heldUntilNanos = null;
        }
        return changed;
    }

    /** Whether this instance holds the lease now (renewed recently enough that no other instance can have taken it). */
    public synchronized boolean held() {
        return heldUntilNanos != null && nanos.getAsLong() - heldUntilNanos < 0;
    }

    /** Gives the lease up (on a clean stop), so another instance takes it at its next renewal instead of after {@code ttl}. */
    @Override
    public void close() {
        halt();
        try {
            db.with("releasing the job lease " + name, c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM job_lease WHERE name = ? AND holder = ?")) {
                    ps.setString(1, name);
                    ps.setString(2, holder);
                    return ps.executeUpdate();
                }
            });
        } catch (HubException e) {
            log.debug("job lease {} not released: {}", name, e.getMessage());
        }
    }
}
