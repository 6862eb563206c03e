package tw.jiaohao.process;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error policy every Jiaohao program shares. An expected condition (a broker away, a full
 * disk, bad input) is the caller's business: one line, no stack trace. A bug is either
 * <ul>
 *   <li>caught by a loop that must keep running ({@link #caught}): logged with its stack trace and
 *       counted under the loop's name, the repeats of one kind within a minute counted on one
 *       line so a bug hit on every tick cannot fill the disk; or</li>
 *   <li>caught by nobody ({@link #exitOnUncaught}): logged with its stack trace, then the program
 *       exits with {@link #EXIT_CODE}, so systemd ({@code Restart=on-failure}) starts it again
 *       instead of leaving a half-dead process (a kiosk with a blank screen) running.</li>
 * </ul>
 */
public final class Bugs {
    /** The exit status of a program stopped by a bug ({@code EX_SOFTWARE} of sysexits.h). */
    public static final int EXIT_CODE = 70;

    private static final Logger log = LoggerFactory.getLogger(Bugs.class);
    private static final long STACK_TRACE_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private static final Map<String, long[]> lastTrace = new ConcurrentHashMap<>();

    private Bugs() {
    }

    /**
     * Installs the default uncaught-exception handler of this JVM: a throwable no code caught, on
     * any thread (the JavaFX application thread included), is logged with its stack trace and the
     * program exits with {@link #EXIT_CODE}. Call first thing in {@code main}.
     */
    public static void exitOnUncaught(String program) {
        Thread.setDefaultUncaughtExceptionHandler(handler(program, Bugs::exit));
    }

    static Thread.UncaughtExceptionHandler handler(String program, IntConsumer exit) {
        Objects.requireNonNull(program, "program");
        return (thread, bug) -> {
            try {
                log.error("{}: bug on thread {}, exiting with status {} so the service is restarted", program,
                        thread.getName(), EXIT_CODE, bug);
            } finally {
                exit.accept(EXIT_CODE);
            }
        };
    }

    /**
     * Exits without waiting forever: {@code System.exit} runs the shutdown hooks (the office node
     * closes its store there), but blocks if another thread is exiting at the same moment, so the
     * JVM is halted if shutdown has not finished after thirty seconds. A bug during a shutdown
     * already under way is only logged: the program is ending anyway, and halting would cut its
     * hooks short.
     */
    private static void exit(int status) {
        if (shuttingDown()) {
            return;
        }
        Thread exiting = new Thread(() -> System.exit(status), "jiaohao-exit");
        exiting.setDaemon(true);
        exiting.start();
        try {
            exiting.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(status);
    }

    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /**
     * A bug caught by a loop or worker that keeps running (a scheduled job, a message handler, a
     * listener): counted under {@code where} and logged on {@code logger} with its stack trace, at
     * most once a minute for one kind of bug in one place; the repeats in between are counted and
     * named on the next line.
     */
    public static void caught(Logger logger, String where, Throwable bug) {
        Objects.requireNonNull(where, "where");
        counts.computeIfAbsent(where, k -> new AtomicLong()).incrementAndGet();
        String kind = where + " " + bug.getClass().getName();
        long now = System.nanoTime();
        long[] slot = lastTrace.computeIfAbsent(kind, k -> new long[] {now - STACK_TRACE_EVERY_NANOS, 0});
        long unlogged;
        synchronized (slot) {
            if (now - slot[0] < STACK_TRACE_EVERY_NANOS) {
                slot[1]++;
                return;
            }
            unlogged = slot[1];
            slot[0] = now;
            slot[1] = 0;
        }
        logger.error("bug in {}{}", where, unlogged == 0 ? "" : " (and " + unlogged + " times more since the last line)", bug);
    }

    /** How many bugs {@link #caught} counted under {@code where} since the program started. */
    public static long count(String where) {
        AtomicLong n = counts.get(where);
        return n == null ? 0 : n.get();
    }

    /** Every count of {@link #caught}, by place, for a status or metrics page. */
    public static Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }
}
