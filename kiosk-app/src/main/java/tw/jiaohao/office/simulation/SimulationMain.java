package tw.jiaohao.office.simulation;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tw.jiaohao.office.Args;
import tw.jiaohao.office.OfficeException;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.OfficeNodeMain;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.SafetyConfig;
import tw.jiaohao.office.ticketing.EstimateAccuracy;
import tw.jiaohao.office.ticketing.IssuedTicket;
import tw.jiaohao.process.Bugs;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.counter.ReplyCode;
import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * {@code bin/jiaohao simulate [--broker tcp://host:port] [--office ID] [--speed N] [--duration 8h] [--days N] [--history-speed N] [--history-only] [--config f] [--db f] [--seed N] [--quiet]}:
 * the office node driven by a simulated day. Customers arrive at the kiosk (peaks after
 * opening and after lunch), clerks at every configured counter call, start, finish, mark
 * no-shows, transfer and ask for ratings — through MQTT requests like real counter units when
 * the broker is reachable, straight to the service otherwise. The engine's clock is the
 * simulated clock, which starts at 08:30 office time today and runs {@code --speed} times
 * faster than real time. With {@code --days N} it simulates N working days (Monday to Saturday)
 * ending today, one after the other on the same database — weeks of history for the forecasts
 * and the dashboard; with {@code --history-only} only the days before today, leaving today's
 * office to another program on the same database (the demo's kiosk). Ctrl-C stops cleanly (offline status, database closed).
 */
public final class SimulationMain {
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final LocalTime OPENING = LocalTime.of(8, 30);

    private final OfficeConfig config;
    private final SimulatedClock clock;
    private final OfficeNode node;
    /** The counters' client now: the node's service directly while days are stepped through, else {@link #live}. */
    private CounterClient counters;
    private final CounterClient live;
    /** Days before today stepped through as fast as the node answers ({@code --history-speed max}). */
    private boolean stepping;
    private final DayModel model;
    private Instant end;
    /** The last customer arrives this long before the day ends, so those waiting can be served: 30 min, less on a short day. */
    private Duration lastTicketMargin = Duration.ofMinutes(30);
    private final boolean verbose;
    private final PrintStream out;
    private final PriorityQueue<Task> agenda = new PriorityQueue<>();
    private long taskOrder;
    private volatile boolean running = true;
    private int issued;
    private int called;
    private int served;
    private int noShows;
    private int transfers;
    private int ratings;
    private int alerts;

    private record Task(Instant at, long order, Runnable action) implements Comparable<Task> {
        @Override
        public int compareTo(Task o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private SimulationMain(OfficeConfig config, SimulatedClock clock, OfficeNode node, CounterClient counters, DayModel model,
                           Instant end, boolean verbose, PrintStream out) {
        this.config = config;
        this.clock = clock;
        this.node = node;
        this.counters = counters;
        this.live = counters;
        this.model = model;
        this.end = end;
        this.verbose = verbose;
        this.out = out;
    }

    public static void main(String[] argv) throws InterruptedException {
        Bugs.exitOnUncaught("simulate");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Args args;
        OfficeConfig config;
        double speed;
        Duration duration;
        long seed;
        int days;
        double historySpeed;
        try {
            args = Args.parse(argv, Set.of("--config", "--broker", "--office", "--db", "--speed", "--duration", "--seed", "--days", "--history-speed"), Set.of("--quiet", "--help", "--history-only"));
            if (args.has("--help")) {
                out.println("usage: bin/jiaohao simulate [--broker tcp://host:port] [--office ID] [--speed N] [--duration 8h] [--config office.properties]"
                        + " [--days N] [--history-speed N] [--history-only] [--db file] [--seed N] [--quiet]");
                out.println("  --office ID    overrides office.id of the configuration");
                out.println("  --speed N      simulated time runs N× real time (default 30)");
                out.println("  --duration D   length of the simulated day from 08:30, e.g. 8h, 8h30m, 90m (default 8h30m)");
                out.println("  --db FILE      database file (default: a fresh data/sim-<office>-<time>.db)");
                out.println("  --days N       simulate N working days (Mon-Sat) ending today, one after the other (default 1)");
                out.println("  --history-speed N|max  the days before today run N× real time, or step by step as fast as the office");
                out.println("                 node answers (max), today at --speed (default: --speed)");
                out.println("  --history-only the days before today only, then stop (the office is left for a kiosk; needs --days 2 or more)");
                return;
            }
            days = args.has("--days") ? parseDays(args.get("--days")) : 1;
            if (args.has("--history-only") && days < 2) {
                throw new OfficeException("--history-only needs --days 2 or more (the days before today); got " + days);
            }
            config = OfficeNodeMain.configFrom(args);
            // the simulated clock runs ahead of real time on purpose: head office's (real) time is no check of it
            SafetyConfig safety = config.safety();
            config = config.withSafety(new SafetyConfig(safety.lowMb(), safety.reserveMb(), safety.clockTrust(), safety.markCopyDir(),
                    safety.inServiceSince(), Duration.ZERO));
            speed = args.has("--speed") ? parseSpeed(args.get("--speed")) : 30;
            historySpeed = !args.has("--history-speed") ? speed : "max".equals(args.get("--history-speed")) ? MAX : parseSpeed(args.get("--history-speed"));
            duration = args.has("--duration") ? parseDuration(args.get("--duration")) : Duration.ofHours(8).plusMinutes(30);
            seed = args.has("--seed") ? Long.parseLong(args.get("--seed")) : System.nanoTime();
        } catch (OfficeException | NumberFormatException e) {
            System.err.println("simulate: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (!args.has("--db")) {
            config = config.withDatabasePath(Path.of("data", "sim-" + config.officeId() + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".db"));
        }
        ZoneId zone = config.zone();
        List<LocalDate> dates = workingDays(LocalDate.now(zone), days);
        boolean historyOnly = args.has("--history-only");
        if (historyOnly) {
            // today is left to whoever runs the office next (the demo's kiosk)
            dates = dates.subList(0, dates.size() - 1);
        }
        boolean history = dates.size() > 1 || historyOnly;
        Instant start = dates.get(0).atTime(OPENING).atZone(zone).toInstant();
        SimulatedClock clock = SimulatedClock.stopped(start, history && historySpeed != MAX ? historySpeed : speed);
        OfficeNode node = OfficeNode.start(config, clock, config.mqtt().backoff());
        out.printf("simulate: office %s (%s), database %s%n", config.officeId(), config.nameZh(), config.databasePath().toAbsolutePath());
        out.printf("simulate: broker %s, speed %s×, %s of office time from %s %s (%s), %d day(s)%s, seed %d%n", config.brokerUrl(),
                fmt(speed), duration.toString().substring(2).toLowerCase(), dates.get(0), OPENING, zone, days,
                historyOnly ? " (the days before today only, " + (historySpeed == MAX ? "step by step" : "at " + fmt(historySpeed) + "×") + ")"
                        : days > 1 && historySpeed != speed ? " (the days before today " + (historySpeed == MAX ? "step by step, as fast as the node answers"
                        : "at " + fmt(historySpeed) + "×") + ")" : "", seed);
        CounterClient counters = counterClient(config, node, out);
        SimulationMain sim = new SimulationMain(config, clock, node, counters, new DayModel(config, seed), start.plus(duration),
                speed <= 60 && !args.has("--quiet"), out);
        sim.lastTicketMargin = Duration.ofMinutes(30).compareTo(duration.dividedBy(10)) < 0 ? Duration.ofMinutes(30) : duration.dividedBy(10);
        CountDownLatch finished = new CountDownLatch(1);
        Thread driver = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (finished.getCount() > 0) {
                sim.running = false;
                driver.interrupt();
                try {
                    finished.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "jiaohao-shutdown"));
        if (history && historySpeed == MAX) {
            sim.stepping = true;
            sim.counters = CounterClient.direct(node.service());
        }
        sim.openCounters();
        if (!sim.stepping) {
            clock.run();
        }
        try {
            for (int d = 0; d < dates.size() && sim.running; d++) {
                if (d > 0) {
                    sim.endOfDay();
                    sim.summary(dates.get(d - 1));
                    Instant opening = dates.get(d).atTime(OPENING).atZone(zone).toInstant();
                    boolean today = !historyOnly && d == dates.size() - 1;
                    if (today && sim.stepping) {
                        sim.stepping = false;
                        sim.counters = sim.live;
                        clock.jumpTo(opening, speed);
                    } else if (sim.stepping) {
                        clock.hold(opening);
                    } else {
                        clock.jumpTo(opening, today ? speed : historySpeed);
                    }
                    if (today && historySpeed != speed) {
                        out.printf("simulate: %d day(s) of history done; today %s runs at %s×%n", d, dates.get(d), fmt(speed));
                    }
                    sim.end = opening.plus(duration);
                    sim.agenda.clear();
                }
                sim.model.day(dates.get(d));
                sim.run();
            }
            if (historyOnly && sim.running) {
                sim.endOfDay();
                out.printf("simulate: %d day(s) of history done, the last %s; today is left to the office's next program%n",
                        dates.size(), dates.get(dates.size() - 1));
            }
        } finally {
            sim.finish();
            finished.countDown();
        }
        System.exit(0);
    }

    private static CounterClient counterClient(OfficeConfig config, OfficeNode node, PrintStream out) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!node.link().isConnected() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        if (node.link().isConnected()) {
            try {
                CounterClient c = new CounterClient.Mqtt(config.brokerUrl(), "sim-counters-" + config.officeId());
                out.println("simulate: counters send their commands over MQTT, like counter units");
                return c;
            } catch (OfficeException e) {
                out.println("simulate: " + e.getMessage());
            }
        }
        out.println("simulate: broker unreachable; counters call the office node directly (events wait in the outbox)");
        return CounterClient.direct(node.service());
    }

    // ------------------------------------------------------------------ the day

    private void run() {
        for (var k : config.counters()) {
            at(clock.instant().plusSeconds(5L * k.number()), () -> callNext(k.number()));
        }
        at(clock.instant(), this::arrival);
        at(clock.instant().plus(Duration.ofMinutes(30)), this::status);
        while (running) {
            Task next = agenda.peek();
            if (stepping && next != null && next.at().isAfter(clock.instant())) {
                clock.hold(next.at().isBefore(end) ? next.at() : end);
            }
            Instant now = clock.instant();
            if (!now.isBefore(end) || next == null) {
                break;
            }
            Duration wait = clock.realTimeUntil(next.at().isBefore(end) ? next.at() : end);
            if (!wait.isZero()) {
                LockSupport.parkNanos(Math.min(wait.toNanos(), Duration.ofMillis(200).toNanos()));
                if (Thread.interrupted()) {
                    running = false;
                }
                continue;
            }
            agenda.poll();
            try {
                next.action().run();
            } catch (RuntimeException e) {
                out.println(time() + "  simulation step failed: " + e.getMessage());
            }
        }
    }

    private void at(Instant when, Runnable action) {
        agenda.add(new Task(when, taskOrder++, action));
    }

    private void after(double minutes, Runnable action) {
        at(clock.instant().plusMillis((long) (minutes * 60_000)), action);
    }

    /** The working days (Monday to Saturday) of a {@code --days} run, the last one today. */
    static List<LocalDate> workingDays(LocalDate today, int count) {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = today; out.size() < count; d = d.minusDays(1)) {
            if (d.getDayOfWeek() != java.time.DayOfWeek.SUNDAY || d.equals(today)) {
                out.add(0, d);
            }
        }
        return out;
    }

    static int parseDays(String s) {
        try {
            int n = Integer.parseInt(s);
            if (n >= 1 && n <= 366) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new OfficeException("--days must be a whole number 1..366, e.g. 20; got '" + s + "'");
    }

    /** Every counter opens (before the simulated day starts running). */
    private void openCounters() {
        for (var k : config.counters()) {
            send(k.number(), CommandAction.OPEN, null, null, null);
        }
    }

    /** The clerks finish with whoever is at their counter, so the next day starts with free counters. */
    private void endOfDay() {
        for (var k : config.counters()) {
            send(k.number(), CommandAction.FINISH, null, null, null);
            send(k.number(), CommandAction.NO_SHOW, null, null, null);
        }
    }

    /** One line per simulated day of a {@code --days} run: the day's estimate accuracy. */
    private void summary(LocalDate day) {
        out.println("simulate: " + day + " waiting estimates vs actual waits — " + EstimateAccuracy.of(node.engine().database(), day));
    }

    private void arrival() {
        String category = model.category();
        try {
            IssuedTicket t = node.service().issue(category);
            issued++;
            say(String.format("kiosk      %s issued, %d ahead, about %d min", t.number(), t.peopleAhead(), t.estimateMinutes()));
        } catch (OfficeException e) {
            say("kiosk      refused: " + e.getMessage());
        }
        double next = model.minutesToNextArrival(localTime());
        if (clock.instant().plusMillis((long) (next * 60_000)).isBefore(end.minus(lastTicketMargin))) {
            after(next, this::arrival);
        }
    }

    private void callNext(int counter) {
        CommandReply r = send(counter, CommandAction.CALL_NEXT, null, null, null);
        if (r.ok()) {
            called++;
            String number = r.ticket().number();
            say(String.format("counter %-2d calls %s", counter, number));
            if (model.noShow()) {
                after(1.0, () -> recall(counter, number));
            } else {
                after(model.walkMinutes(), () -> start(counter, r.ticket().category()));
            }
        } else {
            after(r.code() == ReplyCode.NOBODY_WAITING ? 0.5 : 1.0, () -> callNext(counter));
        }
    }

    private void recall(int counter, String number) {
        if (send(counter, CommandAction.RECALL, null, null, null).ok()) {
            say(String.format("counter %-2d calls %s again", counter, number));
        }
        after(1.5, () -> {
            if (send(counter, CommandAction.NO_SHOW, null, null, null).ok()) {
                noShows++;
                say(String.format("counter %-2d %s did not come (no-show)", counter, number));
            }
            after(0.2, () -> callNext(counter));
        });
    }

    private void start(int counter, String category) {
        CommandReply r = send(counter, CommandAction.START, null, null, null);
        if (r.code() == ReplyCode.STORE_FAILED) {
            after(0.5, () -> start(counter, category));
            return;
        }
        after(model.serviceMinutes(category), () -> end(counter, category));
    }

    private void end(int counter, String category) {
        String target = model.transfer() ? model.transferTarget(category) : null;
        if (target != null) {
            CommandReply r = send(counter, CommandAction.TRANSFER, null, target, null);
            if (r.ok()) {
                transfers++;
                say(String.format("counter %-2d sends the customer on to %s as %s", counter, target, r.ticket().number()));
                after(0.3, () -> callNext(counter));
                return;
            }
        }
        CommandReply r = send(counter, CommandAction.FINISH, null, null, null);
        if (r.code() == ReplyCode.STORE_FAILED) {
            after(0.5, () -> end(counter, category));
            return;
        }
        served++;
        Rating rating = model.rating();
        if (rating != null && send(counter, CommandAction.RATE, null, null, rating).ok()) {
            ratings++;
            if (rating.raisesAlert()) {
                alerts++;
                say(String.format("counter %-2d rated %s: alert for the duty manager", counter, rating.labelZh()));
            }
        }
        after(0.3, () -> callNext(counter));
    }

    private CommandReply send(int counter, CommandAction action, String ticketId, String target, Rating rating) {
        return counters.send(new CounterCommand(1, config.officeId(), counter, action, ticketId, target, rating));
    }

    private void status() {
        StateSnapshot s = node.service().snapshot();
        TreeMap<String, Integer> waiting = new TreeMap<>();
        s.categories().forEach(c -> waiting.put(c.code(), c.waiting()));
        out.printf("%s  ── issued %d, called %d, served %d, no-shows %d, transfers %d, ratings %d | waiting %s | outbox %d unsent, broker %s%n",
                time(), issued, called, served, noShows, transfers, ratings, waiting, node.engine().pendingCount(),
                node.link().isConnected() ? "connected" : "unreachable");
        after(30, this::status);
    }

    private void say(String line) {
        if (verbose) {
            out.println(time() + "  " + line);
        }
    }

    private LocalTime localTime() {
        return LocalTime.ofInstant(clock.instant(), config.zone());
    }

    private String time() {
        return localTime().format(HMS);
    }

    private void finish() {
        LocalDate day = LocalDate.ofInstant(clock.instant(), config.zone());
        try {
            counters.close();
            out.printf("%s  " + (running ? "end of the simulated day" : "stopped early") + ": issued %d, called %d, served %d, no-shows %d, transfers %d, ratings %d (%d alerts)%n",
                    time(), issued, called, served, noShows, transfers, ratings, alerts);
            out.println("simulate: waiting estimates vs actual waits — " + EstimateAccuracy.of(node.engine().database(), day));
            out.printf("simulate: outbox %d unsent, link %s%n", node.engine().pendingCount(), node.link().metrics());
        } finally {
            node.close();
            out.println("simulate: stopped cleanly");
        }
    }

    // ------------------------------------------------------------------ flags

    /** {@code --history-speed max}: step through the days before today without waiting. */
    private static final double MAX = Double.POSITIVE_INFINITY;

    static double parseSpeed(String s) {
        try {
            double d = Double.parseDouble(s);
            if (d > 0 && d <= 10_000) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new OfficeException("--speed must be a number in (0, 10000], e.g. 30; got '" + s + "'");
    }

    private static final Pattern HM = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    static Duration parseDuration(String s) {
        Matcher m = HM.matcher(s.trim().toLowerCase());
        if (!s.isBlank() && m.matches() && (m.group(1) != null || m.group(2) != null || m.group(3) != null)) {
            return Duration.ofHours(m.group(1) == null ? 0 : Long.parseLong(m.group(1)))
                    .plusMinutes(m.group(2) == null ? 0 : Long.parseLong(m.group(2)))
                    .plusSeconds(m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
        }
        try {
            return Duration.parse(s);
        } catch (DateTimeParseException e) {
            throw new OfficeException("--duration must look like 8h, 8h30m, 90m or 45s; got '" + s + "'");
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
