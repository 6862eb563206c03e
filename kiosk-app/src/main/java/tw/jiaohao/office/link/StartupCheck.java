package tw.jiaohao.office.link;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.office.health.NodeHealth;
import tw.jiaohao.office.health.NodeHealth.Condition;
import tw.jiaohao.office.ticketing.HubRestore;
import tw.jiaohao.office.ticketing.QueueEngine;
import tw.jiaohao.protocol.event.RecoveryReply;
import tw.jiaohao.protocol.event.RecoveryRequest;

/**
 * The office node's check with the hub at start (docs/office-node/QUEUE.md, "Restored from a
 * backup"): asks the hub for the events it holds beyond the local newest {@code seq}
 * ({@link MqttLink#askRecovery}) and imports the run that continues the local history without a
 * hole ({@link RecoveryRun}, {@link HubRestore#importEvents}), page by page, until the hub has
 * nothing newer. A database restored from an older backup thereby continues after the last
 * number and seq the office really used.
 *
 * <p>Two kinds of hold:
 * <ul>
 * <li><b>Behind its own high-water mark</b> ({@link tw.jiaohao.office.ticketing.HighWaterMark}: the
 *     database was truncated, deleted, lost its {@code -wal} file or was restored by
 *     {@code jiaohao-restore}; or the mark is lost too but its copy in {@code recovery.mark-copy-dir}
 *     says the office had history; or the database is empty and {@code office.in-service-since} is set): every change is held until the import has reached the mark (or,
 *     after a restore, until the hub has answered and everything it holds is imported), or until
 *     staff confirm ({@link #confirmByStaff}). No timeout: issuing would give numbers and seqs
 *     that were already given.</li>
 * <li><b>Otherwise</b>, when this database has heard from the hub before: held until the check is
 *     done or {@code recovery.timeout-seconds} passed (then the node issues anyway, logs it and
 *     shows it in its device status). A database that never heard from the hub (a new office,
 *     test rigs without a hub) is not held.</li>
 * </ul>
 * A reply that is malformed, of another office, or has a hole or an implausible seq is refused
 * (the importable run before the problem is kept), counted ({@link #refusedReplies()}), logged
 * once per check, and never stops the node from issuing beyond the holds above. Runs on its own
 * daemon thread {@code jiaohao-recovery}.
 */
public final class StartupCheck {
    private static final Logger log = LoggerFactory.getLogger(StartupCheck.class);
    /** Longest wait for one page of the hub's answer once the first came. */
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
    /** The first question is asked again this often until answered or timed out. */
    private static final Duration RETRY = Duration.ofSeconds(2);

    /** How the check ended. */
    public enum Outcome { UP_TO_DATE, IMPORTED, NO_ANSWER, NOT_ASKED, CONFIRMED_BY_STAFF }

    private final QueueEngine engine;
    private final HubRestore restore;
    private final MqttLink link;
    private final Duration timeout;
    private final NodeHealth health;
    private final CompletableFuture<Outcome> done = new CompletableFuture<>();
    private final AtomicLong refused = new AtomicLong();
    /** The seq the database must reach before it is trusted (MAX_VALUE: restored, the hub decides); empty = not behind. */
    private volatile OptionalLong behind = OptionalLong.empty();
    /** Set as staff confirm: from then on the outcome is theirs, not the check thread's. */
    private volatile boolean confirmedByStaff;
    private volatile Thread thread;

    /** A check of {@code engine}'s database running its steps on {@code restore} (the engine's {@link QueueEngine#hubRestore}). */
    public StartupCheck(QueueEngine engine, HubRestore restore, MqttLink link, Duration timeout) {
        this.engine = engine;
        this.restore = restore;
        this.link = link;
        this.timeout = timeout;
        this.health = engine.health();
    }

