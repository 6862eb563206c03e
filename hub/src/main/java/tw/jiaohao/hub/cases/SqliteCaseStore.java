package tw.jiaohao.hub.cases;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import tw.jiaohao.hub.db.Dialect;
import tw.jiaohao.hub.db.HubDatabase;
import tw.jiaohao.protocol.selfservice.KioskCheck;
import tw.jiaohao.protocol.selfservice.RequestKind;
import tw.jiaohao.protocol.selfservice.SelfServiceRequest;
import tw.jiaohao.protocol.selfservice.SuspensionReason;
import tw.jiaohao.protocol.selfservice.Verification;
import tw.jiaohao.protocol.selfservice.VerificationProblem;

/**
 * {@link CaseStore} in the hub's database (either kind of {@link HubDatabase}; on SQLite WAL,
 * synchronous=FULL: a case is on disk before the hub acknowledges the request). One connection
 * behind one lock, opened again when the server drops it. (The class keeps its name from when
 * SQLite was the only kind.)
 */
public final class SqliteCaseStore implements CaseStore {
    private static final String COLUMNS = "office, case_number, kind, account_number, state, verification, problem, kiosk_check, "
            + "taken_ms, received_ms, due_ms, closed_ms, reason, effective_date, masked_name, masked_national_id, masked_phone, "
            + "masked_address, erased_ms";

    private final HubDatabase db;
    private final boolean ownsDb;
    private final String file;
    private Connection c;

    private SqliteCaseStore(HubDatabase db, boolean ownsDb) throws SQLException {
        this.db = db;
        this.ownsDb = ownsDb;
        this.file = db.where();
        this.c = connect(db);
    }

    private static Connection connect(HubDatabase db) throws SQLException {
        Connection c = db.connection(HubDatabase.Durability.FULL, true);
        if (db.dialect() == Dialect.SQLITE) {
            try (var st = c.createStatement()) {
                // Erased personal data is overwritten on disk, not merely unlinked.
                st.execute("PRAGMA secure_delete = ON");
            }
        }
        c.setAutoCommit(false);
        return c;
    }

    /** Opens (creating and migrating if needed) the hub's SQLite file at {@code file}; closed with the store. */
    public static SqliteCaseStore open(Path file) {
        HubDatabase db;
        try {
            db = HubDatabase.open(file);
        } catch (RuntimeException e) {
            throw new CasesException("cannot open the hub database " + file.toAbsolutePath() + " for cases: " + e.getMessage()
                    + " (check db.path: a writable Jiaohao hub database, or none yet)", e);
        }
        return open(db, true);
    }

    /** The cases in {@code db}, which the caller keeps open until after {@link #close()}. */
    public static SqliteCaseStore open(HubDatabase db) {
        return open(db, false);
    }

