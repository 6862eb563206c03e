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
import tw.jiaohao.protocol.event.TicketState;
import tw.jiaohao.protocol.state.StateSnapshot;
import tw.jiaohao.protocol.state.StateSnapshot.CallView;
import tw.jiaohao.protocol.state.StateSnapshot.CategoryView;
import tw.jiaohao.protocol.state.StateSnapshot.CounterView;
import tw.jiaohao.protocol.state.StateSnapshot.TicketView;

/**
 * The queue engine of one office: the only writer of its {@link OfficeDatabase}. Implements
 * the {@link OfficeService} the UI, link and simulator use and the {@link EventOutbox} the
 * publisher drains. Rules (docs/office-node/QUEUE.md):
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
    /** Finished services per category that make the measured mean service time. */
    static final int SERVICE_SAMPLE = 20;
    /** Below this many measured services of the day the configured average is used. */
    static final int MIN_SERVICE_SAMPLE = 3;
    /** Minutes from a call to the customer sitting down, until measured. */
    static final double DEFAULT_CALL_TO_START_MINUTES = 0.5;
    /** The window over which a category's call rate is measured for estimates. */
    static final int RATE_WINDOW_MINUTES = 30;
    /** Calls in the window needed before the measured rate is trusted. */
    static final int MIN_RECENT_CALLS = 5;

    private final OfficeConfig config;
    private final OfficeDatabase db;
    private final Clock clock;
    private final JsonCodec codec = new JsonCodec();
    private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<StateSnapshot>> snapshotListeners = new CopyOnWriteArrayList<>();
    private final Object signal = new Object();
    private boolean dirty;
    private volatile boolean closed;
    /** Non-null while changes are held (the start-up check with the hub): why, for the log. */
    private volatile String held;
    private final Thread notifier;

    public QueueEngine(OfficeConfig config, OfficeDatabase db, Clock clock) {
        this.config = config;
        this.db = db;
        this.clock = clock;
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

    /** The database this engine writes (for reports such as {@link EstimateAccuracy}). */
    public OfficeDatabase database() {
        return db;
    }

    public OfficeConfig config() {
        return config;
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

    /** Accepts changes again (and lets waiting ones through). */
    public void release() {
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
        IssuedTicket issued = db.transaction(c -> {
            Instant now = now();
            LocalDate day = day(now);
            int number = nextNumber(c, day, category);
            Map<String, Integer> waiting = waitingByCategory(c, day);
            int ahead = waiting.getOrDefault(category, 0);
            int estimate = estimateMinutes(c, day, category, waiting, openCounters(c), now);
            TicketRow row = insertTicket(c, day, category, number, now, ahead, estimate, null);
            long seq = append(c, EventType.TICKET_ISSUED, row, now, null, ahead, estimate, null, null, null);
            return new IssuedTicket(row.ticketId(), row.numberText(), category, cat.nameZh(), cat.nameEn(), day, now,
                    ahead, estimate, seq);
        });
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
        if (last >= TicketNumber.MAX_SEQUENCE) {
            throw new IssueRefusedException(ReplyCode.INVALID_STATE, Texts.dayFull(category));
        }
        return last + 1;
    }

    private TicketRow insertTicket(Connection c, LocalDate day, String category, int number, Instant issuedAt,
                                   Integer ahead, Integer estimate, String transferredFrom) throws SQLException {
        String ticketId = TicketId.of(day, new TicketNumber(category.charAt(0), number));
        long id;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO tickets (ticket_id, office_day, category, number, state, issued_at, "
                + "people_ahead, estimate_minutes, transferred_from) VALUES (?, ?, ?, ?, 'WAITING', ?, ?, ?, ?)")) {
            s.setString(1, ticketId);
            s.setString(2, day.toString());
            s.setString(3, category);
            s.setInt(4, number);
            s.setLong(5, issuedAt.toEpochMilli());
            s.setObject(6, ahead);
            s.setObject(7, estimate);
            s.setString(8, transferredFrom);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        return new TicketRow(id, ticketId, day, category, number, TicketState.WAITING, issuedAt, null, null, null, null, null);
    }

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
        try {
            requireNotHeld();
            TicketView ticket = db.transaction(c -> apply(c, counter, cmd, now()));
            changed();
            log.debug("counter {} {} → {}", cmd.counter(), cmd.action(), ticket == null ? "ok" : ticket.number());
            return CommandReply.ok(office, cmd.counter(), cmd.action(), ticket);
        } catch (Refusal r) {
            log.debug("counter {} {} refused: {}", cmd.counter(), cmd.action(), r.code);
            return CommandReply.error(office, cmd.counter(), cmd.action(), r.code, r.getMessage());
        } catch (StoreException e) {
            log.warn("counter {} {} not stored: {}", cmd.counter(), cmd.action(), e.getMessage());
            return CommandReply.error(office, cmd.counter(), cmd.action(), ReplyCode.STORE_FAILED, Texts.storeFailed());
        }
    }

    private TicketView apply(Connection c, CounterConfig counter, CounterCommand cmd, Instant now) throws SQLException {
        CounterRow row = counterRow(c, counter.number());
        int n = counter.number();
        switch (cmd.action()) {
            case OPEN -> {
                setCounter(c, n, true, row.currentTicket(), row.lastTicket());
                log.info("counter {} opened", n);
                return null;
            }
            case CLOSE -> {
                if (row.currentTicket() != null) {
                    throw new Refusal(ReplyCode.BUSY, Texts.busyClose(number(row.currentTicket())));
                }
                setCounter(c, n, false, null, row.lastTicket());
                log.info("counter {} closed", n);
                return null;
            }
            case CALL_NEXT -> {
                if (!row.open()) {
                    throw new Refusal(ReplyCode.COUNTER_CLOSED, Texts.closed(n));
                }
                TicketView ended = null;
                if (row.currentTicket() != null) {
                    ended = endBeforeNext(c, counter, row, now);
                    row = counterRow(c, n);
                }
                TicketRow next = pickNext(c, day(now), counter, now);
                if (next == null) {
                    if (ended != null) {
                        return ended; // the clerk's customer is finished; nobody else is waiting
                    }
                    throw new Refusal(ReplyCode.NOBODY_WAITING, Texts.nobodyWaiting(counter.serves()));
                }
                TicketRow called = update(c, next, TicketState.CALLED, n, "called_at", now);
                setCounter(c, n, true, called.ticketId(), row.lastTicket());
                append(c, EventType.TICKET_CALLED, called, now, n, null, null, null, null, null);
                return called.view();
            }
            case RECALL -> {
                TicketRow t = atCounter(c, row, cmd);
                requireState(t, TicketState.CALLED, "RECALL");
                append(c, EventType.TICKET_RECALLED, t, now, n, null, null, null, null, null);
                return t.view();
            }
            case NO_SHOW -> {
                TicketRow t = atCounter(c, row, cmd);
                requireState(t, TicketState.CALLED, "NO_SHOW");
                TicketRow done = update(c, t, TicketState.NO_SHOW, n, "ended_at", now);
                setCounter(c, n, row.open(), null, row.lastTicket());
                append(c, EventType.TICKET_NO_SHOW, done, now, n, null, null, null, null, null);
                return done.view();
            }
            case START -> {
                TicketRow t = atCounter(c, row, cmd);
                requireState(t, TicketState.CALLED, "START");
                TicketRow serving = update(c, t, TicketState.SERVING, n, "serving_at", now);
                append(c, EventType.SERVICE_STARTED, serving, now, n, null, null, null, null, null);
                return serving.view();
            }
            case FINISH -> {
                TicketRow t = atCounter(c, row, cmd);
                t = startImplicitly(c, counter, row, t);
                requireState(t, TicketState.SERVING, "FINISH");
                TicketRow done = update(c, t, TicketState.DONE, n, "ended_at", now);
                setCounter(c, n, row.open(), null, done.ticketId());
                append(c, EventType.SERVICE_FINISHED, done, now, n, null, null, null, null, null);
                return done.view();
            }
            case TRANSFER -> {
                TicketRow t = atCounter(c, row, cmd);
                if (t.state() != TicketState.CALLED && t.state() != TicketState.SERVING) {
                    throw new Refusal(ReplyCode.INVALID_STATE, Texts.invalidState(t.numberText(), t.state(), "TRANSFER"));
                }
                String target = cmd.targetCategory();
                if (config.category(target).isEmpty()) {
                    throw new Refusal(ReplyCode.UNKNOWN_CATEGORY, Texts.unknownCategory(target, codes()));
                }
                if (target.equals(t.category())) {
                    throw new Refusal(ReplyCode.INVALID_STATE, Texts.sameCategory(target));
                }
                LocalDate day = t.officeDay();
                TicketRow moved = update(c, t, TicketState.TRANSFERRED, n, "ended_at", now);
                TicketRow fresh;
                try {
                    fresh = insertTicket(c, day, target, nextNumber(c, day, target), t.issuedAt(), null, null, t.ticketId());
                } catch (IssueRefusedException full) {
                    throw new Refusal(ReplyCode.INVALID_STATE, full.getMessage());
                }
                setCounter(c, n, row.open(), null, row.lastTicket());
                append(c, EventType.TICKET_TRANSFERRED, moved, now, n, null, null, fresh, null, null);
                return fresh.view();
            }
            case CANCEL -> {
                TicketRow t = ticket(c, cmd.ticketId());
                requireState(t, TicketState.WAITING, "CANCEL");
                TicketRow cancelled = update(c, t, TicketState.CANCELLED, null, "ended_at", now);
                append(c, EventType.TICKET_CANCELLED, cancelled, now, n, null, null, null, null, null);
                return cancelled.view();
            }
            case RATE -> {
                TicketRow t;
                if (cmd.ticketId() != null) {
                    t = ticket(c, cmd.ticketId());
                    if (t.counter() == null || t.counter() != n) {
                        throw new Refusal(ReplyCode.NOT_AT_THIS_COUNTER, Texts.notAtThisCounter(t.numberText(), n));
                    }
                    t = startImplicitly(c, counter, row, t);
                } else if (row.currentTicket() != null && ticket(c, row.currentTicket()).state() == TicketState.SERVING) {
                    t = ticket(c, row.currentTicket());
                } else if (row.lastTicket() != null) {
                    t = ticket(c, row.lastTicket());
                } else {
                    throw new Refusal(ReplyCode.NO_CURRENT_TICKET, Texts.noCurrent(n));
                }
                return recordRating(c, t, cmd.rating(), now).view();
            }
            default -> throw new IllegalStateException("unhandled action " + cmd.action());
        }
    }

    /** One press per customer: "next" ends the ticket at the counter as {@link NextPress} decides. */
    private TicketView endBeforeNext(Connection c, CounterConfig counter, CounterRow row, Instant now) throws SQLException {
        TicketRow t = ticket(c, row.currentTicket());
        Instant lastCalled = t.state() != TicketState.CALLED ? null : lastRecall(c, t.ticketId(), t.calledAt());
        String office = config.officeId();
        int n = counter.number();
        return switch (NextPress.decide(t.state(), lastCalled, now)) {
            case NO_SHOW -> apply(c, counter, CounterCommand.of(office, n, CommandAction.NO_SHOW), now);
            case SERVED -> apply(c, counter, CounterCommand.of(office, n, CommandAction.FINISH), now);
            case NOTHING -> throw new Refusal(ReplyCode.BUSY, Texts.busyCall(t.numberText()));
        };
    }

    /** Start is implicit: the counter's CALLED ticket is started at its last call or recall. */
    private TicketRow startImplicitly(Connection c, CounterConfig counter, CounterRow row, TicketRow t) throws SQLException {
        if (t.state() != TicketState.CALLED || !t.ticketId().equals(row.currentTicket())) {
            return t;
        }
        apply(c, counter, CounterCommand.of(config.officeId(), counter.number(), CommandAction.START), lastRecall(c, t.ticketId(), t.calledAt()));
        return ticket(c, t.ticketId());
    }

    private static Instant lastRecall(Connection c, String ticketId, Instant calledAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT MAX(at) FROM events WHERE ticket_id = ? AND type = 'TICKET_RECALLED'")) {
            s.setString(1, ticketId);
            try (ResultSet r = s.executeQuery()) {
                long at = r.next() ? r.getLong(1) : 0;
                return at == 0 || Instant.ofEpochMilli(at).isBefore(calledAt) ? calledAt : Instant.ofEpochMilli(at);
            }
        }
    }

    private TicketRow pickNext(Connection c, LocalDate day, CounterConfig counter, Instant now) throws SQLException {
        List<String> priority = counter.serves().stream().filter(code -> config.category(code).orElseThrow().priority()).toList();
        if (!priority.isEmpty()) {
            TicketRow t = oldestWaiting(c, day, priority, null);
            if (t != null) {
                return t;
            }
        }
        TicketRow starving = oldestWaiting(c, day, counter.serves(), now.minus(config.starvationCeiling()));
        if (starving != null) {
            return starving;
        }
        for (String category : counter.serves()) {
            TicketRow t = oldestWaiting(c, day, List.of(category), null);
            if (t != null) {
                return t;
            }
        }
        return null;
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

    private TicketRow atCounter(Connection c, CounterRow row, CounterCommand cmd) throws SQLException {
        if (cmd.ticketId() != null) {
            TicketRow t = ticket(c, cmd.ticketId());
            if (!t.ticketId().equals(row.currentTicket())) {
                throw new Refusal(ReplyCode.NOT_AT_THIS_COUNTER, Texts.notAtThisCounter(t.numberText(), row.number()));
            }
            return t;
        }
        if (row.currentTicket() == null) {
            throw new Refusal(ReplyCode.NO_CURRENT_TICKET, Texts.noCurrent(row.number()));
        }
        return ticket(c, row.currentTicket());
    }

    private static void requireState(TicketRow t, TicketState required, String action) {
        if (t.state() != required) {
            throw new Refusal(ReplyCode.INVALID_STATE, Texts.invalidState(t.numberText(), t.state(), action));
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

    private TicketRow update(Connection c, TicketRow t, TicketState state, Integer counter, String timeColumn, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE tickets SET state = ?, counter = COALESCE(?, counter), "
                + timeColumn + " = ? WHERE id = ?")) {
            s.setString(1, state.name());
            s.setObject(2, counter);
            s.setLong(3, at.toEpochMilli());
            s.setLong(4, t.id());
            s.executeUpdate();
        }
        Integer who = counter != null ? counter : t.counter();
        return switch (timeColumn) {
            case "called_at" -> new TicketRow(t.id(), t.ticketId(), t.officeDay(), t.category(), t.number(), state, t.issuedAt(), who, at, t.servingAt(), t.endedAt(), t.rating());
            case "serving_at" -> new TicketRow(t.id(), t.ticketId(), t.officeDay(), t.category(), t.number(), state, t.issuedAt(), who, t.calledAt(), at, t.endedAt(), t.rating());
            default -> new TicketRow(t.id(), t.ticketId(), t.officeDay(), t.category(), t.number(), state, t.issuedAt(), who, t.calledAt(), t.servingAt(), at, t.rating());
        };
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

    private static void setCounter(Connection c, int number, boolean open, String current, String last) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE counters SET open = ?, current_ticket = ?, last_ticket = ? WHERE number = ?")) {
            s.setInt(1, open ? 1 : 0);
            s.setString(2, current);
            s.setString(3, last);
            s.setInt(4, number);
            s.executeUpdate();
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
            TicketRow rated = db.transaction(c -> {
                Instant now = now();
                String id = ticketNumberOrId != null && ticketNumberOrId.length() == 4
                        ? todaysId(ticketNumberOrId, day(now)) : ticketNumberOrId;
                if (id == null || !validTicketId(id)) {
                    throw new Refusal(ReplyCode.UNKNOWN_TICKET, Texts.unknownTicket(String.valueOf(ticketNumberOrId)));
                }
                return recordRating(c, ticket(c, id), rating, now);
            });
            changed();
            return new RatingResult(ReplyCode.OK, null, rated.ticketId(), rating);
        } catch (Refusal r) {
            return new RatingResult(r.code, r.getMessage(), null, rating);
        } catch (StoreException e) {
            log.warn("rating not stored: {}", e.getMessage());
            return new RatingResult(ReplyCode.STORE_FAILED, Texts.storeFailed(), null, rating);
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

    private TicketRow recordRating(Connection c, TicketRow t, Rating rating, Instant now) throws SQLException {
        if (t.state() != TicketState.SERVING && t.state() != TicketState.DONE) {
            throw new Refusal(ReplyCode.INVALID_STATE, Texts.notServedYet(t.numberText()));
        }
        if (t.rating() != null) {
            throw new Refusal(ReplyCode.ALREADY_RATED, Texts.alreadyRated(t.numberText()));
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE tickets SET rating = ? WHERE id = ?")) {
            s.setString(1, rating.name());
            s.setLong(2, t.id());
            s.executeUpdate();
        }
        TicketRow rated = new TicketRow(t.id(), t.ticketId(), t.officeDay(), t.category(), t.number(), t.state(), t.issuedAt(),
                t.counter(), t.calledAt(), t.servingAt(), t.endedAt(), rating);
        append(c, EventType.RATING_RECORDED, rated, now, t.counter(), null, null, null, rating, null);
        if (rating.raisesAlert()) {
            append(c, EventType.ALERT_RAISED, rated, now, t.counter(), null, null, null, rating, Texts.dissatisfiedAlert(t.counter()));
            log.info("alert: dissatisfied rating for {} at counter {}", t.numberText(), t.counter());
        }
        return rated;
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
        Instant now = now();
        LocalDate today = day(now);
        int closed = 0;
        int n;
        do {
            n = db.transaction(c -> closeBatch(c, "office_day < ? AND state IN ('WAITING', 'CALLED', 'SERVING')", today,
                    CancelReason.DAY_ENDED, now));
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
                    n = db.transaction(c -> closeBatch(c, "office_day = ? AND state IN ('WAITING', 'CALLED')", today,
                            CancelReason.OFFICE_CLOSED, now));
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

    private int closeBatch(Connection c, String where, LocalDate day, CancelReason reason, Instant now) throws SQLException {
        List<TicketRow> open = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + TicketRow.COLUMNS + " FROM tickets WHERE " + where
                + " ORDER BY id LIMIT " + CLOSE_BATCH)) {
            s.setString(1, day.toString());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    open.add(TicketRow.read(r));
                }
            }
        }
        for (TicketRow t : open) {
            // the event's time may not precede the ticket's issue time (a clock set back)
            Instant at = now.isBefore(t.issuedAt()) ? t.issuedAt() : now;
            TicketRow cancelled = update(c, t, TicketState.CANCELLED, null, "ended_at", at);
            try (PreparedStatement s = c.prepareStatement("UPDATE counters SET current_ticket = NULL WHERE current_ticket = ?")) {
                s.setString(1, t.ticketId());
                s.executeUpdate();
            }
            append(c, EventType.TICKET_CANCELLED, cancelled, at, null, null, null, null, null, null, reason);
        }
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
     * with a seq above the local newest is appended as is (same seq and event id, its outbox row
     * already sent) and applied to the tickets ({@link HubEventImport}). Events at or below the
     * local newest seq are skipped. Call while held, before anything new is issued.
     *
     * @return the number of events imported
     */
    public int importEvents(List<OfficeEvent> events) {
        int n = db.transaction(c -> {
            long last = lastSeq(c);
            int imported = 0;
            for (OfficeEvent e : events) {
                if (e.seq() > last && e.office().equals(config.officeId())) {
                    HubEventImport.apply(c, e, codec.encode(e), clock.millis());
                    last = e.seq();
                    imported++;
                }
            }
            return imported;
        });
        if (n > 0) {
            changed();
        }
        return n;
    }

    // ---------------------------------------------------------------- events and outbox

    private long append(Connection c, EventType type, TicketRow t, Instant at, Integer counter, Integer ahead, Integer estimate,
                        TicketRow to, Rating rating, String alert) throws SQLException {
        return append(c, type, t, at, counter, ahead, estimate, to, rating, alert, null);
    }

    private long append(Connection c, EventType type, TicketRow t, Instant at, Integer counter, Integer ahead, Integer estimate,
                        TicketRow to, Rating rating, String alert, CancelReason reason) throws SQLException {
        long seq = lastSeq(c) + 1;
        OfficeEvent event = new OfficeEvent(ProtocolVersion.CURRENT, Uuids.v7(at), config.officeId(), seq, type, at,
                t.officeDay(), t.ticketId(), t.numberText(), t.category(), t.issuedAt(), counter, ahead, estimate,
                to == null ? null : to.category(), to == null ? null : to.ticketId(), to == null ? null : to.numberText(),
                rating, alert, reason);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO events (seq, event_id, type, at, office_day, ticket_id, payload) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, seq);
            s.setString(2, event.eventId().toString());
            s.setString(3, type.name());
            s.setLong(4, at.toEpochMilli());
            s.setString(5, t.officeDay().toString());
            s.setString(6, t.ticketId());
            s.setBytes(7, codec.encode(event));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO outbox (seq) VALUES (?)")) {
            s.setLong(1, seq);
            s.executeUpdate();
        }
        return seq;
    }

    private static long lastSeq(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM events"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    @Override
    public long lastSeq() {
        return db.transaction(QueueEngine::lastSeq);
    }

    @Override
    public List<StoredEvent> pending(long afterSeq, int limit) {
        return db.transaction(c -> events(c, "SELECT o.seq, e.payload FROM outbox o JOIN events e ON e.seq = o.seq "
                + "WHERE o.sent_at IS NULL AND o.seq > ? ORDER BY o.seq LIMIT ?", afterSeq, limit));
    }

    @Override
    public List<StoredEvent> range(long fromSeq, long toSeq, int limit) {
        return db.transaction(c -> events(c, "SELECT seq, payload FROM events WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?",
                fromSeq, toSeq, limit));
    }

    private static List<StoredEvent> events(Connection c, String sql, long... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setLong(i + 1, args[i]);
            }
            List<StoredEvent> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredEvent(r.getLong(1), r.getBytes(2)));
                }
            }
            return out;
        }
    }

    @Override
    public void markSent(List<Long> seqs) {
        if (seqs.isEmpty()) {
            return;
        }
        long at = clock.millis();
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET sent_at = ? WHERE seq = ? AND sent_at IS NULL")) {
                for (long seq : seqs) {
                    s.setLong(1, at);
                    s.setLong(2, seq);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public long pendingCount() {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL"); ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    @Override
    public Subscription onAppended(Runnable listener) {
        appendListeners.add(listener);
        return () -> appendListeners.remove(listener);
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

    /**
     * The estimate a new ticket of {@code category} gets now (docs/office-node/QUEUE.md):
     * <ol>
     * <li>once the category has had {@value #MIN_RECENT_CALLS} calls in the last
     *     {@value #RATE_WINDOW_MINUTES} minutes: the people ahead divided by that measured call
     *     rate — it already reflects how the counters share their time;</li>
     * <li>otherwise a capacity model: people ahead (its category's waiting tickets plus waiting
     *     priority-lane tickets at counters that share it) × time per customer (mean service
     *     time + mean call-to-start time) ÷ the counters' share for the category (each open
     *     counter serving it counts with the category's part of the tickets waiting for it).</li>
     * </ol>
     */
    private int estimateMinutes(Connection c, LocalDate day, String category, Map<String, Integer> waiting, Set<Integer> open,
                                Instant now) throws SQLException {
        CategoryConfig cat = config.category(category).orElseThrow();
        List<CounterConfig> serving = config.counters().stream().filter(k -> k.serves(category)).toList();
        int same = waiting.getOrDefault(category, 0);
        int ahead = same;
        if (!cat.priority()) {
            Set<String> sharedPriority = new HashSet<>();
            for (CounterConfig k : serving) {
                for (String s : k.serves()) {
                    if (config.category(s).orElseThrow().priority()) {
                        sharedPriority.add(s);
                    }
                }
            }
            for (String p : sharedPriority) {
                ahead += waiting.getOrDefault(p, 0);
            }
        }
        if (ahead == 0) {
            return 0;
        }
        double rate = recentCallsPerMinute(c, day, category, now);
        if (rate > 0) {
            return capped(Math.ceil(same / rate));
        }
        List<CounterConfig> counting = serving.stream().filter(k -> open.contains(k.number())).toList();
        if (counting.isEmpty()) {
            counting = serving;
        }
        double servers = 0;
        for (CounterConfig k : counting) {
            int load = 1;
            for (String s : k.serves()) {
                load += waiting.getOrDefault(s, 0);
            }
            servers += (same + 1.0) / load;
        }
        double perCustomer = meanServiceMinutes(c, day, cat) + meanCallToStartMinutes(c, day, category);
        return capped(Math.ceil(ahead * perCustomer / Math.max(servers, 1e-3)));
    }

    /**
     * Longest estimate given: a day. A queue that long is a fault to fix, not a wait to announce,
     * and the ticket slip prints at most this.
     */
    static final int MAX_ESTIMATE_MINUTES = 24 * 60;

    private static int capped(double minutes) {
        return (int) Math.min(MAX_ESTIMATE_MINUTES, minutes);
    }

    /** Calls per minute of the category over the recent window, or 0 when too few to measure. */
    private double recentCallsPerMinute(Connection c, LocalDate day, String category, Instant now) throws SQLException {
        long windowStart = now.minus(java.time.Duration.ofMinutes(RATE_WINDOW_MINUTES)).toEpochMilli();
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*), MIN(called_at) FROM tickets "
                + "WHERE office_day = ? AND category = ? AND called_at >= ?")) {
            s.setString(1, day.toString());
            s.setString(2, category);
            s.setLong(3, windowStart);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                int calls = r.getInt(1);
                if (calls < MIN_RECENT_CALLS) {
                    return 0;
                }
                // early in the day the window is shorter than RATE_WINDOW_MINUTES
                double minutes = Math.max(1.0, (now.toEpochMilli() - r.getLong(2)) / 60_000.0);
                return calls / minutes;
            }
        }
    }

    private static double meanServiceMinutes(Connection c, LocalDate day, CategoryConfig cat) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*), AVG(d) FROM (SELECT ended_at - serving_at AS d FROM tickets "
                + "WHERE office_day = ? AND state = 'DONE' AND category = ? AND serving_at IS NOT NULL ORDER BY ended_at DESC LIMIT ?)")) {
            s.setString(1, day.toString());
            s.setString(2, cat.code());
            s.setInt(3, SERVICE_SAMPLE);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1) >= MIN_SERVICE_SAMPLE ? r.getDouble(2) / 60_000.0 : cat.serviceMinutes();
            }
        }
    }

    private static double meanCallToStartMinutes(Connection c, LocalDate day, String category) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*), AVG(d) FROM (SELECT serving_at - called_at AS d FROM tickets "
                + "WHERE office_day = ? AND category = ? AND serving_at IS NOT NULL ORDER BY serving_at DESC LIMIT ?)")) {
            s.setString(1, day.toString());
            s.setString(2, category);
            s.setInt(3, SERVICE_SAMPLE);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1) >= MIN_SERVICE_SAMPLE ? r.getDouble(2) / 60_000.0 : DEFAULT_CALL_TO_START_MINUTES;
            }
        }
    }

    // ---------------------------------------------------------------- snapshot

    @Override
    public StateSnapshot snapshot() {
        return db.transaction(this::buildSnapshot);
    }

    private StateSnapshot buildSnapshot(Connection c) throws SQLException {
        Instant now = now();
        LocalDate day = day(now);
        String d = day.toString();
        Map<String, Integer> waiting = waitingByCategory(c, day);
        Set<Integer> open = openCounters(c);
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
                    waiting.getOrDefault(cat.code(), 0), estimateMinutes(c, day, cat.code(), waiting, open, now),
                    lastIssued.get(cat.code()), lastCalled.get(cat.code())));
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
        for (Runnable r : appendListeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("outbox listener failed: {}", e.toString());
            }
        }
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
                        signal.wait();
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

    // ---------------------------------------------------------------- helpers

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, config.zone());
    }

    private List<String> codes() {
        return config.categories().stream().map(CategoryConfig::code).toList();
    }

    private static String number(String ticketId) {
        return TicketId.number(ticketId);
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
