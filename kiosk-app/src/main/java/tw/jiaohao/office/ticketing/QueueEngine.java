package tw.jiaohao.office.ticketing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.forecast.Estimate;
import tw.jiaohao.office.config.CategoryConfig;
import tw.jiaohao.office.config.CounterConfig;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeHours;
import tw.jiaohao.office.health.NodeHealth;
import tw.jiaohao.office.ticketing.lifecycle.Command;
import tw.jiaohao.office.ticketing.lifecycle.Decision;
import tw.jiaohao.office.ticketing.lifecycle.Event;
import tw.jiaohao.office.ticketing.lifecycle.Lifecycle;
import tw.jiaohao.office.ticketing.lifecycle.QueueState;
import tw.jiaohao.office.ticketing.lifecycle.Ticket;
import tw.jiaohao.office.ticketing.lifecycle.TicketRef;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.counter.ReplyCode;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.protocol.event.TicketId;
import tw.jiaohao.protocol.event.TicketNumber;
import tw.jiaohao.protocol.state.StateSnapshot;
import tw.jiaohao.protocol.state.StateSnapshot.TicketView;

/**
 * The queue engine of one office: the only writer of its {@link OfficeDatabase}, and a small
 * coordinator of named parts (docs/ARCHITECTURE.md, docs/office-node/QUEUE.md). It implements the
 * {@link OfficeService} the UI, link and simulator use and the {@link EventOutbox} the publisher
 * drains, and turns each call into a lifecycle {@link Command} with what the rules need from the
 * store; the transitions themselves are decided and folded only by the pure ticket lifecycle
 * ({@link Lifecycle#decide}, {@link Lifecycle#apply}). The parts, each with its contract:
 * <ul>
 * <li>{@link ChangeGate}: the hold (start-up check, a database behind its high-water mark), the
 *     clock's trust, the disk reserve — what must be true before a change is stored;</li>
 * <li>{@link Changes} over {@link EventLog}: one transaction per change, its events appended to
 *     the log and outbox with the next seq, a failed COMMIT looked for again; after the commit the
 *     {@link HighWaterMark} is recorded off the caller's path;</li>
 * <li>{@link Numbering} and {@link CallOrder}: the next number, the ticket a CALL_NEXT takes;</li>
 * <li>{@link WaitingEstimate}: each category's forecast for the next ticket, computed after every
 *     change on its own thread, so an issue forecasts nothing when the round is current;</li>
 * <li>{@link SnapshotPublisher}: the office's state for the boards, built after each round;</li>
 * <li>{@link EndOfDay}: the upkeep's sweep of tickets left open;</li>
 * <li>{@link HubEventImport}: events given back by head office, folded by the same lifecycle.</li>
 * </ul>
 * Threading: every method is thread-safe; changes are serialised by the database's lock. The
 * engine's own threads are {@code jiaohao-estimate}, {@code jiaohao-snapshot} and
 * {@code jiaohao-highwater}; {@link #close()} stops them.
 */