    /** Holds changes when needed (see the class comment); call before the link starts taking commands. */
    public StartupCheck hold() {
        long last = engine.lastSeq();
        java.util.Optional<tw.jiaohao.office.ticketing.HighWaterMark.Behind> evidence = engine.highWater().why(last);
        java.time.LocalDate inService = engine.config().safety().inServiceSince();
        if (evidence.isEmpty() && last == 0 && inService != null) {
            evidence = java.util.Optional.of(new tw.jiaohao.office.ticketing.HighWaterMark.Behind(Long.MAX_VALUE,
                    "office.in-service-since says this office has issued since " + inService));
        }
        behind = evidence.map(b -> OptionalLong.of(b.mark())).orElse(OptionalLong.empty());
        if (behind.isPresent()) {
            String mark = evidence.get().why();
            String why = "the database ends at seq " + last + " but " + mark
                    + "; new tickets wait until head office has given back the rest, or staff confirm";
            health.set(Condition.RECOVERY_HELD, why);
            engine.holdUntilConfirmed(why, this::confirmByStaff);
        } else if (!timeout.isZero() && restore.hubAnsweredBefore()) {
            engine.hold("checking with head office that this database is not older than what the hub holds");
        }
        return this;
    }

    /** Starts the check in the background, once the link is started; returns at once. */
    public StartupCheck start() {
        if (timeout.isZero() && behind.isEmpty()) {
            done.complete(Outcome.NOT_ASKED);
            return this;
        }
        Thread t = new Thread(() -> {
            Outcome outcome = Outcome.NO_ANSWER;
            try {
                outcome = run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("start-up check with the hub failed: {}", e.getMessage());
                health.set(Condition.RECOVERY_FAILED, "the check with head office failed: " + e.getMessage());
            } finally {
                if (behind.isEmpty() && !confirmedByStaff) {
                    engine.release();
                    done.complete(outcome);
                }
            }
        }, "jiaohao-recovery");
        t.setDaemon(true);
        thread = t;
        t.start();
        return this;
    }

    /** Completes when the check has ended (changes are accepted again by then). */
    public CompletableFuture<Outcome> done() {
        return done;
    }

    /** Replies refused (malformed, another office, a hole, an implausible seq) during this check. */
    public long refusedReplies() {
        return refused.get();
    }

    /** Whether changes are held until staff confirm or head office gives back what this database lacks. */
    public boolean waitingForHeadOfficeOrStaff() {
        return behind.isPresent() && !done.isDone();
    }