    private static SqliteCaseStore open(HubDatabase db, boolean owns) {
        try {
            return new SqliteCaseStore(db, owns);
        } catch (SQLException | RuntimeException e) {
            if (owns) {
                db.close();
            }
            throw new CasesException("cannot open the hub database " + db.where() + " for cases: " + e.getMessage()
                    + " (check db.path or db.url: a writable Jiaohao hub database, or none yet)", e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private synchronized <T> T tx(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                T result = work.run();
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                if (e instanceof CasesException ce) {
                    throw ce;
                }
                // a transaction that read and then writes fails at once (SQLITE_BUSY, no busy wait)
                // when another connection (the ingest, the alerts) committed in between: run it again
                if (db.dialect().busy(e) && attempt < BUSY_ATTEMPTS) {
                    pause(attempt);
                    continue;
                }
                if (db.dialect().connectionLost(e) && attempt < BUSY_ATTEMPTS) {
                    reconnect();
                    pause(attempt);
                    continue;
                }
                throw new CasesException("cannot " + what + " in " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static final int BUSY_ATTEMPTS = 20;

    private void reconnect() {
        try {
            c.close();
        } catch (SQLException ignored) {
            // gone already
        }
        try {
            c = connect(db);
        } catch (SQLException e) {
            // the next attempt fails on the closed connection and comes here again
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(200, 10L * attempt));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new CasesException("interrupted while the database was busy", ie);
        }
    }

    @Override
    public Optional<Verdict> verdictOf(UUID requestId) {
        return tx("read a case", () -> verdict(requestId));
    }

    private Optional<Verdict> verdict(UUID requestId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT office, case_number, verification, problem FROM service_case WHERE request_id = ?")) {
            s.setString(1, requestId.toString());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(verdictOf(r)) : Optional.empty();
            }
        }
    }

    private static Verdict verdictOf(ResultSet r) throws SQLException {
        String problem = r.getString(4);
        return new Verdict(r.getString(1), r.getString(2), Verification.valueOf(r.getString(3)),
                problem == null ? null : VerificationProblem.valueOf(problem));
    }

    @Override
    public Verdict insert(NewCase n) {
        SelfServiceRequest q = n.request();
        return tx("store a case", () -> {
            Optional<Verdict> existing = verdict(q.requestId());
            if (existing.isPresent()) {
                return existing.get();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT office, case_number, verification, problem FROM service_case "
                    + "WHERE office = ? AND case_number = ?")) {
                s.setString(1, q.office());
                s.setString(2, q.caseNumber());
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        return verdictOf(r);
                    }
                }
            }
            long id;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO service_case(office, case_number, request_id, kind, account_number, "
                    + "taken_ms, office_day, kiosk_check, address_confirmations, reason, effective_date, state, verification, problem, "
                    + "received_ms, due_ms, closed_ms, masked_name, masked_national_id, masked_phone, masked_address, personal_enc) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id")) {
                s.setString(1, q.office());
                s.setString(2, q.caseNumber());
                s.setString(3, q.requestId().toString());
                s.setString(4, q.kind().name());
                s.setString(5, q.accountNumber());
                s.setLong(6, q.takenAt().toEpochMilli());
                s.setString(7, q.officeDay().toString());
                s.setString(8, q.check().name());
                s.setInt(9, q.addressConfirmations());
                s.setString(10, q.reason() == null ? null : q.reason().name());
                s.setString(11, q.effectiveDate() == null ? null : q.effectiveDate().toString());
                s.setString(12, n.state().name());
                s.setString(13, n.verification().name());
                s.setString(14, n.problem() == null ? null : n.problem().name());
                s.setLong(15, n.receivedAt().toEpochMilli());
                s.setLong(16, n.dueAt().toEpochMilli());
                if (n.state().open()) {
                    s.setNull(17, Types.INTEGER);
                } else {
                    s.setLong(17, n.receivedAt().toEpochMilli());
                }
                s.setString(18, n.maskedName());
                s.setString(19, n.maskedNationalId());
                s.setString(20, n.maskedPhone());
                s.setString(21, n.maskedAddress());
                s.setBytes(22, n.personalEncrypted());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    id = r.getLong(1);
                }
            }
            for (CaseStep step : n.steps()) {
                insertStep(id, step);
            }
            return new Verdict(q.office(), q.caseNumber(), n.verification(), n.problem());
        });
    }

    private void insertStep(long caseId, CaseStep step) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO case_step(case_id, at_ms, actor, from_state, to_state, note) VALUES (?,?,?,?,?,?)")) {
            s.setLong(1, caseId);
            s.setLong(2, step.at().toEpochMilli());
            s.setString(3, step.actor());
            s.setString(4, step.from() == null ? null : step.from().name());
            s.setString(5, step.to() == null ? null : step.to().name());
            s.setString(6, step.note());
            s.executeUpdate();
        }
    }

    @Override
    public List<CaseSummary> list(String office, Set<CaseState> states, Instant now, int limit) {
        if (states.isEmpty()) {
            return List.of();
        }
        String in = states.stream().map(st -> "'" + st.name() + "'").collect(Collectors.joining(","));
        String sql = "SELECT " + COLUMNS + " FROM service_case WHERE state IN (" + in + ")"
                + (office == null ? "" : " AND office = ?") + " ORDER BY closed_ms IS NOT NULL, due_ms, id LIMIT ?";
        return tx("list cases", () -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                if (office != null) {
                    s.setString(i++, office);
                }
                s.setInt(i, limit);
                List<CaseSummary> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(summary(r, now));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Optional<Stored> get(String office, String caseNumber, Instant now) {
        return tx("read a case", () -> {
            long id;
            CaseSummary summary;
            byte[] personal;
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + ", id, personal_enc FROM service_case WHERE office = ? AND case_number = ?")) {
                s.setString(1, office);
                s.setString(2, caseNumber);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    summary = summary(r, now);
                    id = r.getLong(20);
                    personal = r.getBytes(21);
                }
            }
            List<CaseStep> steps = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT at_ms, actor, from_state, to_state, note FROM case_step WHERE case_id = ? ORDER BY id")) {
                s.setLong(1, id);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String from = r.getString(3);
                        String to = r.getString(4);
                        steps.add(new CaseStep(Instant.ofEpochMilli(r.getLong(1)), r.getString(2),
                                from == null ? null : CaseState.valueOf(from), to == null ? null : CaseState.valueOf(to), r.getString(5)));
                    }
                }
            }
            return Optional.of(new Stored(summary, personal, steps));
        });
    }

    private static CaseSummary summary(ResultSet r, Instant now) throws SQLException {
        CaseState state = CaseState.valueOf(r.getString(5));
        String problem = r.getString(7);
        Instant taken = Instant.ofEpochMilli(r.getLong(9));
        Instant due = Instant.ofEpochMilli(r.getLong(11));
        long closedMs = r.getLong(12);
        Instant closed = r.wasNull() ? null : Instant.ofEpochMilli(closedMs);
        String reason = r.getString(13);
        String effective = r.getString(14);
        r.getLong(19);
        boolean erased = !r.wasNull();
        Instant end = closed == null ? now : closed;
        return new CaseSummary(r.getString(1), r.getString(2), RequestKind.valueOf(r.getString(3)), r.getString(4), state,
                Verification.valueOf(r.getString(6)), problem == null ? null : VerificationProblem.valueOf(problem),
                KioskCheck.valueOf(r.getString(8)), taken, Instant.ofEpochMilli(r.getLong(10)), due, closed,
                reason == null ? null : SuspensionReason.valueOf(reason), effective == null ? null : LocalDate.parse(effective),
                r.getString(15), r.getString(16), r.getString(17), r.getString(18), erased,
                Math.max(0, Duration.between(taken, end).toMinutes()), state.open() && now.isAfter(due));
    }

    @Override
    public boolean transition(String office, String caseNumber, CaseState from, CaseState to, String actor, String note, Instant at) {
        return tx("change a case", () -> {
            long id = idOf(office, caseNumber);
            if (id < 0) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE service_case SET state = ?, closed_ms = ? WHERE id = ? AND state = ?")) {
                s.setString(1, to.name());
                if (to.open()) {
                    s.setNull(2, Types.INTEGER);
                } else {
                    s.setLong(2, at.toEpochMilli());
                }
                s.setLong(3, id);
                s.setString(4, from.name());
                if (s.executeUpdate() != 1) {
                    return false;
                }
            }
            insertStep(id, new CaseStep(at, actor, from, to, note));
            return true;
        });
    }

    @Override
    public boolean note(String office, String caseNumber, String actor, String note, Instant at) {
        return tx("add a note", () -> {
            long id = idOf(office, caseNumber);
            if (id < 0) {
                return false;
            }
            insertStep(id, new CaseStep(at, actor, null, null, note));
            return true;
        });
    }

    private long idOf(String office, String caseNumber) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM service_case WHERE office = ? AND case_number = ?")) {
            s.setString(1, office);
            s.setString(2, caseNumber);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : -1;
            }
        }
    }

    @Override
    public int erasePersonalData(Instant closedBefore, Instant now) {
        return tx("erase personal data", () -> {
            try (PreparedStatement notes = c.prepareStatement("UPDATE case_step SET note = NULL WHERE note IS NOT NULL AND case_id IN "
                    + "(SELECT id FROM service_case WHERE erased_ms IS NULL AND closed_ms < ?)");
                 PreparedStatement cases = c.prepareStatement("UPDATE service_case SET personal_enc = NULL, masked_name = NULL, "
                         + "masked_national_id = NULL, masked_phone = NULL, masked_address = NULL, erased_ms = ? "
                         + "WHERE erased_ms IS NULL AND closed_ms < ?")) {
                notes.setLong(1, closedBefore.toEpochMilli());
                notes.executeUpdate();
                cases.setLong(1, now.toEpochMilli());
                cases.setLong(2, closedBefore.toEpochMilli());
                return cases.executeUpdate();
            }
        });
    }

    @Override
    public synchronized void close() {
        try {
            c.close();
        } catch (SQLException e) {
            throw new CasesException("cannot close " + file + ": " + e.getMessage(), e);
        } finally {
            if (ownsDb) {
                db.close();
            }
        }
    }
}
