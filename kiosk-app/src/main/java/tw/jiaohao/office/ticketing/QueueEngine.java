package tw.jiaohao.office.ticketing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.office.config.CategoryConfig;
import tw.jiaohao.office.config.CounterConfig;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.health.NodeHealth;
import tw.jiaohao.office.config.OfficeHours;
import tw.jiaohao.forecast.CallRule;
import tw.jiaohao.forecast.Estimate;
import tw.jiaohao.office.ticketing.lifecycle.Command;
import tw.jiaohao.office.ticketing.lifecycle.Decision;
import tw.jiaohao.office.ticketing.lifecycle.Event;
import tw.jiaohao.office.ticketing.lifecycle.Lifecycle;
import tw.jiaohao.office.ticketing.lifecycle.OfficeEvents;
import tw.jiaohao.office.ticketing.lifecycle.QueueState;
import tw.jiaohao.office.ticketing.lifecycle.Ticket;
import tw.jiaohao.office.ticketing.lifecycle.TicketRef;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.counter.ReplyCode;
import tw.jiaohao.protocol.event.CancelReason;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.protocol.event.TicketId;
import tw.jiaohao.protocol.event.TicketNumber;
import tw.jiaohao.protocol.state.StateSnapshot;
import tw.jiaohao.protocol.state.StateSnapshot.CallView;
import tw.jiaohao.protocol.state.StateSnapshot.CategoryView;
import tw.jiaohao.protocol.state.StateSnapshot.CounterView;
import tw.jiaohao.protocol.state.StateSnapshot.TicketView;

/**
 * The queue engine of one office: the only writer of its {@link OfficeDatabase}. Implements
 * the {@link OfficeService} the UI, link and simulator use and the {@link EventOutbox} the
 * publisher drains. Every change of a ticket or a counter is decided and folded by the pure
 * ticket lifecycle ({@link Lifecycle#decide}, {@link Lifecycle#apply}); this class gathers what
 * a command needs from the store, appends the events and stores the rows that changed
 * ({@link TicketStore}), in one transaction. Rules (docs/office-node/QUEUE.md):
 * <ul>
 * <li>Numbers per category and office day (the office's zone, from the injected {@link Clock}),
 *     computed from the stored tickets inside the issuing transaction, so a committed number is
 *     never handed out again, even after a crash.</li>
 * <li>Call next for a counter: first the oldest waiting ticket of a priority-lane category it
 *     serves; then the oldest ticket of any category it serves that has waited longer than the
 *     starvation ceiling; then the oldest ticket of the first category of its profile that has
 *     one. "Oldest" is by original issue time, so a transferred ticket keeps its place.</li>
 * </ul>
 */