    /**
     * Staff confirmed on site that the node is to issue with the database as it is (a new office,
     * or a history head office cannot give back): the hold ends and the database's newest seq
     * becomes the high-water mark. Logged; shown in the device status until the next start.
     */
    public void confirmByStaff(String who) {
        if (done.isDone()) {
            return;
        }
        confirmedByStaff = true;
        long last = engine.lastSeq();
        int lost = restore.acceptDatabaseAsItIs();
        behind = OptionalLong.empty();
        health.clear(Condition.RECOVERY_HELD);
        health.set(Condition.RECOVERY_FAILED, "staff (" + who + ") confirmed issuing from seq " + last
                + " without head office's records: " + (lost > 0 ? lost + " changes were lost, today's numbers continue " + lost
                + " further on in each category (none given twice), their seqs are used again (head office keeps the conflict)"
                : "numbers given before may be given again today"));
        log.warn("STAFF CONFIRMED: issuing from seq {} without head office's records ({})", last, who);
        engine.release();
        done.complete(Outcome.CONFIRMED_BY_STAFF);
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    private Outcome run() throws InterruptedException {
        boolean strict = behind.isPresent();
        long deadline = System.nanoTime() + (strict ? Duration.ofDays(3650) : timeout).toNanos();
        if (!link.awaitConnected(strict ? Duration.ofDays(3650) : Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
            return noAnswer("the office broker was not reachable");
        }
        long before = engine.lastSeq();
        int imported = 0;
        boolean first = true;
        boolean incomplete = false;
        while (true) {
            long from = engine.lastSeq() + 1;
            RecoveryReply reply;
            try {
                reply = first ? firstAnswer(from, deadline)
                        : link.askRecovery(from, RecoveryRequest.MAX_LIMIT).get(PAGE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                if (first) {
                    return noAnswer(e instanceof TimeoutException ? "the hub did not answer" : String.valueOf(e.getCause().getMessage()));
                }
                incomplete = true;
                break;
            }
            if (first) {
                restore.recordHubAnswered();
                if (reply.hubTime() != null) {
                    engine.hubTime(reply.hubTime());
                }
                first = false;
            }
            RecoveryRun run = RecoveryRun.of(reply, engine.config().officeId(), from);
            if (run.problem() != null) {
                refuse(run, from);
            }
            if (!run.events().isEmpty()) {
                imported += restore.importEvents(run.events());
            }
            if (run.events().isEmpty() || !run.hubAhead() || run.problem() != null) {
                break;
            }
        }
        return finish(before, imported, incomplete);
    }

    private Outcome finish(long before, int imported, boolean incomplete) {
        long last = engine.lastSeq();
        OptionalLong mark = behind;
        if (mark.isPresent()) {
            boolean caughtUp = mark.getAsLong() == Long.MAX_VALUE ? !incomplete && refused.get() == 0 : last >= mark.getAsLong();
            if (!caughtUp) {
                String why = "the database ends at seq " + last + (mark.getAsLong() == Long.MAX_VALUE ? " and is behind by an unknown amount (restored, or its mark was lost)"
                        : " but this node had issued up to seq " + mark.getAsLong()) + "; head office gave back "
                        + imported + " events and has no more that fit: staff must confirm before new tickets";
                health.set(Condition.RECOVERY_HELD, why);
                log.warn("START-UP CHECK: {}", why);
                return Outcome.NO_ANSWER; // still held: only staff can end it now
            }
            health.clear(Condition.RECOVERY_HELD);
            behind = OptionalLong.empty();
            engine.highWater().force(last); // caught up: the mark (or "restored") is settled
            engine.release();
            Outcome o = imported == 0 ? Outcome.UP_TO_DATE : imported(before, imported, incomplete);
            done.complete(o);
            return o;
        }
        if (imported == 0) {
            log.info("start-up check: the hub holds nothing newer than seq {} that continues this database", before);
            return Outcome.UP_TO_DATE;
        }
        return imported(before, imported, incomplete);
    }

    private void refuse(RecoveryRun run, long from) {
        long n = refused.incrementAndGet();
        String why = "refused " + run.ignored() + " events of the hub's recovery reply after seq " + (from - 1 + run.events().size())
                + ": " + run.problem();
        if (n == 1) {
            log.warn("start-up check: {} (further refusals counted, not logged)", why);
        }
        health.set(Condition.RECOVERY_REFUSED, why + (n > 1 ? " (" + n + " replies)" : ""));
    }

    /** Asks again every {@link #RETRY} until the deadline: the hub or the bridge may come up a little after the node. */
    private RecoveryReply firstAnswer(long from, long deadline) throws InterruptedException, ExecutionException, TimeoutException {
        boolean malformedLogged = false;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException();
            }
            try {
                return link.askRecovery(from, RecoveryRequest.MAX_LIMIT).get(Math.min(left, RETRY.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                if (System.nanoTime() >= deadline) {
                    throw e;
                }
                if (e instanceof ExecutionException) {
                    if (!malformedLogged) {
                        refused.incrementAndGet();
                        malformedLogged = true;
                    }
                    long pause = Math.max(1, Math.min(deadline - System.nanoTime(), RETRY.toNanos()));
                    link.awaitConnected(Duration.ofNanos(pause));
                    TimeUnit.NANOSECONDS.sleep(pause); // a refused answer is asked again after RETRY, not at once
                }
            }
        }
    }

    private Outcome imported(long before, int imported, boolean incomplete) {
        String detail = "database was behind the hub (restored backup?): re-imported " + imported + " events after seq " + before
                + ", now at seq " + engine.lastSeq() + (incomplete ? "; the hub stopped answering before the end" : "");
        log.warn("START-UP CHECK: {}", detail);
        health.set(Condition.RECOVERY_IMPORTED, detail);
        return Outcome.IMPORTED;
    }

    private Outcome noAnswer(String why) {
        if (behind.isPresent()) {
            health.set(Condition.RECOVERY_HELD, "head office could not be asked (" + why + "); new tickets wait for it or for staff");
            return Outcome.NO_ANSWER;
        }
        String detail = "start-up check with the hub not done (" + why + " within " + timeout.toSeconds()
                + " s); issuing without it";
        log.warn("{}: if this database was restored from a backup, numbers issued after the backup may be given again", detail);
        health.set(Condition.RECOVERY_FAILED, detail);
        return Outcome.NO_ANSWER;
    }
}
