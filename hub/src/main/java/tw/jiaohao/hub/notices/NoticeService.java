package tw.jiaohao.hub.notices;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.notice.Notice;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.notice.NoticeKind;

/**
 * Writes, publishes and withdraws notices. The retained board of each scope ({@code all} and
 * every office a notice was ever addressed to) always holds exactly the notices in force for
 * it: not withdrawn and not yet ended (upcoming ones included — displays show a notice only
 * between its start and end by their own clock). A scheduler republishes a scope's board
 * without a notice at the notice's end; {@link #start()} republishes every board (on hub
 * start), and {@link #republishAll()} does the same after the MQTT port reconnects.
 *
 * <p>Several hub instances on one database: each publishes the boards its own changes touch at
 * once; the timed run at a notice's end ({@link #timedRefresh}) is a singleton job, run only by
 * the instance holding the job lease ({@code singletonJob}). That instance does not know what the
 * others published, so it republishes every scope a notice ended in, and it looks at the
 * database at least every {@link #REPLAN} for notices the others wrote.
 *
 * <p>Thread-safe: changes and republishing are serialised on this object. A failed publish is
 * logged and counted, and retried at the next republish.
 */
public final class NoticeService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NoticeService.class);
    /** A board holds at most this many notices (the protocol's limit). */
    public static final int MAX_PER_SCOPE = 20;

    private final NoticeStore store;
    private final NoticePublisher publisher;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, List<Notice>> published = new HashMap<>();
    private final AtomicLong publishFailures = new AtomicLong();
    private ScheduledFuture<?> next;
    private final java.util.function.BooleanSupplier singletonJob;
    private Instant lastTimedRun;
    /** The longest the timed run waits before looking at the database again (another instance may have written a notice). */
    static final Duration REPLAN = Duration.ofSeconds(60);

    /** One hub instance: it always runs the timed republishing. */
    public NoticeService(NoticeStore store, NoticePublisher publisher, Clock clock) {
        this(store, publisher, clock, () -> true);
    }

    /**
     * @param singletonJob whether this instance holds the job lease now (the timed republishing
     *                     runs only then; {@link tw.jiaohao.hub.db.JobLease#held})
     */
    public NoticeService(NoticeStore store, NoticePublisher publisher, Clock clock, java.util.function.BooleanSupplier singletonJob) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
        this.singletonJob = singletonJob;
        this.lastTimedRun = clock.instant();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "notice-scheduler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Publishes every scope's board (on hub start) and schedules the next withdrawal. */
    public void start() {
        republishAll();
    }

    /** Publishes every board again, changed or not (after start or a reconnect). */
    public synchronized void republishAll() {
        published.clear();
        refresh();
    }

    /**
     * Checks and stores a new notice, then publishes the boards it belongs to.
     *
     * @throws NoticeRejectedException naming the field to fix, or when the author may not write notices
     */
    public synchronized NoticeRecord create(User author, NoticeDraft d) {
        if (!author.canWriteNotices()) {
            throw new NoticeRejectedException("user", "only head-office users may write notices");
        }
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (d.kind() == null) {
            throw new NoticeRejectedException("kind", "choose the kind of notice");
        }
        if (d.startsAt() == null) {
            throw new NoticeRejectedException("startsAt", "give the start date and time");
        }
        if (d.endsAt() == null) {
            throw new NoticeRejectedException("endsAt", "give the end date and time");
        }
        plausible("startsAt", d.startsAt(), now);
        plausible("endsAt", d.endsAt(), now);
        plausible("expectedRestoration", d.expectedRestoration(), now);
        plausible("outageStartsAt", d.outageStartsAt(), now);
        plausible("outageEndsAt", d.outageEndsAt(), now);
        if (!d.endsAt().isAfter(now)) {
            throw new NoticeRejectedException("endsAt", "the end is in the past; a notice must still be in force");
        }
        if (d.kind() == NoticeKind.WATER_OUTAGE) {
            if (blank(d.area())) {
                throw new NoticeRejectedException("area", "a water outage needs the affected area");
            }
            if (blank(d.reason())) {
                throw new NoticeRejectedException("reason", "a water outage needs its reason");
            }
            if (d.outageStartsAt() == null) {
                throw new NoticeRejectedException("outageStartsAt", "a water outage needs the time the water goes off"
                        + " (the display window is separate)");
            }
            if (d.outageEndsAt() == null) {
                throw new NoticeRejectedException("outageEndsAt", "a water outage needs the time the water is back on");
            }
        }
        if (d.expectedRestoration() != null && d.expectedRestoration().isBefore(d.startsAt())) {
            throw new NoticeRejectedException("expectedRestoration", "restoration cannot be before the start");
        }
        Notice notice;
        try {
            notice = new Notice(newId(now), d.kind(), trim(d.titleZh()), trim(d.titleEn()), trim(d.bodyZh()), trim(d.bodyEn()),
                    trim(d.area()), trim(d.reason()), d.startsAt(), d.endsAt(), d.expectedRestoration(),
                    d.outageStartsAt(), d.outageEndsAt());
        } catch (InvalidMessageException e) {
            throw new NoticeRejectedException(e.field(), e.problem());
        }
        NoticeRecord record;
        try {
            record = new NoticeRecord(notice, new ArrayList<>(new LinkedHashSet<>(d.offices())), author.username(), now, null, null);
        } catch (HubException e) {
            throw new NoticeRejectedException("offices", e.getMessage());
        }
        List<NoticeRecord> active = store.inForce(now);
        for (String scope : record.scopes()) {
            long n = active.stream().filter(r -> r.scopes().contains(scope)).count();
            if (n >= MAX_PER_SCOPE) {
                throw new NoticeRejectedException("offices", "scope '" + scope + "' already has " + MAX_PER_SCOPE
                        + " notices in force; withdraw one first");
            }
        }
        store.insert(record);
        log.info("notice {} ({}) written by {} for {}", notice.id(), notice.kind(), author.username(),
                record.forAllOffices() ? "all offices" : record.offices());
        refresh();
        return record;
    }

    /** Withdraws a notice before its end. */
    public synchronized boolean withdraw(User by, String id) {
        if (!by.canWriteNotices()) {
            throw new NoticeRejectedException("user", "only head-office users may withdraw notices");
        }
        boolean done = store.withdraw(id, by.username(), clock.instant());
        if (done) {
            log.info("notice {} withdrawn by {}", id, by.username());
            refresh();
        }
        return done;
    }

    public List<NoticeRecord> recent(int limit) {
        return store.recent(limit);
    }

    /**
     * Sets one office's notices' defaults (head office only; the values are checked by
     * {@link NoticeDefaults}'s constructor before this is called).
     *
     * @throws NoticeRejectedException when {@code by} may not write notices
     */
    public NoticeDefaults setDefaults(User by, NoticeDefaults defaults) {
        if (!by.canWriteNotices()) {
            throw new NoticeRejectedException("user", "only head-office users may set notices' defaults");
        }
        store.saveDefaults(defaults, by.username(), clock.instant());
        log.info("notices' defaults of office {} set by {}", defaults.office(), by.username());
        return defaults;
    }

    /** One office's notices' defaults; empty when never set. */
    public java.util.Optional<NoticeDefaults> defaults(String office) {
        return store.defaults(office);
    }

    /** Every office's notices' defaults, by office id, for the notice form to prefill from. */
    public java.util.SortedMap<String, NoticeDefaults> allDefaults() {
        return store.allDefaults();
    }

    /** How far from now a notice's times may lie: a year back (a long outage), two years ahead. */
    static final Duration PLAUSIBLE_BACK = Duration.ofDays(366);
    static final Duration PLAUSIBLE_AHEAD = Duration.ofDays(2 * 366);

    private static void plausible(String field, Instant at, Instant now) {
        if (at != null && (at.isBefore(now.minus(PLAUSIBLE_BACK)) || at.isAfter(now.plus(PLAUSIBLE_AHEAD)))) {
            throw new NoticeRejectedException(field, "must lie between a year ago and two years from now");
        }
    }

    /**
     * The newest {@code limit} notices {@code user} may see: every one for head office; for the
     * other roles those for their own office and those for all offices, never another office's.
     */
    public List<NoticeRecord> recentFor(User user, int limit) {
        if (user.role() == Role.HEAD_OFFICE) {
            return store.recent(limit);
        }
        return store.recent(Math.max(limit, 5000)).stream().filter(r -> r.visibleTo(user.office())).limit(limit).toList();
    }

    /** The notices in force for one office (its own and those for all), for the dashboard. */
    public List<NoticeRecord> inForceFor(String office) {
        return store.inForce(clock.instant()).stream().filter(r -> r.visibleTo(office)).toList();
    }

    public long publishFailures() {
        return publishFailures.get();
    }

    /**
     * Publishes the boards whose content changed (a notice ended, was written or withdrawn)
     * and schedules the next run at the earliest end among the notices in force.
     */
    public synchronized void refresh() {
        Instant now = clock.instant();
        List<NoticeRecord> active = store.inForce(now);
        Set<String> scopes = new LinkedHashSet<>();
        scopes.add(Topics.ALL_OFFICES);
        scopes.addAll(store.officeScopesEverUsed());
        for (String scope : scopes) {
            List<Notice> board = active.stream().filter(r -> r.scopes().contains(scope)).map(NoticeRecord::notice)
                    .limit(MAX_PER_SCOPE).toList();
            if (board.equals(published.get(scope))) {
                continue;
            }
            try {
                publisher.publish(new NoticeBoard(ProtocolVersion.CURRENT, scope, now, board));
                published.put(scope, board);
            } catch (RuntimeException e) {
                publishFailures.incrementAndGet();
                published.remove(scope);
                log.warn("notice board '{}' not published ({}); it is published again when the broker is back", scope, e.getMessage());
            }
        }
        schedule(active.stream().map(r -> r.notice().endsAt()).min(Instant::compareTo).orElse(null), now);
    }

    private void schedule(Instant at, Instant now) {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        if (scheduler.isShutdown()) {
            return;
        }
        Instant replan = now.plus(REPLAN);
        long delay = Math.max(0, Duration.between(now, at == null || at.isAfter(replan) ? replan : at).toMillis()) + 1;
        next = scheduler.schedule(this::refreshQuietly, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * What the scheduler runs at a notice's end (and every {@link #REPLAN}): on the instance
     * holding the job lease, republishes every scope in which a notice ended since the last run
     * (another instance may have published that notice) and any board that changed; elsewhere
     * only plans the next run. Returns whether it ran as the holder.
     */
    public synchronized boolean timedRefresh() {
        Instant now = clock.instant();
        if (!singletonJob.getAsBoolean()) {
            // lastTimedRun stays: should the lease come here, notices that ended meanwhile are republished
            schedule(null, now);
            return false;
        }
        for (NoticeRecord ended : store.endedBetween(lastTimedRun, now)) {
            ended.scopes().forEach(published::remove);
        }
        lastTimedRun = now;
        refresh();
        return true;
    }

    private void refreshQuietly() {
        try {
            timedRefresh();
        } catch (RuntimeException e) {
            log.error("notice refresh failed: {}", e.getMessage(), e);
            synchronized (this) {
                schedule(null, clock.instant());
            }
        }
    }

    private String newId(Instant now) {
        return "n" + Long.toString(now.toEpochMilli(), 36) + "-" + Integer.toString(random.nextInt(36 * 36 * 36 * 36), 36);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return blank(s) ? null : s.trim();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