public final class QueueEngine implements OfficeService, EventOutbox, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueueEngine.class);
    /** Replaced whole by {@link #applySettings} between calls (head office's settings); read once per operation. */
    private volatile OfficeConfig config;
    private final OfficeDatabase db;
    private final Clock clock;
    private final JsonCodec codec = new JsonCodec();
    /** The event log and outbox: this engine appends, the publisher drains. */
    private final EventLog events;
    private final List<Consumer<StateSnapshot>> snapshotListeners = new CopyOnWriteArrayList<>();
    private final Object signal = new Object();
    private boolean dirty;
    private volatile boolean closed;
    /** Non-null while changes are held (the start-up check with the hub): why, for the log. */
    private volatile String held;
    private final Thread notifier;
    private final NodeHealth health = new NodeHealth();
    private final StorageWatch storage;
    private final HighWaterMark highWater;
    private final OfficeTime time;
    private volatile EstimateSource estimates;

    public QueueEngine(OfficeConfig config, OfficeDatabase db, Clock clock) {
        this(config, db, clock, OfficeTime.syncStatusFor(clock));
    }

    /** With the system's clock-synchronisation status given (tests of an unsynchronised clock). */
    public QueueEngine(OfficeConfig config, OfficeDatabase db, Clock clock, ClockTrust.SyncStatus sync) {
        this.config = config;
        this.estimates = new EstimateSource(config);
        this.db = db;
        this.clock = clock;
        this.events = new EventLog(db, config.officeId(), clock);
        this.time = new OfficeTime(clock, config.zone(), new ClockTrust(config.safety().alwaysTrustClock(), sync, config.zone(),
                config.safety().hubClockTolerance()), health);
        this.highWater = new HighWaterMark(db.file(), config.safety().markCopyDir() == null ? null
                : config.safety().markCopyDir().resolve(config.officeId() + ".highwater"));
        this.storage = new StorageWatch(DiskSpace.of(db.file(), config.safety().lowBytes(), config.safety().reserveBytes()), db, health);
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO counters (number) VALUES (?)")) {
                for (CounterConfig counter : config.counters()) {
                    s.setInt(1, counter.number());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
        notifier = new Thread(this::notifyLoop, "jiaohao-snapshot");
        notifier.setDaemon(true);
        notifier.start();
    }

    /**
     * Puts head office's settings {@code next} (same office, other categories, counters, hours) in
     * force, in one transaction with every call, so never in the middle of one: when a counter whose
     * settings change (or that goes away) is calling or serving someone, nothing changes and the
     * reason to wait is returned (try again after the next change). Refused, with the reason, when a
     * category that goes away still has people waiting. Applied: {@code record} runs in the same
     * transaction (the node keeps the version it applied), the counters are added, the state is
     * published again, and null is returned.
     *
     * @throws SettingsRefusedException when the settings cannot be applied as they are
     */
    public SettingsWait applySettings(OfficeConfig next, OfficeDatabase.Work<Void> record) {
        if (!next.officeId().equals(config.officeId()) || !next.zone().equals(config.zone())) {
            throw new SettingsRefusedException("OTHER_OFFICE", List.of(), "the settings are for another office or time zone");
        }
        SettingsWait wait = db.transaction(c -> {
            OfficeConfig now = config;
            try (PreparedStatement s = c.prepareStatement("SELECT number, current_ticket FROM counters WHERE current_ticket IS NOT NULL");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int n = rs.getInt(1);
                    java.util.Optional<CounterConfig> before = now.counter(n);
                    if (before.isPresent() && !before.equals(next.counter(n))) {
                        String number = rs.getString(2).substring(rs.getString(2).indexOf('/') + 1);
                        return new SettingsWait("COUNTER_BUSY", List.of(String.valueOf(n), number),
                                "counter " + n + " is calling or serving " + number + "; the settings apply after that call");
                    }
                }
            }
            for (CategoryConfig gone : now.categories()) {
                if (next.category(gone.code()).isPresent()) {
                    continue;
                }
                try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM tickets WHERE category = ? AND state IN ('WAITING', 'CALLED', 'SERVING')")) {
                    s.setString(1, gone.code());
                    try (ResultSet rs = s.executeQuery()) {
                        int left = rs.next() ? rs.getInt(1) : 0;
                        if (left > 0) {
                            throw new SettingsRefusedException("CATEGORY_IN_USE", List.of(gone.code(), String.valueOf(left)),
                                    "category " + gone.code() + " still has " + left
                                    + " ticket(s) waiting or at a counter; remove it after they are served or the office closes");
                        }
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO counters (number) VALUES (?)")) {
                for (CounterConfig counter : next.counters()) {
                    s.setInt(1, counter.number());
                    s.addBatch();
                }
                s.executeBatch();
            }
            record.run(c);
            config = next;
            estimates = new EstimateSource(next);
            return null;
        });
        if (wait == null) {
            markDirty();
        }
        return wait;
    }

    /** The database this engine writes (for reports such as {@link EstimateAccuracy}). */
    public OfficeDatabase database() {
        return db;
    }

    public OfficeConfig config() {
        return config;
    }

    /** What is wrong with this node now (its device status detail). */
    public NodeHealth health() {
        return health;
    }

    /** The time rules: stamps that never go back, whether the clock is trusted, clock steps. */
    public OfficeTime time() {
        return time;
    }

    /** Whether the clock may decide the office day now (the upkeep purges nothing by a clock it cannot trust). */
    public boolean clockTrusted() {
        return time.verdict(db.transaction(QueueEngine::newest).day()).trusted();
    }

    /** Non-null while a hold can end only by staff confirming (the start-up check's {@code confirmByStaff}). */
    private volatile java.util.function.Consumer<String> staffConfirmation;

    /**
     * Holds like {@link #hold}, and lets a counter's CONFIRM end the hold by calling
     * {@code confirm} with who confirmed (e.g. "counter 3").
     */
    public void holdUntilConfirmed(String why, java.util.function.Consumer<String> confirm) {
        staffConfirmation = confirm;
        hold(why);
        markDirty(); // the counter units show the hold and their confirm key
    }

    /** Accepts changes again (and lets waiting ones through); a pending staff confirmation is no longer needed. */
    public void release() {
        boolean wasConfirmable = staffConfirmation != null;
        staffConfirmation = null;
        releaseHold();
        if (wasConfirmable) {
            markDirty();
        }
    }

    /** A counter's CONFIRM: the date the clock shows, and a database held until staff confirm. */
    private CommandReply confirm(CounterCommand cmd) {
        String office = config.officeId();
        boolean done = false;
        Instant now = now();
        if (!clockTrusted()) {
            confirmDate(day(now));
            done = true;
        }
        java.util.function.Consumer<String> hook = staffConfirmation;
        if (hook != null) {
            hook.accept("counter " + cmd.counter());
            done = true;
        }
        if (!done) {
            return CommandReply.error(office, cmd.counter(), cmd.action(), ReplyCode.INVALID_STATE, Texts.nothingToConfirm());
        }
        log.warn("counter {} confirmed: date {}, database as it is", cmd.counter(), day(now));
        return CommandReply.ok(office, cmd.counter(), cmd.action(), null);
    }

    /**
     * Head office's time as it answered the start-up check: one source of trust for this node's
     * clock ({@link ClockTrust}); the counters' snapshot shows a hold it causes.
     */
    public void hubTime(Instant at) {
        time.hubSaid(at);
        ClockTrust.Verdict v = time.verdict(db.transaction(QueueEngine::newest).day());
        log.info("head office's time {}: this clock {}", at, v.trusted() ? "agrees" : "does not agree (" + v.why() + ")");
        markDirty();
    }

    /** Staff confirmed on site that today is {@code date} (lifts the hold of an untrusted clock showing that date). */
    public void confirmDate(LocalDate date) {
        time.trust().confirmDate(date);
        log.warn("STAFF CONFIRMED the date {}", date);
        markDirty();
    }

    /** The highest seq this node committed, kept beside the database (read at start by the check with the hub). */
    public HighWaterMark highWater() {
        return highWater;
    }

    /** The watch on the database's disk and store (checked before every ticket and by the upkeep). */
    public StorageWatch storage() {
        return storage;
    }

    public Clock clock() {
        return clock;
    }

    // ---------------------------------------------------------------- holding changes

    /** How long a change waits for a hold to end before it is refused. */
    static final java.time.Duration HOLD_WAIT = java.time.Duration.ofSeconds(10);

    /**
     * Holds every change (issue, counter commands, ratings) until {@link #release()}: the node
     * holds while it checks with the hub at start that its database is not older than what the
     * hub already has (docs/office-node/QUEUE.md, "Restored from a backup"). A change asked for
     * meanwhile waits up to {@link #HOLD_WAIT} for the release, then is refused with a message
     * to try again. Snapshots are not held.
     */
    public void hold(String why) {
        synchronized (signal) {
            held = why;
        }
        log.info("changes held: {}", why);
    }

    private void releaseHold() {
        synchronized (signal) {
            if (held == null) {
                return;
            }
            held = null;
            signal.notifyAll();
        }
        log.info("changes accepted again");
    }

    /** Waits up to {@link #HOLD_WAIT} for a hold to end; true when changes are accepted. */
    private boolean awaitRelease() {
        if (held == null) {
            return true;
        }
        long until = System.nanoTime() + HOLD_WAIT.toNanos();
        synchronized (signal) {
            long left;
            while (held != null && (left = until - System.nanoTime()) > 0) {
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(signal, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return held == null;
        }
    }

    /** Whether changes are held. */
    public boolean isHeld() {
        return held != null;
    }

    private void requireNotHeld() {
        if (!awaitRelease()) {
            throw new Refusal(ReplyCode.INVALID_STATE, Texts.held());
        }
    }

    // ---------------------------------------------------------------- issue

    @Override
    public IssuedTicket issue(String category) {
        if (!awaitRelease()) {
            throw new IssueRefusedException(ReplyCode.INVALID_STATE, Texts.held());
        }
        CategoryConfig cat = config.category(category).orElseThrow(() -> new IssueRefusedException(ReplyCode.UNKNOWN_CATEGORY,
                Texts.unknownCategory(String.valueOf(category), codes())));
        if (storage.check() == DiskSpace.Level.RESERVE) {
            throw new IssueRefusedException(ReplyCode.STORE_FAILED, Texts.diskFull());
        }
        IssuedTicket issued;
        time.look();
        Prepared prepared = prepareEstimate(category);
        try {
            issued = change(c -> {
            Newest newest = newest(c);
            if (!time.verdict(newest.day()).trusted()) {
                throw new IssueRefusedException(ReplyCode.INVALID_STATE, Texts.clockUntrusted());
            }
            Instant now = time.stamp(newest.at());
            LocalDate day = day(now);
            java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(now, config.zone());
            OfficeHours hours = config.hours();
            if (!hours.isOpen(local)) {
                throw new IssueRefusedException(ReplyCode.INVALID_STATE, Texts.officeClosed(hours.nextOpening(local)));
            }
            java.util.Optional<java.time.LocalDateTime> last = hours.lastTicket(category, local.toLocalDate());
            if (last.isPresent() && !local.isBefore(last.get())) {
                throw new IssueRefusedException(ReplyCode.INVALID_STATE, Texts.lastTicketPassed(category, last.get()));
            }
            int number = nextNumber(c, day, category);
            Map<String, Integer> waiting = waitingByCategory(c, day);
            int ahead = waiting.getOrDefault(category, 0);
            // the forecast was computed before this write transaction from the same state; if
            // anything changed since (a ticket, a call, a counter opened), it is computed again here
            Estimate e = prepared != null && prepared.day().equals(day) && prepared.version().equals(stateVersion(c))
                    ? prepared.estimate() : estimates.read(c, day, now).estimate(category);
            java.util.Optional<java.time.LocalDateTime> closing = hours.closing(local.toLocalDate());
            if (hours.byCapacity(category) && closing.isPresent()
                    && local.plusMinutes(e.highMinutes()).isAfter(closing.get().plusMinutes(hours.graceMinutes()))) {
                throw new IssueRefusedException(ReplyCode.INVALID_STATE, Texts.lastTicketByCapacity(category));
            }
            int estimate = e.medianMinutes();
            Integer low = e.servable() ? e.lowMinutes() : null;
            Integer high = e.servable() ? e.highMinutes() : null;
            TicketRef ref = new TicketRef(day, category, number, now);
            long seq = run(c, QueueState.EMPTY, new Command.Issue(ref, ahead, estimate, low, high), null).seq();
            time.issued(ref.ticketId());
            return new IssuedTicket(ref.ticketId(), ref.numberText(), category, cat.nameZh(), cat.nameEn(), day, now,
                    ahead, estimate, seq, low, high);
            });
        } catch (Refusal r) {
            throw new IssueRefusedException(r.code, r.getMessage());
        } catch (StoreException e) {
            log.debug("ticket of {} not issued: {}", category, e.getMessage()); // the store logs its failure once
            storage.check();
            throw new IssueRefusedException(ReplyCode.STORE_FAILED, storeFailure(e));
        }
        changed();
        log.debug("issued {} ({} ahead, ~{} min)", issued.number(), issued.peopleAhead(), issued.estimateMinutes());
        return issued;
    }

    private int nextNumber(Connection c, LocalDate day, String category) throws SQLException {
        int last;
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(number), 0) FROM tickets WHERE office_day = ? AND category = ?")) {
            s.setString(1, day.toString());
            s.setString(2, category);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                last = r.getInt(1);
            }
        }
        NumberFloor floor = numberFloor;
        if (floor != null && floor.day().equals(day)) {
            last = Math.max(last, floor.floor().getOrDefault(category, floor.lost()));
        }
        if (last >= TicketNumber.MAX_SEQUENCE) {
            throw new IssueRefusedException(ReplyCode.INVALID_STATE, Texts.dayFull(category));
        }
        return last + 1;
    }

    /**
     * After staff accepted a database that lost {@code lost} committed changes (its high-water
     * mark said so): on {@code day} each category's numbers continue at least {@code lost} past
     * the highest stored then, so a number printed by a lost change is never given again.
     */
    private record NumberFloor(LocalDate day, int lost, Map<String, Integer> floor) {
    }

    private volatile NumberFloor numberFloor;

    // ---------------------------------------------------------------- counter commands

    /** A command refused; thrown inside the transaction so nothing is written. */
    private static final class Refusal extends RuntimeException {
        final ReplyCode code;

        Refusal(ReplyCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private record CounterRow(int number, boolean open, String currentTicket, String lastTicket) {
    }

    /**
     * {@inheritDoc}
     * <p>On OK the reply carries the ticket acted on; for TRANSFER it is the new ticket in the
     * target category (WAITING), for OPEN and CLOSE none.
     */
    @Override
    public CommandReply execute(CounterCommand cmd) {
        String office = config.officeId();
        if (!cmd.office().equals(office)) {
            return CommandReply.error(office, cmd.counter(), cmd.action(), ReplyCode.MALFORMED, Texts.wrongOffice(cmd.office(), office));
        }
        CounterConfig counter = config.counter(cmd.counter()).orElse(null);
        if (counter == null) {
            return CommandReply.error(office, cmd.counter(), cmd.action(), ReplyCode.UNKNOWN_COUNTER,
                    Texts.unknownCounter(cmd.counter()));
        }
        if (cmd.action() == CommandAction.CONFIRM) {
            return confirm(cmd);
        }
        try {
            requireNotHeld();
            time.look();
            TicketView ticket = change(c -> apply(c, counter, cmd, time.stamp(newest(c).at())));
            changed();
            log.debug("counter {} {} → {}", cmd.counter(), cmd.action(), ticket == null ? "ok" : ticket.number());
            return CommandReply.ok(office, cmd.counter(), cmd.action(), ticket);
        } catch (Refusal r) {
            log.debug("counter {} {} refused: {}", cmd.counter(), cmd.action(), r.code);
            return CommandReply.error(office, cmd.counter(), cmd.action(), r.code, r.getMessage());
        } catch (StoreException e) {
            log.debug("counter {} {} not stored: {}", cmd.counter(), cmd.action(), e.getMessage());
            return CommandReply.error(office, cmd.counter(), cmd.action(), ReplyCode.STORE_FAILED, storeFailure(e));
        }
    }

    /**
     * Turns the counter's command into a lifecycle {@link Command}, with what the rules need from
     * the store (the counter's tickets, the ticket the call order picks, the next free number of a
     * transfer's category, whether the clock is trusted), and runs it.
     */
    private TicketView apply(Connection c, CounterConfig counter, CounterCommand cmd, Instant now) throws SQLException {
        CounterRow row = counterRow(c, counter.number());
        int n = counter.number();
        List<String> ids = new ArrayList<>(java.util.Arrays.asList(cmd.ticketId(), row.currentTicket()));
        Command command = switch (cmd.action()) {
            case OPEN -> new Command.Open(n, now);
            case CLOSE -> new Command.Close(n, now);
            case CALL_NEXT -> {
                boolean trusted = time.verdict(newest(c).day()).trusted();
                TicketRow next = row.open() && trusted ? pickNext(c, day(now), counter, now) : null;
                ids.add(next == null ? null : next.ticketId());
                yield new Command.CallNext(n, next == null ? null : next.ticketId(), trusted, now);
            }
            case RECALL -> new Command.Recall(n, cmd.ticketId(), now);
            case NO_SHOW -> new Command.NoShow(n, cmd.ticketId(), now);
            case START -> new Command.Start(n, cmd.ticketId(), now);
            case FINISH -> new Command.Finish(n, cmd.ticketId(), now);
            case TRANSFER -> {
                String subject = cmd.ticketId() != null ? cmd.ticketId() : row.currentTicket();
                String target = cmd.targetCategory();
                boolean known = config.category(target).isPresent();
                Integer toNumber = null;
                if (known && subject != null) {
                    try {
                        toNumber = nextNumber(c, TicketId.day(subject), target);
                    } catch (IssueRefusedException full) {
                        toNumber = null; // the day has no number left: the lifecycle refuses
                    }
                }
                yield new Command.Transfer(n, cmd.ticketId(), target, known, toNumber, now);
            }
            case CANCEL -> new Command.Cancel(n, cmd.ticketId(), now);
            case RATE -> {
                ids.add(row.lastTicket());
                yield new Command.RateAtCounter(n, cmd.ticketId(), cmd.rating(), now);
            }
            default -> throw new IllegalStateException("unhandled action " + cmd.action());
        };
        Ran ran = run(c, TicketStore.load(c, ids, List.of(n)), command, counter);
        if (cmd.action() == CommandAction.OPEN || cmd.action() == CommandAction.CLOSE) {
            log.info("counter {} {}", n, cmd.action() == CommandAction.OPEN ? "opened" : "closed");
        }
        return ran.subject() == null ? null : view(ran.subject());
    }

    /** What a change did: the ticket its reply shows (or null) and the seq of its last event (0 when none). */
    private record Ran(Ticket subject, long seq) {
    }

    /**
     * Decides {@code command} on {@code before} ({@link Lifecycle#decide}), appends its ticket
     * events to the log and outbox, folds them ({@link Lifecycle#apply}) and stores the rows that
     * changed. Throws {@link Refusal} (nothing written) when the lifecycle refuses.
     *
     * @param counter the counter the command came from (for the refusal's text), or null
     */
    private Ran run(Connection c, QueueState before, Command command, CounterConfig counter) throws SQLException {
        Decision d = Lifecycle.decide(before, command);
        if (d instanceof Decision.Refused r) {
            throw new Refusal(r.reason().code(), refusalText(r, counter));
        }
        Decision.Accepted accepted = (Decision.Accepted) d;
        QueueState after = before;
        long seq = 0;
        for (Event e : accepted.events()) {
            after = Lifecycle.apply(after, e);
            if (e instanceof Event.TicketEvent te) {
                seq = append(c, te);
                if (te instanceof Event.AlertRaised) {
                    log.info("alert: dissatisfied rating for {} at counter {}", te.ticket().numberText(), te.counter());
                }
            }
        }
        TicketStore.save(c, before, after);
        return new Ran(accepted.subject() == null ? null : after.ticket(accepted.subject()).orElseThrow(), seq);
    }

    private String refusalText(Decision.Refused r, CounterConfig counter) {
        int n = counter == null ? 0 : counter.number();
        return switch (r.reason()) {
            case UNKNOWN_COUNTER -> Texts.unknownCounter(n);
            case COUNTER_CLOSED -> Texts.closed(n);
            case BUSY_CLOSE -> Texts.busyClose(r.ticket());
            case BUSY_CALL -> Texts.busyCall(r.ticket());
            case CLOCK_UNTRUSTED -> Texts.clockUntrusted();
            case NOBODY_WAITING -> Texts.nobodyWaiting(counter == null ? List.of() : counter.serves());
            case NO_CURRENT_TICKET -> Texts.noCurrent(n);
            case NOT_AT_THIS_COUNTER -> Texts.notAtThisCounter(r.ticket(), n);
            case UNKNOWN_TICKET -> Texts.unknownTicket(r.ticket());
            case INVALID_STATE -> Texts.invalidState(r.ticket(), r.state(), r.action());
            case UNKNOWN_CATEGORY -> Texts.unknownCategory(r.category(), codes());
            case SAME_CATEGORY -> Texts.sameCategory(r.category());
            case DAY_FULL -> Texts.dayFull(r.category());
            case NOT_SERVED_YET -> Texts.notServedYet(r.ticket());
            case ALREADY_RATED -> Texts.alreadyRated(r.ticket());
            case ALREADY_ISSUED -> Texts.storeFailed();
        };
    }

    private static TicketView view(Ticket t) {
        return TicketRow.view(t.ticketId(), t.numberText(), t.ref().category(), t.state(), t.ref().issuedAt(), t.calledAt(),
                t.servingAt(), t.endedAt());
    }

    private TicketRow pickNext(Connection c, LocalDate day, CounterConfig counter, Instant now) throws SQLException {
        for (String id : time.inRoom()) { // people in the room numbered under the day before a clock step, oldest first
            TicketRow t = waitingInRoom(c, id, counter);
            if (t != null) {
                return t;
            }
        }
        List<String> serves = counter.serves();
        TicketRow[] oldest = new TicketRow[serves.size()];
        for (int i = 0; i < oldest.length; i++) {
            oldest[i] = oldestWaiting(c, day, List.of(serves.get(i)), null);
        }
        int next = CallRule.next(java.util.stream.IntStream.range(0, oldest.length).toArray(), new CallRule.Queues() {
            @Override
            public boolean priority(int i) {
                return config.category(serves.get(i)).orElseThrow().priority();
            }

            @Override
            public boolean waiting(int i) {
                return oldest[i] != null;
            }

            @Override
            public double oldestIssued(int i) {
                return oldest[i].issuedAt().toEpochMilli();
            }

            @Override
            public boolean older(int a, int b) {
                int byTime = oldest[a].issuedAt().compareTo(oldest[b].issuedAt());
                return byTime < 0 || byTime == 0 && oldest[a].id() < oldest[b].id();
            }
        }, now.toEpochMilli(), config.starvationCeiling().toMillis());
        return next < 0 ? null : oldest[next];
    }

    private TicketRow waitingInRoom(Connection c, String ticketId, CounterConfig counter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + TicketRow.COLUMNS + " FROM tickets WHERE ticket_id = ? AND state = 'WAITING'")) {
            s.setString(1, ticketId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                TicketRow t = TicketRow.read(r);
                return counter.serves(t.category()) ? t : null;
            }
        }
    }

    private TicketRow oldestWaiting(Connection c, LocalDate day, List<String> categories, Instant issuedNoLaterThan) throws SQLException {
        String sql = "SELECT " + TicketRow.COLUMNS + " FROM tickets WHERE office_day = ? AND state = 'WAITING' AND category IN ("
                + placeholders(categories.size()) + ")" + (issuedNoLaterThan == null ? "" : " AND issued_at <= ?")
                + " ORDER BY issued_at, id LIMIT 1";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setString(i++, day.toString());
            for (String category : categories) {
                s.setString(i++, category);
            }
            if (issuedNoLaterThan != null) {
                s.setLong(i, issuedNoLaterThan.toEpochMilli());
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? TicketRow.read(r) : null;
            }
        }
    }

    private TicketRow ticket(Connection c, String ticketId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + TicketRow.COLUMNS + " FROM tickets WHERE ticket_id = ?")) {
            s.setString(1, ticketId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new Refusal(ReplyCode.UNKNOWN_TICKET, Texts.unknownTicket(ticketId));
                }
                return TicketRow.read(r);
            }
        }
    }

    private CounterRow counterRow(Connection c, int number) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT open, current_ticket, last_ticket FROM counters WHERE number = ?")) {
            s.setInt(1, number);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new Refusal(ReplyCode.UNKNOWN_COUNTER, Texts.unknownCounter(number));
                }
                return new CounterRow(number, r.getInt(1) != 0, r.getString(2), r.getString(3));
            }
        }
    }

    // ---------------------------------------------------------------- ratings

    @Override
    public RatingResult rate(String ticketNumberOrId, Rating rating) {
        if (rating == null) {
            throw new IllegalArgumentException("rating is required");
        }
        try {
            requireNotHeld();
            String rated = change(c -> {
                Instant now = time.stamp(newest(c).at());
                String id = ticketNumberOrId != null && ticketNumberOrId.length() == 4
                        ? todaysId(ticketNumberOrId, day(now)) : ticketNumberOrId;
                if (id == null || !validTicketId(id)) {
                    throw new Refusal(ReplyCode.UNKNOWN_TICKET, Texts.unknownTicket(String.valueOf(ticketNumberOrId)));
                }
                return run(c, TicketStore.load(c, List.of(id), List.of()), new Command.Rate(id, rating, now), null)
                        .subject().ticketId();
            });
            changed();
            return new RatingResult(ReplyCode.OK, null, rated, rating);
        } catch (Refusal r) {
            return new RatingResult(r.code, r.getMessage(), null, rating);
        } catch (StoreException e) {
            log.debug("rating not stored: {}", e.getMessage());
            return new RatingResult(ReplyCode.STORE_FAILED, storeFailure(e), null, rating);
        }
    }

    private static String todaysId(String number, LocalDate day) {
        try {
            return TicketId.of(day, TicketNumber.parse(number));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean validTicketId(String id) {
        try {
            TicketId.check("ticketId", id);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- end of the office day

    /** Tickets closed per transaction, so a long backlog never blocks issuing for long. */
    private static final int CLOSE_BATCH = 100;

    /**
     * Closes the tickets the office left open (docs/office-node/QUEUE.md, "End of the office day"):
     * <ul>
     * <li>of every earlier office day: WAITING, CALLED and SERVING tickets, reason {@code DAY_ENDED};</li>
     * <li>of today, once now is at or past {@code office.closes-at}: WAITING and CALLED tickets,
     *     reason {@code OFFICE_CLOSED}, once per office day (recorded in the store, so a restart or
     *     a clock set back does not close today's later tickets again).</li>
     * </ul>
     * Each closed ticket gets a TICKET_CANCELLED event with the reason; a counter holding one is
     * freed (it stays open). Idempotent: a second run finds nothing. Does nothing while held.
     *
     * @return the number of tickets closed
     */
    public int closeLeftovers() {
        if (held != null) {
            return 0;
        }
        time.look();
        Newest newest = db.transaction(QueueEngine::newest);
        if (!time.verdict(newest.day()).trusted()) {
            return 0; // never close a day by a clock that cannot be trusted
        }
        Instant now = time.stamp(newest.at());
        LocalDate today = day(now);
        int closed = 0;
        int n;
        List<String> inRoom = time.inRoom();
        String keep = inRoom.isEmpty() ? "" : " AND ticket_id NOT IN (" + placeholders(inRoom.size()) + ")";
        do {
            n = change(c -> closeBatch(c, "office_day < ? AND state IN ('WAITING', 'CALLED', 'SERVING')" + keep, today,
                    CancelReason.DAY_ENDED, now, inRoom));
            closed += n;
        } while (n == CLOSE_BATCH);
        LocalTime closesAt = config.upkeep().closesAt();
        if (closesAt != null && !now.atZone(config.zone()).toLocalTime().isBefore(closesAt)) {
            boolean due = db.transaction(c -> {
                String done = meta(c, "closed-day");
                return done == null || LocalDate.parse(done).isBefore(today);
            });
            if (due) {
                do {
                    n = change(c -> closeBatch(c, "office_day = ? AND state IN ('WAITING', 'CALLED')", today,
                            CancelReason.OFFICE_CLOSED, now, List.of()));
                    closed += n;
                } while (n == CLOSE_BATCH);
                db.transaction(c -> setMeta(c, "closed-day", today.toString()));
            }
        }
        if (closed > 0) {
            changed();
            log.info("closed {} tickets left open at the end of the office day", closed);
        }
        return closed;
    }

    private int closeBatch(Connection c, String where, LocalDate day, CancelReason reason, Instant now, List<String> keep)
            throws SQLException {
        List<String> open = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + TicketRow.COLUMNS + " FROM tickets WHERE " + where
                + " ORDER BY id LIMIT " + CLOSE_BATCH)) {
            s.setString(1, day.toString());
            int i = 2;
            for (String id : keep) {
                s.setString(i++, id);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    open.add(TicketRow.read(r).ticketId());
                }
            }
        }
        QueueState loaded = TicketStore.load(c, open, List.of());
        QueueState state = loaded;
        for (String id : open) {
            Decision d = Lifecycle.decide(state, new Command.CloseLeftover(id, reason, now));
            if (d instanceof Decision.Accepted a) {
                for (Event e : a.events()) {
                    state = Lifecycle.apply(state, e);
                    append(c, (Event.TicketEvent) e);
                }
            }
        }
        TicketStore.save(c, loaded, state);
        return open.size();
    }

    static String meta(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT value FROM node_meta WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    static Void setMeta(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO node_meta (key, value) VALUES (?, ?) "
                + "ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            s.setString(1, key);
            s.setString(2, value);
            s.executeUpdate();
        }
        return null;
    }

    // ---------------------------------------------------------------- events from the hub

    /** Whether the hub has ever answered this database's start-up check (kept in the store, so a backup carries it). */
    public boolean hubAnsweredBefore() {
        return db.transaction(c -> meta(c, "hub-answered") != null);
    }

    /** Records that the hub answered the start-up check. */
    public void recordHubAnswered() {
        db.transaction(c -> setMeta(c, "hub-answered", now().toString()));
    }

    /**
     * Stores events the hub holds and this database does not (it was restored from an older
     * backup) and rebuilds the tickets and counters from them, in one transaction: each event
     * that continues the local history without a hole (seq = local newest + 1, same office) is
     * appended as is (same seq and event id, its outbox row already sent) and applied to the
     * tickets ({@link HubEventImport}); events at or below the local newest seq are skipped and
     * the first one after a hole ends the import. Call while held, before anything new is issued.
     *
     * @return the number of events imported
     */
    public int importEvents(List<OfficeEvent> events) {
        long[] newest = new long[1];
        int n = db.transaction(c -> {
            long last = lastSeq(c);
            int imported = 0;
            for (OfficeEvent e : events) {
                if (e.seq() <= last) {
                    continue;
                }
                if (e.seq() != last + 1 || !e.office().equals(config.officeId())) {
                    break; // never a hole: only the run that continues this database's own history
                }
                HubEventImport.apply(c, e, codec.encode(e), clock.millis());
                last = e.seq();
                imported++;
            }
            newest[0] = last;
            return imported;
        });
        if (n > 0) {
            highWater.record(newest[0]);
            changed();
        }
        return n;
    }

    /**
     * Staff confirmed on site that this database is to be used as it is (a new office, or a
     * history head office cannot give back): from now on its newest seq is this node's high-water
     * mark. Call only from the start-up check's release by staff.
     */
    public int acceptDatabaseAsItIs() {
        long last = lastSeq();
        int lost = highWater.read() instanceof HighWaterMark.Seq m && m.seq() > last
                ? (int) Math.min(m.seq() - last, TicketNumber.MAX_SEQUENCE) : 0;
        if (lost > 0) {
            LocalDate day = day(now());
            Map<String, Integer> floor = new HashMap<>();
            db.transaction(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT category, MAX(number) FROM tickets WHERE office_day = ? GROUP BY category")) {
                    s.setString(1, day.toString());
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            floor.put(r.getString(1), r.getInt(2) + lost);
                        }
                    }
                }
                return null;
            });
            numberFloor = new NumberFloor(day, lost, Map.copyOf(floor));
            log.warn("{} committed changes were lost with the database: today's numbers continue {} further on in each category", lost, lost);
        }
        highWater.force(last);
        return lost;
    }

    // ---------------------------------------------------------------- events and outbox

    /** Appends {@code e} to the event log and the outbox, as the next seq; returns the seq. */
    private long append(Connection c, Event.TicketEvent e) throws SQLException {
        return events.append(c, e, e instanceof Event.AlertRaised ? Texts.dissatisfiedAlert(e.counter()) : null);
    }

    /**
     * Runs one change in a transaction. When its COMMIT fails, the change counts as stored only
     * if its last event is in the file when looked for again, so what the caller is told is true.
     */
    private <T> T change(OfficeDatabase.Work<T> work) {
        events.forget();
        try {
            T result = db.transaction(work, (c, r) -> {
                EventLog.Appended a = events.appended();
                if (a == null) { // OPEN and CLOSE append no event: whether they were stored cannot be told
                    throw new SQLException("the change appended no event to look for");
                }
                return EventLog.contains(c, a.id());
            });
            EventLog.Appended a = events.appended();
            if (a != null) {
                highWater.record(a.seq());
            }
            return result;
        } finally {
            events.forget();
        }
    }

    /** The message for a failed change: nothing changed, or — when even that is not known yet — to look before trying again. */
    private static String storeFailure(StoreException e) {
        return e instanceof CommitFailedException ? Texts.storeUnknown() : Texts.storeFailed();
    }

    private static long lastSeq(Connection c) throws SQLException {
        return EventLog.lastSeq(c);
    }

    @Override
    public long lastSeq() {
        return events.lastSeq();
    }

    @Override
    public List<StoredEvent> pending(long afterSeq, int limit) {
        return events.pending(afterSeq, limit);
    }

    @Override
    public List<StoredEvent> range(long fromSeq, long toSeq, int limit) {
        return events.range(fromSeq, toSeq, limit);
    }

    @Override
    public void markSent(List<Long> seqs) {
        events.markSent(seqs);
    }

    @Override
    public long pendingCount() {
        return events.pendingCount();
    }

    @Override
    public Subscription onAppended(Runnable listener) {
        return events.onAppended(listener);
    }

    // ---------------------------------------------------------------- estimate

    private Map<String, Integer> waitingByCategory(Connection c, LocalDate day) throws SQLException {
        Map<String, Integer> waiting = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT category, COUNT(*) FROM tickets WHERE office_day = ? AND state = 'WAITING' GROUP BY category")) {
            s.setString(1, day.toString());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    waiting.put(r.getString(1), r.getInt(2));
                }
            }
        }
        return waiting;
    }

    private static Set<Integer> openCounters(Connection c) throws SQLException {
        Set<Integer> open = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT number FROM counters WHERE open = 1"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                open.add(r.getInt(1));
            }
        }
        return open;
    }

    /** An estimate computed outside the issuing transaction, and the state version it was computed from. */
    private record Prepared(LocalDate day, String version, Estimate estimate) {
    }

    /**
     * Reads the state in its own short transaction and forecasts outside any transaction, so the
     * 100 simulated runs (and the learned model's refit, every 30 minutes) never hold the writer
     * lock. Null when the read fails: the issue then forecasts inside its transaction as before.
     */
    private Prepared prepareEstimate(String category) {
        try {
            Object[] read = db.transaction(c -> {
                Instant now = now();
                LocalDate day = day(now);
                return new Object[] {day, stateVersion(c), estimates.read(c, day, now)};
            });
            return new Prepared((LocalDate) read[0], (String) read[1], ((EstimateSource.Inputs) read[2]).estimate(category));
        } catch (RuntimeException e) {
            log.debug("estimate not prepared before the issue: {}", e.toString());
            return null;
        }
    }

    /**
     * What the forecast's state depends on, besides the clock: the newest event (every ticket
     * change appends one) and the counters (opening and closing append none).
     */
    private static String stateVersion(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT (SELECT IFNULL(MAX(seq), 0) FROM events) || '|' || "
                + "IFNULL((SELECT group_concat(number || ':' || open || ':' || IFNULL(current_ticket, ''), ',') "
                + "FROM (SELECT * FROM counters ORDER BY number)), '')"); ResultSet r = s.executeQuery()) {
            return r.next() ? r.getString(1) : "";
        }
    }

    // ---------------------------------------------------------------- snapshot

    /**
     * {@inheritDoc}
     * <p>The store is read in one transaction; the categories' estimates are computed after it,
     * so the forecast never holds the writer lock for a snapshot.
     */
    @Override
    public StateSnapshot snapshot() {
        EstimateSource.Inputs[] inputs = new EstimateSource.Inputs[1];
        StateSnapshot read = db.transaction(c -> buildSnapshot(c, inputs));
        List<CategoryView> categories = new ArrayList<>();
        for (CategoryView v : read.categories()) {
            Estimate e = inputs[0].estimate(v.code());
            categories.add(new CategoryView(v.code(), v.nameZh(), v.nameEn(), v.priority(), v.waiting(), e.medianMinutes(),
                    v.lastIssued(), v.lastCalled(), e.servable() ? e.lowMinutes() : null, e.servable() ? e.highMinutes() : null,
                    e.servable()));
        }
        java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(read.at(), config.zone());
        Instant opensAt = config.hours().isOpen(local) ? null
                : config.hours().nextOpening(local).map(t -> t.atZone(config.zone()).toInstant()).orElse(read.at().plus(java.time.Duration.ofDays(366)));
        return new StateSnapshot(read.v(), read.office(), read.officeName(), read.zone(), read.seq(), read.at(), read.officeDay(),
                categories, read.counters(), read.lastCalls(), opensAt, holdForStaff());
    }

    /** Why staff must confirm on a counter before changes are accepted (the snapshot's {@code hold}), or null. */
    private String holdForStaff() {
        String why = null;
        if (staffConfirmation != null) {
            why = held;
        }
        if (why == null) {
            ClockTrust.Verdict v = time.verdict(db.transaction(QueueEngine::newest).day());
            why = v.trusted() ? null : v.why();
        }
        return why == null ? null : why.length() <= StateSnapshot.MAX_HOLD ? why : why.substring(0, StateSnapshot.MAX_HOLD - 1) + "…";
    }

    private StateSnapshot buildSnapshot(Connection c, EstimateSource.Inputs[] inputs) throws SQLException {
        Instant now = now();
        LocalDate day = day(now);
        String d = day.toString();
        Map<String, Integer> waiting = waitingByCategory(c, day);
        Set<Integer> open = openCounters(c);
        inputs[0] = estimates.read(c, day, now);
        Map<String, String> lastIssued = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT category, MAX(number) FROM tickets WHERE office_day = ? GROUP BY category")) {
            s.setString(1, d);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    lastIssued.put(r.getString(1), String.format("%s%03d", r.getString(1), r.getInt(2)));
                }
            }
        }
        Map<String, String> lastCalled = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT category, number, MAX(called_at) FROM tickets "
                + "WHERE office_day = ? AND called_at IS NOT NULL GROUP BY category")) {
            s.setString(1, d);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    lastCalled.put(r.getString(1), String.format("%s%03d", r.getString(1), r.getInt(2)));
                }
            }
        }
        List<CategoryView> categories = new ArrayList<>();
        for (CategoryConfig cat : config.categories()) {
            categories.add(new CategoryView(cat.code(), cat.nameZh(), cat.nameEn(), cat.priority(),
                    waiting.getOrDefault(cat.code(), 0), 0, lastIssued.get(cat.code()), lastCalled.get(cat.code())));
        }
        Map<Integer, String> current = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT number, current_ticket FROM counters WHERE current_ticket IS NOT NULL");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                current.put(r.getInt(1), r.getString(2));
            }
        }
        List<CounterView> counters = new ArrayList<>();
        for (CounterConfig k : config.counters()) {
            String id = current.get(k.number());
            counters.add(new CounterView(k.number(), k.name(), k.serves(), open.contains(k.number()),
                    id == null ? null : ticket(c, id).view()));
        }
        List<CallView> calls = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT payload FROM events WHERE office_day = ? "
                + "AND type IN ('TICKET_CALLED', 'TICKET_RECALLED') ORDER BY seq DESC LIMIT ?")) {
            s.setString(1, d);
            s.setInt(2, StateSnapshot.MAX_LAST_CALLS);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    OfficeEvent e = codec.decodeOrThrow(r.getBytes(1), OfficeEvent.class);
                    calls.add(new CallView(e.ticketId(), e.ticketNumber(), e.category(), e.counter(), e.at(),
                            e.type() == EventType.TICKET_RECALLED));
                }
            }
        }
        return new StateSnapshot(ProtocolVersion.CURRENT, config.officeId(), config.nameZh(), config.zone().getId(),
                lastSeq(c), now, day, categories, counters, calls);
    }

    @Override
    public Subscription onSnapshot(Consumer<StateSnapshot> listener) {
        snapshotListeners.add(listener);
        markDirty();
        return () -> snapshotListeners.remove(listener);
    }

    private void changed() {
        events.notifyAppended();
        markDirty();
    }

    private void markDirty() {
        synchronized (signal) {
            dirty = true;
            signal.notifyAll();
        }
    }

    private void notifyLoop() {
        while (!closed) {
            synchronized (signal) {
                while (!dirty && !closed) {
                    try {
                        if (config.hours().enforced()) {
                            // opening and closing change the snapshot without a queue change
                            signal.wait(HOURS_REFRESH.toMillis());
                            dirty = true;
                        } else {
                            signal.wait();
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                dirty = false;
            }
            if (closed || snapshotListeners.isEmpty()) {
                continue;
            }
            StateSnapshot snapshot;
            try {
                snapshot = snapshot();
            } catch (RuntimeException e) {
                log.warn("cannot build the state snapshot: {}", e.getMessage());
                continue;
            }
            for (Consumer<StateSnapshot> l : snapshotListeners) {
                try {
                    l.accept(snapshot);
                } catch (RuntimeException e) {
                    log.warn("snapshot listener failed: {}", e.toString());
                }
            }
        }
    }

    /** With office hours, the snapshot is rebuilt at least this often (the boards follow opening and closing). */
    static final java.time.Duration HOURS_REFRESH = java.time.Duration.ofMinutes(1);

    /** Builds and hands out a new snapshot now (e.g. after the clock was set; tests). */
    public void republish() {
        markDirty();
    }

    // ---------------------------------------------------------------- helpers

    private Instant now() {
        return time.now();
    }

    /** The newest stored event's time and office day (both null when none): stamps never go before it. */
    private record Newest(Instant at, LocalDate day) {
    }

    private static Newest newest(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT at, office_day FROM events ORDER BY seq DESC LIMIT 1");
             ResultSet r = s.executeQuery()) {
            return r.next() ? new Newest(Instant.ofEpochMilli(r.getLong(1)), LocalDate.parse(r.getString(2))) : new Newest(null, null);
        }
    }

    private LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, config.zone());
    }

    private List<String> codes() {
        return config.categories().stream().map(CategoryConfig::code).toList();
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** Stops the snapshot thread. The database is closed by its owner. */
    @Override
    public void close() {
        closed = true;
        markDirty();
        try {
            notifier.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
