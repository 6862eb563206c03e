package tw.jiaohao.office.ticketing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.forecast.Estimate;
import tw.jiaohao.office.config.CategoryConfig;
import tw.jiaohao.office.config.CounterConfig;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.ReplyCode;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.settings.OfficeSettings;
import tw.jiaohao.protocol.state.StateSnapshot;
import tw.jiaohao.protocol.state.StateSnapshot.CallView;
import tw.jiaohao.protocol.state.StateSnapshot.CategoryView;
import tw.jiaohao.protocol.state.StateSnapshot.CounterView;

/**
 * The snapshot publisher, one part of the queue engine: builds the office's {@link StateSnapshot}
 * (what the boards, counters and kiosk show) from the store and hands the newest one to the
 * listeners ({@link OfficeService#onSnapshot}).
 *
 * <p>When: after every change — once the waiting estimate has computed its round for it, so the
 * snapshot's estimates are that round's and nothing is forecast twice —, when something else the
 * snapshot shows changes ({@link #markDirty()}: a hold, the clock's trust, a new listener), and at
 * least every {@link #HOURS_REFRESH} while office hours are configured (opening and closing
 * change it without a change of the queue). Bursts are coalesced: listeners get the newest state,
 * not one snapshot per change.
 *
 * <p>Threading: one daemon thread, {@code jiaohao-snapshot}; the store is read in one transaction
 * and estimates missing from the waiting estimate are forecast after it, so building a snapshot
 * never holds the writer lock for a forecast. Listeners run on that thread one after another.
 * {@link #snapshot()} builds one on the caller's thread. Failure: a snapshot that cannot be built
 * (the store failed) is logged and skipped; a listener that throws is logged and the others still
 * run. Offline: needs the store only.
 */
final class SnapshotPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SnapshotPublisher.class);
    /** With office hours, the snapshot is rebuilt at least this often (the boards follow opening and closing). */
    static final Duration HOURS_REFRESH = Duration.ofMinutes(1);

    private final OfficeDatabase db;
    private final Supplier<OfficeConfig> config;
    private final OfficeTime time;
    private final ChangeGate gate;
    private final WaitingEstimate estimate;
    private final JsonCodec codec = new JsonCodec();
    private final List<Consumer<StateSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final Object signal = new Object();
    private boolean dirty;
    private volatile OfficeSettings.Languages languages;
    private volatile boolean closed;
    private final Thread thread;

    SnapshotPublisher(OfficeDatabase db, Supplier<OfficeConfig> config, OfficeTime time, ChangeGate gate, WaitingEstimate estimate) {
        this.db = db;
        this.config = config;
        this.time = time;
        this.gate = gate;
        this.estimate = estimate;
        estimate.onRound(this::markDirty);
        thread = new Thread(this::loop, "jiaohao-snapshot");
        thread.setDaemon(true);
        thread.start();
    }

    /** Adds a listener; it receives the current snapshot first. */
    Subscription onSnapshot(Consumer<StateSnapshot> listener) {
        listeners.add(listener);
        markDirty();
        return () -> listeners.remove(listener);
    }

    /** Head office's languages in force (null: none), carried by every snapshot from now on. */
    void languages(OfficeSettings.Languages inForce) {
        languages = inForce;
        markDirty();
    }

    /** Something the snapshot shows changed: build and hand out a new one soon. */
    void markDirty() {
        synchronized (signal) {
            dirty = true;
            signal.notifyAll();
        }
    }

    /** The office now, built on the calling thread (forecasting what the waiting estimate has not). */
    StateSnapshot snapshot() {
        return build(false);
    }

    /**
     * Reads the store in one transaction and adds the estimates after it.
     *
     * @param leaveToRound when the waiting estimate's round is not current but one is coming, build
     *                     nothing (null): that round will ask again
     */
    private StateSnapshot build(boolean leaveToRound) {
        WaitingEstimate.Pending[] pending = new WaitingEstimate.Pending[1];
        OfficeConfig[] settings = new OfficeConfig[1];
        StateSnapshot read = db.transaction(c -> {
            OfficeConfig cfg = config.get(); // read under the writer lock: the settings the forecasts' source has
            settings[0] = cfg;
            Instant now = time.now();
            LocalDate day = time.day(now);
            pending[0] = estimate.read(c, day, now);
            if (pending[0].current == null && leaveToRound && estimate.roundComing()) {
                return null;
            }
            return rows(c, cfg, now, day);
        });
        if (read == null) {
            return null;
        }
        OfficeConfig cfg = settings[0];
        WaitingEstimate.Forecasts forecasts = estimate.complete(pending[0]);
        List<CategoryView> categories = new ArrayList<>();
        for (CategoryView v : read.categories()) {
            Estimate e = forecasts.byCategory().get(v.code());
            categories.add(new CategoryView(v.code(), v.nameZh(), v.nameEn(), v.priority(), v.waiting(), e.medianMinutes(),
                    v.lastIssued(), v.lastCalled(), e.servable() ? e.lowMinutes() : null, e.servable() ? e.highMinutes() : null,
                    e.servable()));
        }
        LocalDateTime local = LocalDateTime.ofInstant(read.at(), cfg.zone());
        Instant opensAt = cfg.hours().isOpen(local) ? null
                : cfg.hours().nextOpening(local).map(t -> t.atZone(cfg.zone()).toInstant()).orElse(read.at().plus(Duration.ofDays(366)));
        return new StateSnapshot(read.v(), read.office(), read.officeName(), read.zone(), read.seq(), read.at(), read.officeDay(),
                categories, read.counters(), read.lastCalls(), opensAt, gate.holdForStaff(db.transaction(EventLog::newest).day()), languages);
    }

    private StateSnapshot rows(Connection c, OfficeConfig cfg, Instant now, LocalDate day) throws SQLException {
        String d = day.toString();
        Map<String, Integer> waiting = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT category, COUNT(*) FROM tickets WHERE office_day = ? AND state = 'WAITING' GROUP BY category")) {
            s.setString(1, d);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    waiting.put(r.getString(1), r.getInt(2));
                }
            }
        }
        Set<Integer> open = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT number FROM counters WHERE open = 1"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                open.add(r.getInt(1));
            }
        }
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
        for (CategoryConfig cat : cfg.categories()) {
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
        for (CounterConfig k : cfg.counters()) {
            String id = current.get(k.number());
            counters.add(new CounterView(k.number(), k.name(), k.serves(), open.contains(k.number()), id == null ? null : ticket(c, id).view()));
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
        return new StateSnapshot(ProtocolVersion.CURRENT, cfg.officeId(), cfg.nameZh(), cfg.zone().getId(),
                EventLog.lastSeq(c), now, day, categories, counters, calls);
    }

    private static TicketRow ticket(Connection c, String ticketId) throws SQLException {
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

    private void loop() {
        while (!closed) {
            synchronized (signal) {
                while (!dirty && !closed) {
                    try {
                        if (config.get().hours().enforced()) {
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
            if (closed || listeners.isEmpty()) {
                continue;
            }
            StateSnapshot snapshot;
            try {
                snapshot = build(true);
            } catch (RuntimeException e) {
                log.warn("cannot build the state snapshot: {}", e.getMessage());
                continue;
            }
            if (snapshot == null) {
                continue; // the waiting estimate's round for the newest change is coming and will wake this thread
            }
            for (Consumer<StateSnapshot> l : listeners) {
                try {
                    l.accept(snapshot);
                } catch (RuntimeException e) {
                    log.warn("snapshot listener failed: {}", e.toString());
                }
            }
        }
    }

    /** Stops the thread. */
    @Override
    public void close() {
        closed = true;
        markDirty();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
