package tw.jiaohao.hub.db;

import java.sql.SQLException;
import java.util.Set;

/**
 * The kind of database behind the hub ({@link HubDatabase#dialect()}) and the few things in
 * which the two differ for the hub's stores. The stores' SQL is written once for both
 * ({@code INSERT … ON CONFLICT}, {@code RETURNING}, {@code IS DISTINCT FROM}, aliased
 * subqueries: all understood by SQLite ≥ 3.35 and PostgreSQL); what cannot be written once is
 * here: how errors are classified and which session settings a connection needs.
 */
public enum Dialect {
    /** One file, embedded (the default and the one-command demo). */
    SQLITE,
    /** A PostgreSQL server ({@code db.url=jdbc:postgresql://…}), pooled by HikariCP. */
    POSTGRESQL;

    private static final int SQLITE_BUSY = 5;
    /** SQLite result codes that blame the statement's values, not the database: TOOBIG, CONSTRAINT, MISMATCH, RANGE. */
    private static final Set<Integer> SQLITE_INPUT_CODES = Set.of(18, 19, 20, 25);
    /** PostgreSQL states worth running the same transaction again for: serialization failure, deadlock, lock not available. */
    private static final Set<String> PG_RETRY_STATES = Set.of("40001", "40P01", "55P03");

    /** The key of the PostgreSQL advisory lock that serialises the ingest's write transactions across hub instances. */
    static final long INGEST_WRITER_LOCK = 0x6A69616F68616FL; // "jiaohao"

    /**
     * The statement that makes the current transaction the only ingest writer until it ends, or
     * null where one writer per database is the database's own rule (SQLite: one write lock per
     * file). On PostgreSQL several hub instances write the same rollup cells and office rows; a
     * transaction-level advisory lock makes their read-modify-write of those rows one at a time.
     */
    public String ingestWriterLock() {
        return this == SQLITE ? null : "SELECT pg_advisory_xact_lock(" + INGEST_WRITER_LOCK + ")";
    }

    /** True when other processes (other hub instances) may write the hub's tables, so nothing read may be cached across transactions. */
    public boolean sharedByInstances() {
        return this == POSTGRESQL;
    }

    /** The Flyway location of this kind's migration history (one history per kind, the same versions). */
    public String migrations() {
        return this == SQLITE ? HubDatabase.MIGRATIONS : HubDatabase.POSTGRESQL_MIGRATIONS;
    }

    /**
     * True when the transaction lost a race with another connection and running it again may
     * succeed: SQLITE_BUSY (a read-then-write transaction after another's commit), or a
     * PostgreSQL serialization failure or deadlock.
     */
    public boolean busy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException se) {
                if (this == SQLITE ? (se.getErrorCode() & 0xff) == SQLITE_BUSY : PG_RETRY_STATES.contains(se.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True when the first SQL error in {@code e}'s causes blames the statement's values (a
     * constraint, a value out of range or of the wrong type): writing the same input again would
     * fail again. False when there is no SQL error in the chain.
     */
    public boolean inputAtFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException se) {
                if (this == SQLITE) {
                    return SQLITE_INPUT_CODES.contains(se.getErrorCode() & 0xff);
                }
                String state = se.getSQLState();
                // class 22 data exception, class 23 integrity constraint violation
                return state != null && (state.startsWith("22") || state.startsWith("23"));
            }
        }
        return false;
    }

    /** True when the error says the connection itself is gone (server restarted, network cut): open a new one. */
    public boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException se && se.getSQLState() != null
                    && (se.getSQLState().startsWith("08") || se.getSQLState().equals("57P01") || se.getSQLState().equals("57P02")
                    || se.getSQLState().equals("57P03"))) {
                return true;
            }
        }
        return false;
    }
}