public final class QueueEngine implements OfficeService, EventOutbox, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueueEngine.class);
    /** Replaced whole by {@link #applySettings} between calls (head office's settings); read once per operation. */
    private volatile OfficeConfig config;
    private final OfficeDatabase db;
    private final Clock clock;
    private final JsonCodec codec = new JsonCodec();
    private final NodeHealth health = new NodeHealth();
    private final OfficeTime time;
    private final StorageWatch storage;
    private final HighWaterMark highWater;
    private final EventLog events;
    private final ChangeGate gate;
    private final WaitingEstimate estimate;
    private final Changes changes;
    private final Numbering numbering = new Numbering();
    private final EndOfDay endOfDay;
    private final SnapshotPublisher publisher;

    public QueueEngine(OfficeConfig config, OfficeDatabase db, Clock clock) {
        this(config, db, clock, OfficeTime.syncStatusFor(clock));
    }

    /** With the system's clock-synchronisation status given (tests of an unsynchronised clock). */
    public QueueEngine(OfficeConfig config, OfficeDatabase db, Clock clock, ClockTrust.SyncStatus sync) {
        this.config = config;
        this.db = db;
        this.clock = clock;
        this.events = new EventLog(db, config.officeId(), clock);
        this.time = new OfficeTime(clock, config.zone(), new ClockTrust(config.safety().alwaysTrustClock(), sync, config.zone(),
                config.safety().hubClockTolerance()), health);
        this.highWater = new HighWaterMark(db.file(), config.safety().markCopyDir() == null ? null
                : config.safety().markCopyDir().resolve(config.officeId() + ".highwater"));
        this.storage = new StorageWatch(DiskSpace.of(db.file(), config.safety().lowBytes(), config.safety().reserveBytes()), db, health);
        this.gate = new ChangeGate(time, storage::check);
        this.estimate = new WaitingEstimate(db, time, config);
        this.changes = new Changes(events, estimate, highWater);
        this.endOfDay = new EndOfDay(db, this::config, time, gate, changes, events);
        db.transaction(c -> {
            addCounters(c, config);
            return null;
        });
        this.publisher = new SnapshotPublisher(db, this::config, time, gate, estimate);
        estimate.start();
    }

    private static void addCounters(Connection c, OfficeConfig config) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO counters (number) VALUES (?)")) {
            for (CounterConfig counter : config.counters()) {
                s.setInt(1, counter.number());
                s.addBatch();
            }
            s.executeBatch();
        }
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
                    Optional<CounterConfig> before = now.counter(n);
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
            addCounters(c, next);
            record.run(c);
            config = next;
            estimate.settingsChanged(next);
            return null;
        });
        if (wait == null) {
            estimate.wake();
            publisher.markDirty();
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
        return gate.clockTrusted(db.transaction(EventLog::newest).day());
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

    // ---------------------------------------------------------------- the hold ({@link ChangeGate})

    /**
     * Holds every change (issue, counter commands, ratings) until {@link #release()}: the node
     * holds while it checks with the hub at start that its database is not older than what the
     * hub already has (docs/office-node/QUEUE.md, "Restored from a backup"). A change asked for
     * meanwhile waits up to {@link ChangeGate#HOLD_WAIT} for the release, then is refused with a
     * message to try again. Snapshots are not held.
     */
    public void hold(String why) {
        gate.hold(why);
    }

    /**
     * Holds like {@link #hold}, and lets a counter's CONFIRM end the hold by calling
     * {@code confirm} with who confirmed (e.g. "counter 3").
     */
    public void holdUntilConfirmed(String why, Consumer<String> confirm) {
        gate.holdUntilConfirmed(why, confirm);
        publisher.markDirty(); // the counter units show the hold and their confirm key
    }

    /** Accepts changes again (and lets waiting ones through); a pending staff confirmation is no longer needed. */
    public void release() {
        if (gate.release()) {
            publisher.markDirty();
        }
    }

    /** Whether changes are held. */
    public boolean isHeld() {
        return gate.isHeld();
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
        Consumer<String> hook = gate.staffConfirmation();
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
        ClockTrust.Verdict v = time.verdict(db.transaction(EventLog::newest).day());
        log.info("head office's time {}: this clock {}", at, v.trusted() ? "agrees" : "does not agree (" + v.why() + ")");
        publisher.markDirty();
    }

    /** Staff confirmed on site that today is {@code date} (lifts the hold of an untrusted clock showing that date). */
    public void confirmDate(LocalDate date) {
        time.trust().confirmDate(date);
        log.warn("STAFF CONFIRMED the date {}", date);
        publisher.markDirty();
    }

    // ---------------------------------------------------------------- issue

    @Override
    public IssuedTicket issue(String category) {
        gate.admitTicket();
        CategoryConfig cat = config.category(category).orElseThrow(() -> new IssueRefusedException(ReplyCode.UNKNOWN_CATEGORY,
                Texts.unknownCategory(String.valueOf(category), codes())));
        gate.requireSpaceForTicket();
        IssuedTicket issued;
        time.look();
        // normally the waiting estimate's round is current and the issue forecasts nothing; when it
        // is not (a change just before, a clock moved on), forecast before the write transaction
        Prepared prepared = roundIsCurrent(category) ? null : prepareEstimate(category);
        try {
            issued = changes.run(c -> {
                EventLog.Newest newest = events.newestForChange(c);
                gate.requireTrustedClock(newest.day());
                Instant now = time.stamp(newest.at());
                LocalDate day = day(now);
                LocalDateTime local = LocalDateTime.ofInstant(now, config.zone());
                OfficeHours hours = config.hours();
                if (!hours.isOpen(local)) {
                    throw new IssueRefusedException(ReplyCode.INVALID_STATE, Texts.officeClosed(hours.nextOpening(local)));
                }
                Optional<LocalDateTime> last = hours.lastTicket(category, local.toLocalDate());
                if (last.isPresent() && !local.isBefore(last.get())) {
                    throw new IssueRefusedException(ReplyCode.INVALID_STATE, Texts.lastTicketPassed(category, last.get()));
                }
                int number = numbering.next(c, day, category);
                int ahead = waiting(c, day, category);
                Estimate e = estimateInside(c, category, day, now, prepared);
                Optional<LocalDateTime> closing = hours.closing(local.toLocalDate());
                if (hours.byCapacity(category) && closing.isPresent()
                        && local.plusMinutes(e.highMinutes()).isAfter(closing.get().plusMinutes(hours.graceMinutes()))) {
                    throw new IssueRefusedException(ReplyCode.INVALID_STATE, Texts.lastTicketByCapacity(category));
                }
                int minutes = e.medianMinutes();
                Integer low = e.servable() ? e.lowMinutes() : null;
                Integer high = e.servable() ? e.highMinutes() : null;
                TicketRef ref = new TicketRef(day, category, number, now);
                long seq = run(c, QueueState.EMPTY, new Command.Issue(ref, ahead, minutes, low, high), null).seq();
                time.issued(ref.ticketId());
                return new IssuedTicket(ref.ticketId(), ref.numberText(), category, cat.nameZh(), cat.nameEn(), day, now,
                        ahead, minutes, seq, low, high);
            });
        } catch (Refusal r) {
            throw new IssueRefusedException(r.code, r.getMessage());
        } catch (StoreException e) {
            log.debug("ticket of {} not issued: {}", category, e.getMessage()); // the store logs its failure once
            storage.check();
            throw new IssueRefusedException(ReplyCode.STORE_FAILED, storeFailure(e));
        }
        log.debug("issued {} ({} ahead, ~{} min)", issued.number(), issued.peopleAhead(), issued.estimateMinutes());
        return issued;
    }

    /** Tickets of {@code category} waiting on {@code day}: the new ticket's people ahead. */
    private static int waiting(Connection c, LocalDate day, String category) throws SQLException {
        PreparedStatement s = OfficeDatabase.prepared(c, "SELECT COUNT(*) FROM tickets WHERE office_day = ? AND state = 'WAITING' AND category = ?");
        s.setString(1, day.toString());
        s.setString(2, category);
        try (ResultSet r = s.executeQuery()) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    /** A forecast computed before the issuing transaction, and the state version it was read from. */
    private record Prepared(long version, LocalDate day, Estimate estimate) {
    }

    /** Whether the waiting estimate's round looks current now (checked again inside the transaction). */
    private boolean roundIsCurrent(String category) {
        Instant now = now();
        return estimate.current(category, estimate.version(), day(now), now) != null;
    }

    /**
     * Reads the state in its own short transaction and forecasts outside any transaction, so the
     * forecast never holds the writer lock. Null when the read fails: the issue then forecasts
     * inside its transaction.
     */
    private Prepared prepareEstimate(String category) {
        try {
            WaitingEstimate.Pending p = db.transaction(c -> {
                Instant now = now();
                return estimate.read(c, day(now), now);
            });
            return new Prepared(p.version, p.day, p.estimate(category));
        } catch (RuntimeException e) {
            log.debug("estimate not prepared before the issue: {}", e.toString());
            return null;
        }
    }

    /**
     * Inside the issuing transaction: the round's forecast when it is of this very state, else the
     * one prepared before the transaction when nothing changed since its read, else one computed
     * here — so the estimate always fits the ticket's place in the queue.
     */
    private Estimate estimateInside(Connection c, String category, LocalDate day, Instant now, Prepared prepared) throws SQLException {
        long version = estimate.version();
        Estimate e = estimate.current(category, version, day, now);
        if (e != null) {
            return e;
        }
        if (prepared != null && prepared.version() == version && prepared.day().equals(day)) {
            return prepared.estimate();
        }
        return estimate.forecastNow(c, category, day, now);
    }

    // ---------------------------------------------------------------- counter commands

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
            gate.admitChange();
            time.look();
            TicketView ticket = changes.run(c -> apply(c, counter, cmd, events.newestForChange(c)));
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
    private TicketView apply(Connection c, CounterConfig counter, CounterCommand cmd, EventLog.Newest newest) throws SQLException {
        Instant now = time.stamp(newest.at());
        CounterRow row = counterRow(c, counter.number());
        int n = counter.number();
        List<String> ids = new ArrayList<>(Arrays.asList(cmd.ticketId(), row.currentTicket()));
        Command command = switch (cmd.action()) {
            case OPEN -> new Command.Open(n, now);
            case CLOSE -> new Command.Close(n, now);
            case CALL_NEXT -> {
                boolean trusted = gate.clockTrusted(newest.day());
                TicketRow next = row.open() && trusted ? CallOrder.next(c, config, time, day(now), counter, now) : null;
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
                        toNumber = numbering.next(c, TicketId.day(subject), target);
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
                seq = events.append(c, te, te instanceof Event.AlertRaised ? Texts.dissatisfiedAlert(te.counter()) : null);
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
            gate.admitChange();
            String rated = changes.run(c -> {
                Instant now = time.stamp(events.newestForChange(c).at());
                String id = ticketNumberOrId != null && ticketNumberOrId.length() == 4
                        ? todaysId(ticketNumberOrId, day(now)) : ticketNumberOrId;
                if (id == null || !validTicketId(id)) {
                    throw new Refusal(ReplyCode.UNKNOWN_TICKET, Texts.unknownTicket(String.valueOf(ticketNumberOrId)));
                }
                return run(c, TicketStore.load(c, List.of(id), List.of()), new Command.Rate(id, rating, now), null)
                        .subject().ticketId();
            });
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

    // ---------------------------------------------------------------- end of the office day ({@link EndOfDay})

    /**
     * Closes the tickets the office left open (docs/office-node/QUEUE.md, "End of the office day";
     * {@link EndOfDay}). Idempotent; does nothing while held or by an untrusted clock.
     *
     * @return the number of tickets closed
     */
    public int closeLeftovers() {
        return endOfDay.run();
    }

    // ---------------------------------------------------------------- events from the hub

    /** Whether the hub has ever answered this database's start-up check (kept in the store, so a backup carries it). */
    public boolean hubAnsweredBefore() {
        return db.transaction(c -> NodeMeta.get(c, "hub-answered") != null);
    }

    /** Records that the hub answered the start-up check. */
    public void recordHubAnswered() {
        db.transaction(c -> NodeMeta.set(c, "hub-answered", now().toString()));
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
            long last = EventLog.lastSeq(c);
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
            if (imported > 0) {
                estimate.changed();
            }
            return imported;
        });
        if (n > 0) {
            highWater.record(newest[0]);
            estimate.wake();
            this.events.notifyAppended();
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
            numbering.skipLost(db, day(now()), lost);
            log.warn("{} committed changes were lost with the database: today's numbers continue {} further on in each category", lost, lost);
        }
        highWater.force(last);
        return lost;
    }

    // ---------------------------------------------------------------- events and outbox ({@link EventLog})

    /** The message for a failed change: nothing changed, or — when even that is not known yet — to look before trying again. */
    private static String storeFailure(StoreException e) {
        return e instanceof CommitFailedException ? Texts.storeUnknown() : Texts.storeFailed();
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

    // ---------------------------------------------------------------- snapshot and estimate

    /**
     * {@inheritDoc}
     * <p>The store is read in one transaction; estimates the waiting estimate's current round does
     * not hold are forecast after it, so the forecast never holds the writer lock for a snapshot.
     */
    @Override
    public StateSnapshot snapshot() {
        return publisher.snapshot();
    }

    @Override
    public Subscription onSnapshot(Consumer<StateSnapshot> listener) {
        return publisher.onSnapshot(listener);
    }

    /**
     * Head office's languages now in force (null: none set, the boards keep their own files'):
     * every snapshot from now on carries them, so the wall boards show and speak them.
     */
    public void showLanguages(tw.jiaohao.protocol.settings.OfficeSettings.Languages inForce) {
        publisher.languages(inForce);
    }

    /** Builds and hands out a new snapshot now (e.g. after the clock was set; tests). */
    public void republish() {
        publisher.markDirty();
    }

    /**
     * Waits until the waiting estimate has forecast the newest state, so the next ticket forecasts
     * nothing itself: for benchmarks and tests that issue at an office's pace (changes seconds
     * apart). False when {@code timeout} passed first.
     */
    public boolean awaitEstimates(Duration timeout) throws InterruptedException {
        return estimate.awaitCurrent(timeout);
    }

    /** The engine's waiting estimate (tests of its contract). */
    WaitingEstimate waitingEstimate() {
        return estimate;
    }

    // ---------------------------------------------------------------- helpers

    private Instant now() {
        return time.now();
    }

    private LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, config.zone());
    }

    private List<String> codes() {
        return config.categories().stream().map(CategoryConfig::code).toList();
    }

    /** Stops the engine's threads and writes the high-water mark's pending seq. The database is closed by its owner. */
    @Override
    public void close() {
        publisher.close();
        estimate.close();
        highWater.close();
    }
}
