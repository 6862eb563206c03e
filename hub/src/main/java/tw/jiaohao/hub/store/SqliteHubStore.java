package tw.jiaohao.hub.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.db.Dialect;
import tw.jiaohao.hub.db.HubDatabase;
import tw.jiaohao.hub.stats.RollupCounts;
import tw.jiaohao.hub.stats.RollupKey;
import tw.jiaohao.hub.stats.RollupRules;
import tw.jiaohao.hub.stats.TicketBook;
import tw.jiaohao.hub.stats.TicketFacts;
import tw.jiaohao.hub.stats.WaitHistogram;
import tw.jiaohao.hub.estimates.QuotedSource;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.device.PrinterCondition;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.TicketState;

/**
 * {@link HubStore} in the hub's database ({@link HubDatabase}: the SQLite file in WAL mode, or
 * PostgreSQL), migrated by Flyway at open. One write connection (owned by the writer thread);
 * reads on SQLite from a small set of read connections, which WAL lets read while a batch is
 * written, on PostgreSQL from the pool. The SQL is one text for both kinds; what differs (error
 * classes, SQLite's checkpoints) is asked of the {@link Dialect}. (The class keeps its name from
 * when SQLite was the only kind.)
 */
public final class SqliteHubStore implements HubStore {
    private static final Logger log = LoggerFactory.getLogger(SqliteHubStore.class);
    private static final int READERS = 4;

    /** SQLite's durability per commit: FULL survives power loss, NORMAL only a process crash. */
    public enum Sync { FULL, NORMAL }

    private final HubDatabase db;
    private final boolean ownsDb;
    private final Dialect dialect;
    private final HubDatabase.Durability durability;
    private final Clock clock;
    private final JsonCodec codec;
    private Connection writer;
    private final Connection checkpointer;
    private final java.util.concurrent.ScheduledExecutorService checkpoints;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private RowWrite insertEvent;
    private PreparedStatement selectTicket;
    private PreparedStatement selectTickets;
    /** Tickets read per query when a batch's tickets are read ahead on SQLite (on PostgreSQL: all of an office's). */
    private static final int PREFETCH = 64;
    private RowWrite upsertTicket;
    private RowWrite insertEstimate;
    private PreparedStatement selectRollup;
    private PreparedStatement upsertRollup;
    private PreparedStatement selectMonth;
    private PreparedStatement selectDayCells;
    private PreparedStatement selectMonthCells;
    /** Days (or months) of one office whose rollup cells are read per query when a batch's cells are read ahead. */
    private static final int CELL_PREFETCH = 8;
    private PreparedStatement upsertMonth;
    private PreparedStatement selectOffice;
    private PreparedStatement upsertOffice;
    private PreparedStatement seqsAbove;
    private PreparedStatement upsertDevice;
    private PreparedStatement addHour;
    private PreparedStatement addHourMonth;
    private PreparedStatement insertQuarantine;
    private PreparedStatement selectHeld;
    private PreparedStatement insertConflict;
    private PreparedStatement insertImplausible;
    private PreparedStatement countConflicts;
    private PreparedStatement countImplausible;
    private final long maxSeqAhead;
    private final ZoneId zone;
    private volatile boolean closed;
    // Writer-thread caches of recent tickets and rollup cells: most events touch today's, so
    // a batch rarely reads them back. Cleared when a batch rolls back.
    private final Map<String, Optional<TicketFacts>> ticketCache = lru(50_000);
    private final Map<RollupKey, RollupCounts> dayCellCache = lru(20_000);
    private final Map<RollupKey, RollupCounts> monthCellCache = lru(5_000);
    /**
     * This writer's id in {@code ingest_writer} (PostgreSQL): while the row names it, no other hub
     * instance has written since this writer's last commit and its caches are still the database's.
     */
    private final String writerId = java.util.UUID.randomUUID().toString();

