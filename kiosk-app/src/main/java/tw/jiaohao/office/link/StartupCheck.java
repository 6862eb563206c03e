package tw.jiaohao.office.link;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.office.ticketing.QueueEngine;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.RecoveryReply;
import tw.jiaohao.protocol.event.RecoveryRequest;

/**
 * The office node's check with the hub at start (docs/office-node/QUEUE.md, "Restored from a
 * backup"): asks the hub for the events it holds beyond the local newest {@code seq}
 * ({@link MqttLink#askRecovery}) and imports them ({@link QueueEngine#importEvents}), page by
 * page, until the hub has nothing newer. A database restored from an older backup thereby
 * continues after the last number and seq the office really used.
 *
 * <p>When this database has heard from the hub before, every change is held until the check is
 * done or {@code recovery.timeout-seconds} passed (then the node issues anyway, logs it and
 * shows it in its device status). A database that never heard from the hub (a new office, test
 * rigs without a hub) is not held: there is nothing a hub could hold that it lacks, unless a
 * backup from before the first contact is restored, which this check cannot detect.
 * Runs on its own daemon thread {@code jiaohao-recovery}.
 */
public final class StartupCheck {
    private static final Logger log = LoggerFactory.getLogger(StartupCheck.class);
    /** Longest wait for one page of the hub's answer once the first came. */
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
    /** The first question is asked again this often until answered or timed out. */
    private static final Duration RETRY = Duration.ofSeconds(2);

    /** How the check ended. */
    public enum Outcome { UP_TO_DATE, IMPORTED, NO_ANSWER, NOT_ASKED }

    private final QueueEngine engine;
    private final MqttLink link;
    private final Duration timeout;
    private final java.util.concurrent.CompletableFuture<Outcome> done = new java.util.concurrent.CompletableFuture<>();

    public StartupCheck(QueueEngine engine, MqttLink link, Duration timeout) {
        this.engine = engine;
        this.link = link;
        this.timeout = timeout;
    }

    /** Holds changes when this database heard from the hub before; call before the link starts taking commands. */
    public StartupCheck hold() {
        if (!timeout.isZero() && engine.hubAnsweredBefore()) {
            engine.hold("checking with head office that this database is not older than what the hub holds");
        }
        return this;
    }

    /** Starts the check in the background, once the link is started; returns at once. */
    public StartupCheck start() {
        if (timeout.isZero()) {
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
            } finally {
                engine.release();
                done.complete(outcome);
            }
        }, "jiaohao-recovery");
        t.setDaemon(true);
        t.start();
        return this;
    }

    /** Completes when the check has ended (changes are accepted again by then). */
    public java.util.concurrent.CompletableFuture<Outcome> done() {
        return done;
    }

    private Outcome run() throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!link.awaitConnected(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
            return noAnswer("the office broker was not reachable");
        }
        long before = engine.lastSeq();
        int imported = 0;
        boolean first = true;
        while (true) {
            long from = engine.lastSeq() + 1;
            RecoveryReply reply;
            try {
                reply = first ? firstAnswer(from, deadline)
                        : link.askRecovery(from, RecoveryRequest.MAX_LIMIT).get(PAGE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return imported > 0 ? imported(before, imported, true) : noAnswer("the hub did not answer");
            } catch (ExecutionException e) {
                return imported > 0 ? imported(before, imported, true) : noAnswer(String.valueOf(e.getCause().getMessage()));
            }
            if (first) {
                engine.recordHubAnswered();
                first = false;
            }
            List<OfficeEvent> events = reply.events();
            if (events.isEmpty()) {
                break;
            }
            imported += engine.importEvents(events);
            if (events.get(events.size() - 1).seq() >= reply.maxSeq()) {
                break;
            }
        }
        if (imported == 0) {
            log.info("start-up check: the hub holds nothing newer than seq {}", before);
            return Outcome.UP_TO_DATE;
        }
        return imported(before, imported, false);
    }

    /** Asks again every {@link #RETRY} until the deadline: the hub or the bridge may come up a little after the node. */
    private RecoveryReply firstAnswer(long from, long deadline) throws InterruptedException, ExecutionException, TimeoutException {
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
                    link.awaitConnected(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                }
            }
        }
    }

    private Outcome imported(long before, int imported, boolean incomplete) {
        String detail = "database was behind the hub (restored backup?): re-imported " + imported + " events after seq " + before
                + ", now at seq " + engine.lastSeq() + (incomplete ? "; the hub stopped answering before the end" : "");
        log.warn("START-UP CHECK: {}", detail);
        link.setStatusDetail(detail);
        return Outcome.IMPORTED;
    }

    private Outcome noAnswer(String why) {
        String detail = "start-up check with the hub not done (" + why + " within " + timeout.toSeconds()
                + " s); issuing without it";
        log.warn("{}: if this database was restored from a backup, numbers issued after the backup may be given again", detail);
        link.setStatusDetail(detail);
        return Outcome.NO_ANSWER;
    }
}