    private static <K, V> Map<K, V> lru(int max) {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    /** The default of {@code ingest.max-seq-ahead}: about a year and a half of a busy office's events. */
    public static final long DEFAULT_MAX_SEQ_AHEAD = 1_000_000;
    /** Rows of evidence kept per office in each of {@code seq_conflict} and {@code seq_implausible}; more are counted only. */
    public static final int EVIDENCE_PER_OFFICE = 1000;

    public SqliteHubStore(Path file, Sync sync, JsonCodec codec, Clock clock) {
        this(file, sync, codec, clock, ZoneId.of("Asia/Taipei"));
    }

    /** @param zone the offices' zone: the local hour of an issued ticket in {@code rollup_hour} */
    public SqliteHubStore(Path file, Sync sync, JsonCodec codec, Clock clock, ZoneId zone) {
        this(file, sync, codec, clock, zone, DEFAULT_MAX_SEQ_AHEAD);
    }

    /**
     * @param maxSeqAhead how far beyond an office's contiguous seq an event's seq may be; an event
     *                    further ahead is kept as evidence only ({@link SeqTrouble.Kind#IMPLAUSIBLE})
     */
    public SqliteHubStore(Path file, Sync sync, JsonCodec codec, Clock clock, ZoneId zone, long maxSeqAhead) {
        this(HubDatabase.open(file), true, sync, codec, clock, zone, maxSeqAhead);
    }

    /**
     * The store in {@code db} (either kind), which the caller keeps open until after {@link #close()}.
     *
     * @param sync SQLite's durability per commit (PostgreSQL commits per its server's settings)
     */
    public SqliteHubStore(HubDatabase db, Sync sync, JsonCodec codec, Clock clock, ZoneId zone, long maxSeqAhead) {
        this(db, false, sync, codec, clock, zone, maxSeqAhead);
    }

    private SqliteHubStore(HubDatabase db, boolean ownsDb, Sync sync, JsonCodec codec, Clock clock, ZoneId zone, long maxSeqAhead) {
        this.db = db;
        this.ownsDb = ownsDb;
        this.dialect = db.dialect();
        this.durability = sync == Sync.FULL ? HubDatabase.Durability.FULL : HubDatabase.Durability.NORMAL;
        if (maxSeqAhead < 1) {
            throw new HubException("ingest.max-seq-ahead must be ≥ 1, got " + maxSeqAhead);
        }
        this.maxSeqAhead = maxSeqAhead;
        this.codec = codec;
        this.zone = zone;
        this.clock = clock;
        Connection startedCheckpointer = null;
        try {
            openWriter();
            fillMonthsOnce();
            if (dialect == Dialect.SQLITE) {
                startedCheckpointer = db.connection(durability, false);
                for (int i = 0; i < READERS; i++) {
                    readers.add(db.connection(durability, false));
                }
            }
        } catch (SQLException | RuntimeException e) {
            checkpointer = startedCheckpointer;
            checkpoints = null;
            closeAll();
            throw new HubException("cannot open the hub database " + db.where() + ": " + e.getMessage()
                    + " (check db.path or db.url; it must be a Jiaohao hub database or empty)", e);
        }
        checkpointer = startedCheckpointer;
        if (dialect == Dialect.SQLITE) {
            checkpoints = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "hub-db-checkpoint");
                t.setDaemon(true);
                return t;
            });
            checkpoints.scheduleWithFixedDelay(this::checkpoint, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        } else {
            checkpoints = null;
        }
        log.info("hub database {} open ({}{})", db.where(), dialect, dialect == Dialect.SQLITE ? ", WAL, synchronous=" + sync : "");
    }

    /** Opens the write connection and prepares the writer's statements (again after a lost connection). */
    private void openWriter() throws SQLException {
        writer = db.connection(durability, false);
        if (dialect == Dialect.SQLITE) {
            try (Statement st = writer.createStatement()) {
                // checkpoints run on their own thread (below), not inside a batch's commit
                st.execute("PRAGMA wal_autocheckpoint=0");
            }
        }
        writer.setAutoCommit(false);
        // stored once per (office, seq) by the database's unique key, whichever connection or hub inserts first
        insertEvent = new RowWrite("event", "office text, seq bigint, event_id text, type text, at_ms bigint, office_day text, "
                + "ticket_id text, category text, counter bigint, payload text, received_ms bigint", "ON CONFLICT DO NOTHING");
        selectTicket = writer.prepareStatement("SELECT category, issued_at_ms, called_at_ms, started_at_ms, finished_at_ms, "
                + "service_counter, service_counted, state, state_seq FROM ticket WHERE office = ? AND ticket_id = ?");
        // PostgreSQL takes all of an office's ids as one array; SQLite a fixed list of places
        selectTickets = writer.prepareStatement("SELECT category, issued_at_ms, called_at_ms, started_at_ms, finished_at_ms, "
                + "service_counter, service_counted, state, state_seq, ticket_id FROM ticket WHERE office = ? AND "
                + (dialect == Dialect.SQLITE ? "ticket_id IN (" + "?,".repeat(PREFETCH - 1) + "?)" : "ticket_id = ANY(?)"));
        upsertTicket = new RowWrite("ticket", "office text, ticket_id text, category text, issued_at_ms bigint, called_at_ms bigint, "
                + "started_at_ms bigint, finished_at_ms bigint, service_counter bigint, service_counted bigint, state text, "
                + "state_seq bigint", "ON CONFLICT(office, ticket_id) DO UPDATE SET " + replaceAll("category, issued_at_ms, "
                + "called_at_ms, started_at_ms, finished_at_ms, service_counter, service_counted, state, state_seq"));
        insertEstimate = new RowWrite("ticket_estimate", "office text, ticket_id text, estimate_min bigint, low_min bigint, "
                + "high_min bigint", "ON CONFLICT DO NOTHING");
        selectRollup = writer.prepareStatement("SELECT " + ROLLUP_COLUMNS
                + " FROM rollup_day WHERE office = ? AND office_day = ? AND category = ? AND counter = ?");
        upsertRollup = writer.prepareStatement("INSERT INTO rollup_day(office, office_day, category, counter, "
                + ROLLUP_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                + "ON CONFLICT(office, office_day, category, counter) DO UPDATE SET " + replaceAll(ROLLUP_COLUMNS));
        selectMonth = writer.prepareStatement("SELECT " + ROLLUP_COLUMNS
                + " FROM rollup_month WHERE office = ? AND month = ? AND category = ? AND counter = ?");
        selectDayCells = writer.prepareStatement(cellsOfDays("rollup_day", "office_day"));
        selectMonthCells = writer.prepareStatement(cellsOfDays("rollup_month", "month"));
        upsertMonth = writer.prepareStatement("INSERT INTO rollup_month(office, month, category, counter, "
                + ROLLUP_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                + "ON CONFLICT(office, month, category, counter) DO UPDATE SET " + replaceAll(ROLLUP_COLUMNS));
        selectOffice = writer.prepareStatement("SELECT contiguous_seq, max_seq, last_event_at_ms FROM office WHERE office = ?");
        upsertOffice = writer.prepareStatement("INSERT INTO office(office, contiguous_seq, max_seq, "
                + "last_event_at_ms, last_received_ms) VALUES (?,?,?,?,?) ON CONFLICT(office) DO UPDATE SET "
                + replaceAll("contiguous_seq, max_seq, last_event_at_ms, last_received_ms"));
        // a quarantined seq counts as received, or the hub would ask for it forever
        seqsAbove = writer.prepareStatement("SELECT seq FROM event WHERE office = ? AND seq > ? "
                + "UNION SELECT seq FROM quarantine WHERE office = ? AND seq > ? ORDER BY seq");
        insertQuarantine = writer.prepareStatement("INSERT INTO quarantine(office, seq, event_id, payload, "
                + "error, received_ms) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING");
        selectHeld = writer.prepareStatement("SELECT event_id, payload FROM event WHERE office = ? AND seq = ?");
        insertConflict = writer.prepareStatement("INSERT INTO seq_conflict(office, seq, payload_sha256, event_id, "
                + "stored_event_id, payload, received_ms) VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING");
        insertImplausible = writer.prepareStatement("INSERT INTO seq_implausible(office, seq, event_id, held_seq, "
                + "payload, received_ms) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING");
        countConflicts = writer.prepareStatement("SELECT COUNT(*) FROM (SELECT 1 FROM seq_conflict WHERE office = ? LIMIT "
                + EVIDENCE_PER_OFFICE + ") AS evidence");
        countImplausible = writer.prepareStatement("SELECT COUNT(*) FROM (SELECT 1 FROM seq_implausible WHERE office = ? LIMIT "
                + EVIDENCE_PER_OFFICE + ") AS evidence");
        upsertDevice = writer.prepareStatement("INSERT INTO device_status(office, device, kind, online, at_ms, version, "
                + "printer, detail, received_ms) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(office, device) DO UPDATE SET "
                + "kind = excluded.kind, online = excluded.online, at_ms = excluded.at_ms, version = excluded.version, "
                + "printer = excluded.printer, detail = excluded.detail, received_ms = excluded.received_ms "
                + "WHERE excluded.at_ms >= device_status.at_ms");
        addHourMonth = writer.prepareStatement("INSERT INTO rollup_hour_month(office, month, weekday, hour, issued) VALUES (?,?,?,?,?) "
                + "ON CONFLICT(office, month, weekday, hour) DO UPDATE SET issued = rollup_hour_month.issued + excluded.issued");
        addHour = writer.prepareStatement("INSERT INTO rollup_hour(office, office_day, hour, issued) VALUES (?,?,?,?) "
                + "ON CONFLICT(office, office_day, hour) DO UPDATE SET issued = rollup_hour.issued + excluded.issued");
    }

    /** Every cell of one office on any of {@link #CELL_PREFETCH} days (or months), with its day first. */
    private static String cellsOfDays(String table, String dayColumn) {
        return "SELECT " + dayColumn + ", category, counter, " + ROLLUP_COLUMNS + " FROM " + table + " WHERE office = ? AND "
                + dayColumn + " IN (" + "?,".repeat(CELL_PREFETCH - 1) + "?)";
    }

    /** {@code a = excluded.a, b = excluded.b, …} for an upsert that replaces every listed column. */
    private static String replaceAll(String columns) {
        StringBuilder out = new StringBuilder();
        for (String c : columns.split(",")) {
            String name = c.trim();
            out.append(out.length() == 0 ? "" : ", ").append(name).append(" = excluded.").append(name);
        }
        return out.toString();
    }

    /** Copies the write-ahead log into the database without blocking the writer or readers. */
    private void checkpoint() {
        try (Statement st = checkpointer.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException e) {
            log.warn("WAL checkpoint failed: {}", e.getMessage());
        }
    }

    private static final String ROLLUP_COLUMNS = "issued, transfers_in, transfers_out, waits, wait_sum_ms, wait_max_ms, wait_hist, "
            + "recalls, no_shows, served, service_sum_ms, service_max_ms, cancelled, rating_1, rating_2, rating_3, rating_4";

    @Override
    public BatchOutcome write(List<OfficeEvent> events, List<DeviceStatus> statuses) {
        return transact("store a batch of " + events.size() + " events", () -> writeOnce(events, statuses));
    }

    @Override
    public Quarantined quarantine(OfficeEvent event, byte[] payload, String error) {
        return transact("set event " + event.key() + " aside", () -> {
            long now = clock.millis();
            insertQuarantine.setString(1, event.office());
            insertQuarantine.setLong(2, event.seq());
            insertQuarantine.setString(3, event.eventId().toString());
            insertQuarantine.setBytes(4, payload);
            insertQuarantine.setString(5, error);
            insertQuarantine.setLong(6, now);
            boolean added = insertQuarantine.executeUpdate() == 1;
            OfficeProgress progress = advance(event.office(), event.seq(), event.at().toEpochMilli(), now);
            writer.commit();
            return new Quarantined(added, progress);
        });
    }

    /** Drops statements added to a JDBC batch that a failed transaction did not execute (the next try adds them again). */
    private void clearBatches(Exception failure) {
        for (RowWrite rows : new RowWrite[] {insertEvent, insertEstimate, upsertTicket}) {
            try {
                if (rows != null) {
                    rows.clear();
                }
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
        for (PreparedStatement st : new PreparedStatement[] {upsertRollup, upsertMonth, addHour, addHourMonth}) {
            try {
                if (st != null) {
                    st.clearBatch();
                }
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private interface Transaction<T> {
        T run() throws SQLException;
    }

    /** Runs a write transaction on the writer connection; rolled back and classified on failure. */
    private <T> T transact(String what, Transaction<T> work) {
        ensureOpen();
        for (int attempt = 1; ; attempt++) {
            try {
                if (dialect.sharedByInstances() && takeWriterTurn()) {
                    // another hub instance changed tickets or rollup cells since our last batch
                    clearCaches();
                }
                return work.run();
            } catch (SQLException | RuntimeException e) {
                clearCaches();
                clearBatches(e);
                try {
                    writer.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                if (dialect.connectionLost(e)) {
                    // the server restarted or the network broke: a new connection for the next try
                    // (the caller retries the batch; nothing of it was committed)
                    reopenWriter(e);
                }
                // another connection (alerts, cases, users) committed between this transaction's
                // read and its write: SQLite fails at once instead of waiting; run it again
                if (dialect.busy(e) && attempt < BUSY_ATTEMPTS) {
                    try {
                        Thread.sleep(Math.min(100, 5L * attempt));
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new HubException("interrupted while the database was busy", ie);
                    }
                    continue;
                }
                if (inputAtFault(dialect, e)) {
                    throw new UnstorableEventsException("cannot " + what + ": " + describe(e), e);
                }
                throw new HubException("cannot " + what + ": " + e.getMessage()
                        + " (is the disk full or the database file locked by another program?)", e);
            }
        }
    }

    private static final int BUSY_ATTEMPTS = 20;

    private void clearCaches() {
        ticketCache.clear();
        dayCellCache.clear();
        monthCellCache.clear();
    }

    /**
     * Makes this transaction the only ingest writer until it ends and records this writer as the
     * last one, in one round trip. True when another writer (another hub instance, or this
     * process before a restart) wrote last, so what this writer cached may be stale.
     */
    private boolean takeWriterTurn() throws SQLException {
        try (Statement st = writer.createStatement()) {
            st.execute(dialect.ingestWriterLock() + "; INSERT INTO ingest_writer(id, holder) VALUES (1, '" + writerId
                    + "') ON CONFLICT (id) DO UPDATE SET holder = excluded.holder WHERE ingest_writer.holder <> excluded.holder");
            if (st.getMoreResults() || st.getUpdateCount() < 0) {
                throw new IllegalStateException("the writer lock's statements returned no update count");
            }
            return st.getUpdateCount() > 0;
        }
    }

    private void reopenWriter(Throwable cause) {
        try {
            writer.close();
        } catch (SQLException ignored) {
            // the connection is gone already
        }
        try {
            openWriter();
            clearCaches();
            log.info("hub database {}: write connection opened again after '{}'", db.where(), cause.getMessage());
        } catch (SQLException | RuntimeException e) {
            log.warn("hub database {} still unreachable: {}", db.where(), e.getMessage());
        }
    }

    /**
     * True when writing the same input again would fail again: a constraint-like database error,
     * or an exception of the rollup rules or codec. Every other database error (busy, locked,
     * full, I/O, corrupt, a closed connection) is the database's condition and worth a retry.
     */
    static boolean inputAtFault(Dialect dialect, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return dialect.inputAtFault(t);
            }
        }
        return e instanceof RuntimeException && !(e instanceof HubException);
    }

    /**
     * The failure in words without personal data: SQLite's message (it names constraints and
     * columns, never values), else the exception's type and where it was thrown, with its
     * message only for the project's own exceptions (whose messages name fields, not values).
     */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException se) {
                return se.getMessage();
            }
        }
        StackTraceElement[] trace = e.getStackTrace();
        String where = trace.length == 0 ? "" : " at " + trace[0].getClassName() + "." + trace[0].getMethodName()
                + ":" + trace[0].getLineNumber();
        String message = e.getClass().getName().startsWith("tw.jiaohao.") && e.getMessage() != null
                ? ": " + e.getMessage() : "";
        String text = e.getClass().getSimpleName() + message + where;
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private BatchOutcome writeOnce(List<OfficeEvent> events, List<DeviceStatus> statuses) throws SQLException {
        long now = clock.millis();
        int stored = 0;
        Map<String, long[]> offices = new LinkedHashMap<>(); // office -> {maxSeq, lastEventAtMs}
        Map<RollupKey, RollupCounts> deltas = new TreeMap<>();
        Map<String, long[]> hours = new HashMap<>();
        List<OfficeEvent> newEvents = new ArrayList<>();
        List<SeqTrouble> troubles = new ArrayList<>();
        Map<String, long[]> held = new HashMap<>(); // office -> {contiguous seq, as it moves within the batch}
        int duplicates = 0;
        BatchTickets tickets = new BatchTickets();
        // the batch's inserts go in one statement on PostgreSQL (a JDBC batch on SQLite); which of them
        // were new is what the database says it inserted, and everything else follows from that. A
        // second copy of an (office, seq) in the batch is not inserted: it is a duplicate or a conflict
        // of the first, as if the events were inserted one by one.
        List<OfficeEvent> candidates = new ArrayList<>(events.size());
        List<OfficeEvent> laterCopies = new ArrayList<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (OfficeEvent e : events) {
            long[] contiguous = held.get(e.office());
            if (contiguous == null) {
                contiguous = new long[] {contiguousOf(e.office())};
                held.put(e.office(), contiguous);
            }
            if (e.seq() - contiguous[0] > maxSeqAhead) {
                troubles.add(implausible(e, contiguous[0], now));
                continue;
            }
            // contiguous + 1 is never held already (the mark would be past it), so this insert is new
            // or a copy of one earlier in this batch: the mark moves exactly as if inserted one by one
            if (e.seq() == contiguous[0] + 1) {
                contiguous[0] = e.seq();
            }
            if (!keys.add(e.office() + '\u0000' + e.seq())) {
                laterCopies.add(e);
                continue;
            }
            insertEvent.add(e.office(), e.seq(), e.eventId().toString(), e.type().name(), e.at().toEpochMilli(),
                    e.officeDay().toString(), e.ticketId(), e.category(), e.counter(), codec.encodeToString(e), now);
            candidates.add(e);
        }
        boolean[] inserted = insertEvent.executeInserted(candidates.size());
        candidates.addAll(laterCopies);
        tickets.prefetch(candidates);
        for (int i = 0; i < candidates.size(); i++) {
            OfficeEvent e = candidates.get(i);
            if (i >= inserted.length || !inserted[i]) {
                SeqTrouble conflict = conflictOrNull(e, now);
                if (conflict == null) {
                    duplicates++;
                } else {
                    troubles.add(conflict);
                }
                continue;
            }
            stored++;
            long[] o = offices.computeIfAbsent(e.office(), k -> new long[] {0, Long.MIN_VALUE});
            o[0] = Math.max(o[0], e.seq());
            o[1] = Math.max(o[1], e.at().toEpochMilli());
            RollupRules.apply(e, tickets, deltas);
            if (e.type() == EventType.TICKET_ISSUED && e.estimateMinutes() != null) {
                insertEstimate.add(e.office(), e.ticketId(), e.estimateMinutes(), e.estimateLowMinutes(), e.estimateHighMinutes());
            }
            if (e.type() == EventType.TICKET_ISSUED) {
                int hour = e.at().atZone(zone).getHour();
                hours.computeIfAbsent(e.office() + '\u0000' + e.officeDay() + '\u0000' + hour, k -> new long[1])[0]++;
            }
            newEvents.add(e);
        }
        insertEstimate.execute();
        tickets.flush();
        Map<RollupKey, RollupCounts> months = new TreeMap<>();
        for (Map.Entry<RollupKey, RollupCounts> d : deltas.entrySet()) {
            months.computeIfAbsent(monthKey(d.getKey()), k -> new RollupCounts()).merge(d.getValue());
        }
        prefetchCells(selectDayCells, dayCellCache, deltas.keySet());
        prefetchCells(selectMonthCells, monthCellCache, months.keySet());
        for (Map.Entry<RollupKey, RollupCounts> d : deltas.entrySet()) {
            addToRollup(selectRollup, upsertRollup, dayCellCache, d.getKey(), d.getValue());
        }
        for (Map.Entry<RollupKey, RollupCounts> m : months.entrySet()) {
            addToRollup(selectMonth, upsertMonth, monthCellCache, m.getKey(), m.getValue());
        }
        if (!deltas.isEmpty()) {
            upsertRollup.executeBatch();
            upsertMonth.executeBatch();
        }
        for (Map.Entry<String, long[]> h : hours.entrySet()) {
            String[] k = h.getKey().split("\u0000");
            addHour.setString(1, k[0]);
            addHour.setString(2, k[1]);
            addHour.setInt(3, Integer.parseInt(k[2]));
            addHour.setLong(4, h.getValue()[0]);
            addHour.addBatch();
            LocalDate day = LocalDate.parse(k[1]);
            addHourMonth.setString(1, k[0]);
            addHourMonth.setString(2, day.withDayOfMonth(1).toString());
            addHourMonth.setInt(3, day.getDayOfWeek().getValue());
            addHourMonth.setInt(4, Integer.parseInt(k[2]));
            addHourMonth.setLong(5, h.getValue()[0]);
            addHourMonth.addBatch();
        }
        if (!hours.isEmpty()) {
            addHour.executeBatch();
            addHourMonth.executeBatch();
        }
        List<OfficeProgress> touched = new ArrayList<>();
        for (Map.Entry<String, long[]> o : offices.entrySet()) {
            touched.add(advance(o.getKey(), o.getValue()[0], o.getValue()[1], now));
        }
        int applied = 0;
        for (DeviceStatus s : statuses) {
            applied += upsertDevice(s, now);
        }
        writer.commit();
        return new BatchOutcome(stored, duplicates, applied, touched, newEvents, troubles);
    }

    private long contiguousOf(String office) throws SQLException {
        selectOffice.setString(1, office);
        try (ResultSet rs = selectOffice.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Keeps an event whose seq is implausibly far ahead as evidence (up to the office's limit). */
    private SeqTrouble implausible(OfficeEvent e, long heldSeq, long now) throws SQLException {
        boolean added = false;
        if (evidenceRoom(countImplausible, e.office())) {
            insertImplausible.setString(1, e.office());
            insertImplausible.setLong(2, e.seq());
            insertImplausible.setString(3, e.eventId().toString());
            insertImplausible.setLong(4, heldSeq);
            insertImplausible.setString(5, codec.encodeToString(e));
            insertImplausible.setLong(6, now);
            added = insertImplausible.executeUpdate() == 1;
        }
        return new SeqTrouble(SeqTrouble.Kind.IMPLAUSIBLE, e.office(), e.seq(), heldSeq, e.eventId().toString(), null, added);
    }

    /**
     * For an event whose {@code (office, seq)} is already held: null when the held one is the
     * same event (a redelivery), else a conflict, kept as evidence (up to the office's limit).
     */
    private SeqTrouble conflictOrNull(OfficeEvent e, long now) throws SQLException {
        String storedId;
        boolean same;
        selectHeld.setString(1, e.office());
        selectHeld.setLong(2, e.seq());
        try (ResultSet rs = selectHeld.executeQuery()) {
            if (!rs.next()) {
                return null; // held nowhere: cannot happen after the insert changed nothing
            }
            storedId = rs.getString(1);
            same = storedId.equals(e.eventId().toString()) && sameEvent(rs.getString(2), e);
        }
        if (same) {
            return null;
        }
        String payload = codec.encodeToString(e);
        boolean added = false;
        if (evidenceRoom(countConflicts, e.office())) {
            insertConflict.setString(1, e.office());
            insertConflict.setLong(2, e.seq());
            insertConflict.setString(3, sha256(payload));
            insertConflict.setString(4, e.eventId().toString());
            insertConflict.setString(5, storedId);
            insertConflict.setString(6, payload);
            insertConflict.setLong(7, now);
            added = insertConflict.executeUpdate() == 1;
        }
        return new SeqTrouble(SeqTrouble.Kind.CONFLICT, e.office(), e.seq(), e.seq(), e.eventId().toString(), storedId, added);
    }

    private boolean sameEvent(String storedPayload, OfficeEvent e) {
        var decoded = codec.decode(storedPayload.getBytes(java.nio.charset.StandardCharsets.UTF_8), OfficeEvent.class);
        return decoded instanceof tw.jiaohao.protocol.codec.Decoded.Accepted<OfficeEvent> a && a.message().equals(e);
    }

    private static boolean evidenceRoom(PreparedStatement count, String office) throws SQLException {
        count.setString(1, office);
        try (ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getInt(1) < EVIDENCE_PER_OFFICE;
        }
    }

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Rows written with one statement per batch. On PostgreSQL one {@code INSERT … SELECT * FROM
     * unnest(…)} with one array per column: one round trip and one statement to plan and run,
     * however many rows (a JDBC batch runs one statement per row on the server). On SQLite, which
     * has no arrays and no round trips, a JDBC batch of the single-row insert.
     */
    private final class RowWrite {
        private final PreparedStatement statement;
        private final String[] types;
        private final List<Object[]> rows = new ArrayList<>();

        /**
         * @param columns "name type, …" with PostgreSQL's type of each column's values ({@code text} or {@code bigint})
         * @param conflict what the insert does with a row whose key is held ({@code ON CONFLICT …})
         */
        RowWrite(String table, String columns, String conflict) throws SQLException {
            String[] parts = columns.split(",");
            types = new String[parts.length];
            StringBuilder names = new StringBuilder();
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                String[] nameAndType = parts[i].trim().split(" ");
                types[i] = nameAndType[1];
                names.append(i == 0 ? "" : ", ").append(nameAndType[0]);
                values.append(i == 0 ? "" : ",").append(dialect == Dialect.SQLITE ? "?" : "?::" + types[i] + "[]");
            }
            String insert = "INSERT INTO " + table + "(" + names + ") ";
            // the inserted keys (the first two columns), so a batch's new rows are known without update counts
            String returning = " RETURNING " + names.substring(0, names.indexOf(", ", names.indexOf(", ") + 1));
            statement = dialect == Dialect.SQLITE
                    ? writer.prepareStatement(insert + "VALUES (" + values + ") " + conflict)
                    : writer.prepareStatement(insert + "SELECT * FROM unnest(" + values + ") " + conflict + returning);
        }

        void add(Object... row) {
            rows.add(row);
        }

        void clear() throws SQLException {
            rows.clear();
            statement.clearBatch();
        }

        /** Writes the rows added since the last execute. */
        void execute() throws SQLException {
            executeInserted(rows.size());
        }

        /**
         * Writes the rows added since the last execute; element i is true when row i was inserted
         * (or updated), false when it was left alone ({@code ON CONFLICT DO NOTHING}). The rows'
         * first two columns must be a key that no two rows share.
         */
        boolean[] executeInserted(int expected) throws SQLException {
            if (rows.size() != expected) {
                throw new IllegalStateException("rows added " + rows.size() + ", expected " + expected);
            }
            boolean[] out = new boolean[rows.size()];
            if (rows.isEmpty()) {
                return out;
            }
            try {
                if (dialect == Dialect.SQLITE) {
                    for (Object[] row : rows) {
                        for (int i = 0; i < row.length; i++) {
                            if (row[i] == null) {
                                statement.setNull(i + 1, Types.NULL);
                            } else {
                                statement.setObject(i + 1, row[i]);
                            }
                        }
                        statement.addBatch();
                    }
                    int[] counts = statement.executeBatch();
                    for (int i = 0; i < counts.length; i++) {
                        if (counts[i] == Statement.SUCCESS_NO_INFO) {
                            throw new IllegalStateException("the database driver does not say which rows were new");
                        }
                        out[i] = counts[i] > 0;
                    }
                    return out;
                }
                for (int c = 0; c < types.length; c++) {
                    Object[] column = types[c].equals("bigint") ? new Long[rows.size()] : new String[rows.size()];
                    for (int r = 0; r < rows.size(); r++) {
                        Object v = rows.get(r)[c];
                        column[r] = v instanceof Number n ? (Object) n.longValue() : v;
                    }
                    statement.setArray(c + 1, writer.createArrayOf(types[c], column));
                }
                Map<String, Integer> rowOfKey = new HashMap<>();
                for (int r = 0; r < rows.size(); r++) {
                    rowOfKey.put(rows.get(r)[0] + "\u0000" + rows.get(r)[1], r);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        Integer r = rowOfKey.get(rs.getString(1) + "\u0000" + rs.getString(2));
                        if (r == null) {
                            throw new IllegalStateException("the database returned a key that was not written");
                        }
                        out[r] = true;
                    }
                }
                return out;
            } finally {
                rows.clear();
            }
        }
    }

    /** Tickets read once per batch, written back once at its end. */
    private final class BatchTickets implements TicketBook {
        private final Map<String, TicketFacts> dirty = new LinkedHashMap<>();

        @Override
        public Optional<TicketFacts> find(String office, String ticketId) {
            String key = office + '\u0000' + ticketId;
            Optional<TicketFacts> cached = ticketCache.get(key);
            if (cached == null) {
                cached = load(office, ticketId);
                ticketCache.put(key, cached);
            }
            return cached;
        }

        @Override
        public void put(TicketFacts facts) {
            String key = facts.office() + '\u0000' + facts.ticketId();
            ticketCache.put(key, Optional.of(facts));
            dirty.put(key, facts);
        }

        /** Reads the tickets of these events that the cache lacks, one query per office (on SQLite {@link #PREFETCH} per query). */
        void prefetch(List<OfficeEvent> events) throws SQLException {
            Map<String, java.util.Set<String>> wanted = new LinkedHashMap<>();
            for (OfficeEvent e : events) {
                if (e.ticketId() != null && ticketCache.get(e.office() + '\u0000' + e.ticketId()) == null) {
                    wanted.computeIfAbsent(e.office(), k -> new java.util.LinkedHashSet<>()).add(e.ticketId());
                }
            }
            for (Map.Entry<String, java.util.Set<String>> w : wanted.entrySet()) {
                List<String> ids = new ArrayList<>(w.getValue());
                int perQuery = dialect == Dialect.SQLITE ? PREFETCH : ids.size();
                for (int from = 0; from < ids.size(); from += perQuery) {
                    List<String> part = ids.subList(from, Math.min(ids.size(), from + perQuery));
                    selectTickets.setString(1, w.getKey());
                    if (dialect == Dialect.SQLITE) {
                        for (int i = 0; i < PREFETCH; i++) {
                            selectTickets.setString(2 + i, part.get(Math.min(i, part.size() - 1))); // repeats fill the unused places
                        }
                    } else {
                        selectTickets.setArray(2, writer.createArrayOf("text", part.toArray(new String[0])));
                    }
                    for (String id : part) {
                        ticketCache.put(w.getKey() + '\u0000' + id, Optional.empty());
                    }
                    try (ResultSet rs = selectTickets.executeQuery()) {
                        while (rs.next()) {
                            String id = rs.getString(10);
                            ticketCache.put(w.getKey() + '\u0000' + id, Optional.of(facts(rs, w.getKey(), id)));
                        }
                    }
                }
            }
        }

        void flush() throws SQLException {
            if (dirty.isEmpty()) {
                return;
            }
            for (TicketFacts t : dirty.values()) {
                upsertTicket.add(t.office(), t.ticketId(), t.category(), t.issuedAt().toEpochMilli(), millisOrNull(t.calledAt()),
                        millisOrNull(t.startedAt()), millisOrNull(t.finishedAt()), t.serviceCounter(), t.serviceCounted() ? 1 : 0,
                        t.state().name(), t.stateSeq());
            }
            upsertTicket.execute();
        }

        private Optional<TicketFacts> load(String office, String ticketId) {
            try {
                selectTicket.setString(1, office);
                selectTicket.setString(2, ticketId);
                try (ResultSet rs = selectTicket.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(facts(rs, office, ticketId));
                }
            } catch (SQLException e) {
                throw new HubException("cannot read ticket facts: " + e.getMessage(), e);
            }
        }
    }

    /** A ticket's facts from a row of {@code selectTicket}'s first nine columns. */
    private static TicketFacts facts(ResultSet rs, String office, String ticketId) throws SQLException {
        return new TicketFacts(office, ticketId, rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                instantOrNull(rs, 3), instantOrNull(rs, 4), instantOrNull(rs, 5), intOrNull(rs, 6),
                rs.getInt(7) == 1, TicketState.valueOf(rs.getString(8)), rs.getLong(9));
    }

    /** The month cell a day cell adds to: the same key with the first day of its month. */
    private static RollupKey monthKey(RollupKey day) {
        return new RollupKey(day.office(), day.day().withDayOfMonth(1), day.category(), day.counter());
    }

    /**
     * Builds {@code rollup_month} from {@code rollup_day} when it is empty but days exist (a
     * database from before the month level), in one transaction.
     */
    private void fillMonthsOnce() throws SQLException {
        try (Statement st = writer.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM rollup_month LIMIT 1) AS m), "
                    + "(SELECT COUNT(*) FROM (SELECT 1 FROM rollup_day LIMIT 1) AS d)")) {
                rs.next();
                if (rs.getInt(1) > 0 || rs.getInt(2) == 0) {
                    return;
                }
            }
            log.info("building the month rollups from the day rollups (once)");
            long started = System.nanoTime();
            RollupKey current = null;
            RollupCounts sum = null;
            int rows = 0;
            try (ResultSet rs = st.executeQuery("SELECT office, substr(office_day, 1, 7) || '-01', category, counter, " + ROLLUP_COLUMNS
                    + " FROM rollup_day ORDER BY 1, 2, 3, 4")) {
                while (rs.next()) {
                    RollupKey key = new RollupKey(rs.getString(1), LocalDate.parse(rs.getString(2)), rs.getString(3), rs.getInt(4));
                    if (!key.equals(current)) {
                        if (current != null) {
                            writeRollup(upsertMonth, current, sum);
                            rows++;
                        }
                        current = key;
                        sum = new RollupCounts();
                    }
                    sum.merge(readCounts(rs, 5));
                }
            }
            if (current != null) {
                writeRollup(upsertMonth, current, sum);
                rows++;
            }
            upsertMonth.executeBatch();
            writer.commit();
            log.info("month rollups built: {} rows in {} ms", rows, (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException e) {
            writer.rollback();
            throw e;
        }
    }

    /**
     * Reads the cells of these keys that the cache lacks into it, {@link #CELL_PREFETCH} days of
     * one office per query; a key the database has no row for is cached as an empty cell, as
     * {@link #addToRollup} would read it. The other cells of those days are cached too where absent.
     */
    private static void prefetchCells(PreparedStatement select, Map<RollupKey, RollupCounts> cache, Collection<RollupKey> keys)
            throws SQLException {
        List<RollupKey> missing = new ArrayList<>();
        Map<String, java.util.Set<LocalDate>> wanted = new LinkedHashMap<>();
        for (RollupKey k : keys) {
            if (cache.get(k) == null) {
                missing.add(k);
                wanted.computeIfAbsent(k.office(), o -> new java.util.TreeSet<>()).add(k.day());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Map<RollupKey, RollupCounts> read = new HashMap<>();
        Map<String, LocalDate> days = new HashMap<>();
        for (Map.Entry<String, java.util.Set<LocalDate>> w : wanted.entrySet()) {
            List<LocalDate> all = new ArrayList<>(w.getValue());
            for (int from = 0; from < all.size(); from += CELL_PREFETCH) {
                List<LocalDate> part = all.subList(from, Math.min(all.size(), from + CELL_PREFETCH));
                select.setString(1, w.getKey());
                for (int i = 0; i < CELL_PREFETCH; i++) {
                    select.setString(2 + i, part.get(Math.min(i, part.size() - 1)).toString()); // repeats fill the unused places
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        RollupKey key = new RollupKey(w.getKey(), days.computeIfAbsent(rs.getString(1), LocalDate::parse),
                                rs.getString(2), rs.getInt(3));
                        read.put(key, readCounts(rs, 4));
                    }
                }
            }
        }
        for (Map.Entry<RollupKey, RollupCounts> r : read.entrySet()) {
            cache.putIfAbsent(r.getKey(), r.getValue());
        }
        // last, so the LRU keeps them through this batch
        for (RollupKey k : missing) {
            RollupCounts row = read.get(k);
            cache.put(k, row == null ? new RollupCounts() : row);
        }
    }

    private static void addToRollup(PreparedStatement select, PreparedStatement upsert, Map<RollupKey, RollupCounts> cache,
                                    RollupKey key, RollupCounts delta) throws SQLException {
        RollupCounts row = cache.get(key);
        if (row == null) {
            select.setString(1, key.office());
            select.setString(2, key.day().toString());
            select.setString(3, key.category());
            select.setInt(4, key.counter());
            try (ResultSet rs = select.executeQuery()) {
                row = rs.next() ? readCounts(rs, 1) : new RollupCounts();
            }
            cache.put(key, row);
        }
        row.merge(delta);
        writeRollup(upsert, key, row);
    }

    private static void writeRollup(PreparedStatement s, RollupKey key, RollupCounts row) throws SQLException {
        s.setString(1, key.office());
        s.setString(2, key.day().toString());
        s.setString(3, key.category());
        s.setInt(4, key.counter());
        s.setLong(5, row.issued);
        s.setLong(6, row.transfersIn);
        s.setLong(7, row.transfersOut);
        s.setLong(8, row.waits);
        s.setLong(9, row.waitSumMillis);
        s.setLong(10, row.waitMaxMillis);
        s.setBytes(11, row.waitHistogram.encode());
        s.setLong(12, row.recalls);
        s.setLong(13, row.noShows);
        s.setLong(14, row.served);
        s.setLong(15, row.serviceSumMillis);
        s.setLong(16, row.serviceMaxMillis);
        s.setLong(17, row.cancelled);
        for (int score = 1; score <= 4; score++) {
            s.setLong(17 + score, row.ratings[score]);
        }
        s.addBatch();
    }

    private static RollupCounts readCounts(ResultSet rs, int first) throws SQLException {
        return readCounts(rs, first, new RollupCounts(WaitHistogram.decode(rs.getBytes(first + 6))));
    }

    /** Like {@link #readCounts(ResultSet, int)} with the histogram left empty (the caller takes the encoded column). */
    private static RollupCounts readCountsWithoutHistogram(ResultSet rs, int first) throws SQLException {
        return readCounts(rs, first, new RollupCounts());
    }

    /** Fills {@code c} from the rollup columns starting at {@code first} (the histogram column excepted). */
    private static RollupCounts readCounts(ResultSet rs, int first, RollupCounts c) throws SQLException {
        c.issued = rs.getLong(first);
        c.transfersIn = rs.getLong(first + 1);
        c.transfersOut = rs.getLong(first + 2);
        c.waits = rs.getLong(first + 3);
        c.waitSumMillis = rs.getLong(first + 4);
        c.waitMaxMillis = rs.getLong(first + 5);
        c.recalls = rs.getLong(first + 7);
        c.noShows = rs.getLong(first + 8);
        c.served = rs.getLong(first + 9);
        c.serviceSumMillis = rs.getLong(first + 10);
        c.serviceMaxMillis = rs.getLong(first + 11);
        c.cancelled = rs.getLong(first + 12);
        for (int score = 1; score <= 4; score++) {
            c.ratings[score] = rs.getLong(first + 12 + score);
        }
        return c;
    }

    /** Moves the office's contiguous mark past every stored seq that follows it. */
    private OfficeProgress advance(String office, long batchMaxSeq, long batchLastAtMs, long now) throws SQLException {
        long contiguous = 0;
        long max = 0;
        long lastAt = batchLastAtMs;
        selectOffice.setString(1, office);
        try (ResultSet rs = selectOffice.executeQuery()) {
            if (rs.next()) {
                contiguous = rs.getLong(1);
                max = rs.getLong(2);
                lastAt = Math.max(lastAt, rs.getLong(3));
            }
        }
        max = Math.max(max, batchMaxSeq);
        Long nextAbove = null;
        seqsAbove.setString(1, office);
        seqsAbove.setLong(2, contiguous);
        seqsAbove.setString(3, office);
        seqsAbove.setLong(4, contiguous);
        try (ResultSet rs = seqsAbove.executeQuery()) {
            while (rs.next()) {
                long seq = rs.getLong(1);
                if (seq != contiguous + 1) {
                    nextAbove = seq;
                    break;
                }
                contiguous = seq;
            }
        }
        upsertOffice.setString(1, office);
        upsertOffice.setLong(2, contiguous);
        upsertOffice.setLong(3, max);
        upsertOffice.setLong(4, lastAt);
        upsertOffice.setLong(5, now);
        upsertOffice.executeUpdate();
        return new OfficeProgress(office, contiguous, max, nextAbove);
    }

    private int upsertDevice(DeviceStatus d, long now) throws SQLException {
        PreparedStatement s = upsertDevice;
        s.setString(1, d.office());
        s.setString(2, d.device());
        s.setString(3, d.kind().name());
        s.setInt(4, d.online() ? 1 : 0);
        s.setLong(5, d.at().toEpochMilli());
        s.setString(6, d.version());
        s.setString(7, d.printer() == null ? null : d.printer().name());
        s.setString(8, d.detail());
        s.setLong(9, now);
        return s.executeUpdate();
    }

    @Override
    public List<OfficeProgress> progress() {
        return read(c -> {
            List<OfficeProgress> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT office, contiguous_seq, max_seq FROM office ORDER BY office")) {
                while (rs.next()) {
                    out.add(progressOf(c, rs.getString(1), rs.getLong(2), rs.getLong(3)));
                }
            }
            return out;
        });
    }

    @Override
    public Optional<OfficeProgress> progress(String office) {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT contiguous_seq, max_seq FROM office WHERE office = ?")) {
                s.setString(1, office);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(progressOf(c, office, rs.getLong(1), rs.getLong(2))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<long[]> missing(String office, int maxRuns, long window) {
        return read(c -> {
            long contiguous;
            long max;
            try (PreparedStatement s = c.prepareStatement("SELECT contiguous_seq, max_seq FROM office WHERE office = ?")) {
                s.setString(1, office);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return List.<long[]>of();
                    }
                    contiguous = rs.getLong(1);
                    max = rs.getLong(2);
                }
            }
            List<long[]> runs = new ArrayList<>();
            long end = Math.min(max, contiguous + window);
            try (PreparedStatement s = c.prepareStatement("SELECT seq FROM event WHERE office = ? AND seq > ? AND seq <= ? "
                    + "UNION SELECT seq FROM quarantine WHERE office = ? AND seq > ? AND seq <= ? ORDER BY seq")) {
                s.setString(1, office);
                s.setLong(2, contiguous);
                s.setLong(3, end);
                s.setString(4, office);
                s.setLong(5, contiguous);
                s.setLong(6, end);
                long last = contiguous;
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next() && runs.size() < maxRuns) {
                        long seq = rs.getLong(1);
                        if (seq > last + 1) {
                            runs.add(new long[] {last + 1, seq - 1});
                        }
                        last = seq;
                    }
                }
            }
            return runs;
        });
    }

    private static OfficeProgress progressOf(Connection c, String office, long contiguous, long max) throws SQLException {
        if (max <= contiguous) {
            return new OfficeProgress(office, contiguous, max, null);
        }
        try (PreparedStatement s = c.prepareStatement("SELECT MIN(seq) FROM (SELECT seq FROM event WHERE office = ? AND seq > ? "
                + "UNION ALL SELECT seq FROM quarantine WHERE office = ? AND seq > ?) AS above")) {
            s.setString(1, office);
            s.setLong(2, contiguous);
            s.setString(3, office);
            s.setLong(4, contiguous);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new OfficeProgress(office, contiguous, max, rs.getLong(1));
            }
        }
    }

    @Override
    public List<OfficeOverview> offices(LocalDate today) {
        return read(c -> {
            List<String> names = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT office FROM office UNION SELECT office FROM device_status ORDER BY 1")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            List<OfficeOverview> out = new ArrayList<>();
            for (String office : names) {
                out.add(overview(c, office, today));
            }
            return out;
        });
    }

    private static OfficeOverview overview(Connection c, String office, LocalDate today) throws SQLException {
        Instant lastEventAt = null;
        Instant lastReceivedAt = null;
        long contiguous = 0;
        long max = 0;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT contiguous_seq, max_seq, last_event_at_ms, last_received_ms FROM office WHERE office = ?")) {
            s.setString(1, office);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    contiguous = rs.getLong(1);
                    max = rs.getLong(2);
                    lastEventAt = Instant.ofEpochMilli(rs.getLong(3));
                    lastReceivedAt = Instant.ofEpochMilli(rs.getLong(4));
                }
            }
        }
        long ticketsToday;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COALESCE(SUM(issued), 0) FROM rollup_day WHERE office = ? AND office_day = ?")) {
            s.setString(1, office);
            s.setString(2, today.toString());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                ticketsToday = rs.getLong(1);
            }
        }
        Integer waitingNow = null;
        if (max == contiguous) {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM ticket WHERE office = ? AND ticket_id >= ? "
                    + "AND ticket_id < ? AND state = 'WAITING'")) {
                s.setString(1, office);
                s.setString(2, today + "/");
                s.setString(3, today.plusDays(1) + "/");
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    waitingNow = rs.getInt(1);
                }
            }
        }
        List<DeviceState> devices = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT device, kind, online, printer, at_ms, version, detail FROM device_status WHERE office = ? ORDER BY device")) {
            s.setString(1, office);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String printer = rs.getString(4);
                    devices.add(new DeviceState(rs.getString(1), DeviceKind.valueOf(rs.getString(2)), rs.getInt(3) == 1,
                            printer == null ? null : PrinterCondition.valueOf(printer), Instant.ofEpochMilli(rs.getLong(5)),
                            rs.getString(6), rs.getString(7)));
                }
            }
        }
        return new OfficeOverview(office, lastEventAt, lastReceivedAt, contiguous, max, ticketsToday, waitingNow, devices);
    }

    @Override
    public boolean knowsOffice(String office) {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT 1 FROM office WHERE office = ? UNION ALL SELECT 1 FROM device_status WHERE office = ? LIMIT 1")) {
                s.setString(1, office);
                s.setString(2, office);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** {@inheritDoc} Whole months come as one cell each, keyed by their first day (see {@link #rollupCells}). */
    @Override
    public Map<RollupKey, RollupCounts> rollups(String office, LocalDate from, LocalDate to) {
        Map<RollupKey, RollupCounts> out = new TreeMap<>();
        rollupCells(List.of(office), from, to, (key, counts, histogram) ->
                out.merge(key, new RollupCounts(WaitHistogram.decode(histogram)).merge(counts), RollupCounts::merge));
        return out;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Whole calendar months inside the range are read from {@code rollup_month} (their
     * key's day is the month's first day), the partial months at its ends from
     * {@code rollup_day}.
     */
    @Override
    public void rollupCells(Collection<String> offices, LocalDate from, LocalDate to, CellSink sink) {
        if (offices.isEmpty()) {
            return;
        }
        read(c -> {
            Map<String, LocalDate> days = new HashMap<>();
            for (Span span : Span.split(from, to)) {
                String sql = span.months
                        ? "SELECT office, month, category, counter, " + ROLLUP_COLUMNS + " FROM rollup_month WHERE office IN ("
                                + placeholders(offices.size()) + ") AND month >= ? AND month <= ?"
                        : "SELECT office, office_day, category, counter, " + ROLLUP_COLUMNS + " FROM rollup_day WHERE office IN ("
                                + placeholders(offices.size()) + ") AND office_day >= ? AND office_day <= ?";
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    int i = bindOffices(s, offices);
                    s.setString(i, span.from.toString());
                    s.setString(i + 1, span.to.toString());
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            RollupKey key = new RollupKey(rs.getString(1), days.computeIfAbsent(rs.getString(2), LocalDate::parse),
                                    rs.getString(3), rs.getInt(4));
                            sink.accept(key, readCountsWithoutHistogram(rs, 5), rs.getBytes(11));
                        }
                    }
                }
            }
            return null;
        });
    }

    /**
     * A part of a date range read from one table: whole months ({@code from}/{@code to} are
     * the first days of the first and last month) or single days.
     */
    record Span(boolean months, LocalDate from, LocalDate to) {
        static List<Span> split(LocalDate from, LocalDate to) {
            LocalDate firstWhole = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
            LocalDate afterWhole = to.getDayOfMonth() == to.lengthOfMonth() ? to.plusDays(1) : to.withDayOfMonth(1);
            if (!firstWhole.isBefore(afterWhole)) {
                return List.of(new Span(false, from, to));
            }
            List<Span> out = new ArrayList<>(3);
            if (from.isBefore(firstWhole)) {
                out.add(new Span(false, from, firstWhole.minusDays(1)));
            }
            out.add(new Span(true, firstWhole, afterWhole.minusMonths(1)));
            if (!afterWhole.isAfter(to)) {
                out.add(new Span(false, afterWhole, to));
            }
            return out;
        }
    }

    /** {@inheritDoc} Whole months come from {@code rollup_hour_month}, partial ones from {@code rollup_hour}. */
    @Override
    public void rollupHours(Collection<String> offices, LocalDate from, LocalDate to, HourSink sink) {
        if (offices.isEmpty()) {
            return;
        }
        read(c -> {
            for (Span span : Span.split(from, to)) {
                String sql = span.months
                        ? "SELECT office, weekday, hour, issued FROM rollup_hour_month WHERE office IN (" + placeholders(offices.size())
                                + ") AND month >= ? AND month <= ?"
                        : "SELECT office, office_day, hour, issued FROM rollup_hour WHERE office IN (" + placeholders(offices.size())
                                + ") AND office_day >= ? AND office_day <= ?";
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    int i = bindOffices(s, offices);
                    s.setString(i, span.from.toString());
                    s.setString(i + 1, span.to.toString());
                    try (ResultSet rs = s.executeQuery()) {
                        Map<String, java.time.DayOfWeek> weekdays = new HashMap<>();
                        while (rs.next()) {
                            java.time.DayOfWeek weekday = span.months ? java.time.DayOfWeek.of(rs.getInt(2))
                                    : weekdays.computeIfAbsent(rs.getString(2), d -> LocalDate.parse(d).getDayOfWeek());
                            sink.accept(rs.getString(1), weekday, rs.getInt(3), rs.getLong(4));
                        }
                    }
                }
            }
            return null;
        });
    }

    @Override
    public void calledTickets(Collection<String> offices, LocalDate from, LocalDate to, CalledSink sink) {
        read(c -> {
            // an office-day's tickets are one key range of the primary key (ticket ids start with the day)
            try (PreparedStatement s = c.prepareStatement("SELECT issued_at_ms, called_at_ms FROM ticket WHERE office = ? "
                    + "AND ticket_id > ? AND ticket_id < ? AND called_at_ms IS NOT NULL")) {
                for (String office : offices) {
                    s.setString(1, office);
                    s.setString(2, from + "/");
                    s.setString(3, to + "/~");
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            sink.accept(office, Instant.ofEpochMilli(rs.getLong(1)), Instant.ofEpochMilli(rs.getLong(2)));
                        }
                    }
                }
            }
            return null;
        });
    }

    @Override
    public void counterSteps(Collection<String> offices, LocalDate from, LocalDate to, StepSink sink) {
        read(c -> {
            // the (office, seq) key narrows to one office; the office-day filter reads its events
            try (PreparedStatement s = c.prepareStatement("SELECT office_day, counter, ticket_id, type, at_ms FROM event WHERE office = ? "
                    + "AND office_day >= ? AND office_day <= ? AND counter IS NOT NULL "
                    + "AND type IN ('TICKET_CALLED', 'SERVICE_FINISHED', 'TICKET_NO_SHOW', 'TICKET_TRANSFERRED')")) {
                for (String office : offices) {
                    s.setString(1, office);
                    s.setString(2, from.toString());
                    s.setString(3, to.toString());
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            sink.accept(office, LocalDate.parse(rs.getString(1)), rs.getInt(2), rs.getString(3),
                                    "TICKET_CALLED".equals(rs.getString(4)), Instant.ofEpochMilli(rs.getLong(5)));
                        }
                    }
                }
            }
            return null;
        });
    }

    @Override
    public void quotedTickets(String office, LocalDate from, LocalDate to, QuotedSource.Sink sink) {
        read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT t.category, t.issued_at_ms, t.called_at_ms, q.estimate_min, q.low_min, "
                    + "q.high_min FROM ticket_estimate q JOIN ticket t ON t.office = q.office AND t.ticket_id = q.ticket_id "
                    + "WHERE q.office = ? AND q.ticket_id > ? AND q.ticket_id < ? AND t.called_at_ms IS NOT NULL")) {
                s.setString(1, office);
                s.setString(2, from + "/");
                s.setString(3, to + "/~");
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        int low = rs.getInt(5);
                        Integer lowOrNull = rs.wasNull() ? null : low;
                        int high = rs.getInt(6);
                        Integer highOrNull = rs.wasNull() ? null : high;
                        sink.accept(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3)),
                                rs.getInt(4), lowOrNull, highOrNull);
                    }
                }
            }
            return null;
        });
    }

    @Override
    public List<String> rollupOffices() {
        return read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT office FROM office UNION SELECT office FROM device_status ORDER BY 1")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private static String placeholders(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    private static int bindOffices(PreparedStatement s, Collection<String> offices) throws SQLException {
        int i = 1;
        for (String o : offices) {
            s.setString(i++, o);
        }
        return i;
    }

    @Override
    public Optional<StoredTicket> ticket(String office, String ticketId) {
        return read(c -> {
            StoredTicket t;
            try (PreparedStatement s = c.prepareStatement("SELECT category, issued_at_ms, called_at_ms, finished_at_ms, service_counter, "
                    + "state FROM ticket WHERE office = ? AND ticket_id = ?")) {
                s.setString(1, office);
                s.setString(2, ticketId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    t = new StoredTicket(office, ticketId, rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), instantOrNull(rs, 3),
                            instantOrNull(rs, 4), intOrNull(rs, 5), TicketState.valueOf(rs.getString(6)), 0);
                }
            }
            if (t.state() != TicketState.WAITING) {
                return Optional.of(t);
            }
            String day = ticketId.substring(0, 10);
            // the office-day's tickets are one key range of the primary key (ticket ids start with the day)
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM ticket WHERE office = ? AND ticket_id > ? AND ticket_id < ? "
                    + "AND category = ? AND state = 'WAITING' AND (issued_at_ms < ? OR (issued_at_ms = ? AND ticket_id < ?))")) {
                s.setString(1, office);
                s.setString(2, day + "/");
                s.setString(3, day + "/~");
                s.setString(4, t.category());
                s.setLong(5, t.issuedAt().toEpochMilli());
                s.setLong(6, t.issuedAt().toEpochMilli());
                s.setString(7, ticketId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    int ahead = rs.getInt(1);
                    return Optional.of(new StoredTicket(office, ticketId, t.category(), t.issuedAt(), t.calledAt(), t.finishedAt(),
                            t.counter(), t.state(), ahead));
                }
            }
        });
    }

    @Override
    public List<OfficeEvent> events(String office, long fromSeq, int limit) {
        return read(c -> {
            List<OfficeEvent> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT payload FROM event WHERE office = ? AND seq >= ? ORDER BY seq LIMIT ?")) {
                s.setString(1, office);
                s.setLong(2, fromSeq);
                s.setInt(3, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(codec.decodeOrThrow(rs.getString(1).getBytes(java.nio.charset.StandardCharsets.UTF_8), OfficeEvent.class));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAll();
        log.info("hub database closed");
    }

    private void closeAll() {
        if (checkpoints != null) {
            checkpoints.shutdownNow();
            try {
                checkpoints.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (checkpointer != null) {
                checkpointer.close();
            }
            if (writer != null) {
                writer.close();
            }
        } catch (SQLException e) {
            log.warn("closing the hub database: {}", e.getMessage());
        }
        Connection c;
        while ((c = readers.poll()) != null) {
            try {
                c.close();
            } catch (SQLException e) {
                log.warn("closing a read connection: {}", e.getMessage());
            }
        }
        if (ownsDb) {
            db.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new HubException("the hub database is closed");
        }
    }

    private interface ReadWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(ReadWork<T> work) {
        ensureOpen();
        if (dialect != Dialect.SQLITE) {
            try (Connection pooled = db.connection(durability, false)) {
                return work.run(pooled);
            } catch (SQLException e) {
                throw new HubException("cannot read the hub database: " + e.getMessage(), e);
            }
        }
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException("interrupted while waiting for a database connection", e);
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new HubException("cannot read the hub database: " + e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    private static Long millisOrNull(Instant v) {
        return v == null ? null : v.toEpochMilli();
    }

    private static Instant instantOrNull(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static Integer intOrNull(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }
}
