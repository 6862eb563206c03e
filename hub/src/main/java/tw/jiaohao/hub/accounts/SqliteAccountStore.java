package tw.jiaohao.hub.accounts;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tw.jiaohao.hub.db.HubDatabase;

/**
 * {@link AccountStore} in the hub's database (either kind of {@link HubDatabase}), migrated by
 * Flyway at open (so the import command works on a hub database that is not running, or on a
 * new one). One write connection, one read connection; each guarded by its own lock. (The class
 * keeps its name from when SQLite was the only kind.)
 */
public final class SqliteAccountStore implements AccountStore {
    private final String file;
    private final HubDatabase db;
    private final boolean ownsDb;
    private final Connection writer;
    private final Connection reader;
    private final PreparedStatement upsert;
    private final PreparedStatement select;

    private SqliteAccountStore(HubDatabase db, boolean ownsDb, Connection writer, Connection reader) throws SQLException {
        this.file = db.where();
        this.db = db;
        this.ownsDb = ownsDb;
        this.writer = writer;
        this.reader = reader;
        // The WHERE makes an unchanged row a no-op (update count 0): re-imports store nothing.
        this.upsert = writer.prepareStatement("INSERT INTO account(account_number, service_address, holder_name, arrears_cents, status) "
                + "VALUES (?,?,?,?,?) ON CONFLICT(account_number) DO UPDATE SET service_address = excluded.service_address, "
                + "holder_name = excluded.holder_name, arrears_cents = excluded.arrears_cents, status = excluded.status "
                + "WHERE account.service_address IS DISTINCT FROM excluded.service_address "
                + "OR account.holder_name IS DISTINCT FROM excluded.holder_name "
                + "OR account.arrears_cents IS DISTINCT FROM excluded.arrears_cents OR account.status IS DISTINCT FROM excluded.status");
        this.select = reader.prepareStatement("SELECT a.service_address, a.holder_name, a.arrears_cents, a.status, "
                + "(SELECT max(finished_ms) FROM account_import WHERE finished_ms IS NOT NULL) FROM account a WHERE a.account_number = ?");
    }

    /** Opens (creating and migrating if needed) the hub database at {@code file}. */
    public static SqliteAccountStore open(Path file) {
        HubDatabase db;
        try {
            db = HubDatabase.open(file);
        } catch (RuntimeException e) {
            throw new AccountsException("cannot open the hub database " + file.toAbsolutePath() + " for accounts: " + e.getMessage()
                    + " (check db.path: a writable Jiaohao hub database, or none yet)", e);
        }
        return open(db, true);
    }

    /** The accounts in {@code db}, which the caller keeps open until after {@link #close()}. */
    public static SqliteAccountStore open(HubDatabase db) {
        return open(db, false);
    }

    private static SqliteAccountStore open(HubDatabase db, boolean owns) {
        try {
            Connection w = db.connection(HubDatabase.Durability.NORMAL, false);
            w.setAutoCommit(false);
            Connection r = db.connection(HubDatabase.Durability.NORMAL, false);
            return new SqliteAccountStore(db, owns, w, r);
        } catch (SQLException | RuntimeException e) {
            if (owns) {
                db.close();
            }
            throw new AccountsException("cannot open the hub database " + db.where() + " for accounts: " + e.getMessage()
                    + " (check db.path or db.url: a writable Jiaohao hub database, or none yet)", e);
        }
    }

    @Override
    public synchronized long beginImport(String source, Instant at) {
        try (PreparedStatement s = writer.prepareStatement("INSERT INTO account_import(source, started_ms) VALUES (?, ?) RETURNING id")) {
            s.setString(1, source);
            s.setLong(2, at.toEpochMilli());
            long id;
            try (ResultSet keys = s.executeQuery()) {
                keys.next();
                id = keys.getLong(1);
            }
            writer.commit();
            return id;
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw failure("record the import", e);
        }
    }

    @Override
    public synchronized Upserted upsert(List<Account> batch) {
        try {
            for (Account a : batch) {
                upsert.setString(1, a.accountNumber());
                upsert.setString(2, a.serviceAddress());
                upsert.setString(3, a.holderName());
                upsert.setLong(4, a.arrearsCents());
                upsert.setString(5, a.status().name());
                upsert.addBatch();
            }
            int stored = 0;
            for (int n : upsert.executeBatch()) {
                stored += n > 0 ? 1 : 0;
            }
            writer.commit();
            return new Upserted(stored, batch.size() - stored);
        } catch (SQLException e) {
            try {
                writer.rollback();
            } catch (SQLException r) {
                e.addSuppressed(r);
            }
            throw failure("store a batch of accounts", e);
        }
    }

    @Override
    public synchronized void finishImport(long importId, Instant at, ImportReport report) {
        try (PreparedStatement s = writer.prepareStatement("UPDATE account_import SET finished_ms = ?, rows_read = ?, "
                + "rows_stored = ?, rows_unchanged = ?, rows_bad = ? WHERE id = ?")) {
            s.setLong(1, at.toEpochMilli());
            s.setLong(2, report.rowsRead());
            s.setLong(3, report.stored());
            s.setLong(4, report.unchanged());
            s.setLong(5, report.badRows());
            s.setLong(6, importId);
            s.executeUpdate();
            writer.commit();
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw failure("record the end of the import", e);
        }
    }

    @Override
    public Optional<Held> find(String accountNumber) {
        synchronized (select) {
            try {
                select.setString(1, accountNumber);
                try (ResultSet r = select.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    long finished = r.getLong(5);
                    Instant extractOf = r.wasNull() ? null : Instant.ofEpochMilli(finished);
                    return Optional.of(new Held(new Account(accountNumber, r.getString(1), r.getString(2), r.getLong(3),
                            AccountStatus.valueOf(r.getString(4))), extractOf));
                }
            } catch (SQLException e) {
                throw failure("read an account", e);
            }
        }
    }

    @Override
    public long count() {
        synchronized (select) {
            try (ResultSet r = reader.createStatement().executeQuery("SELECT count(*) FROM account")) {
                r.next();
                return r.getLong(1);
            } catch (SQLException e) {
                throw failure("count accounts", e);
            }
        }
    }

    /** A failed statement leaves a PostgreSQL transaction unusable until it is rolled back. */
    private void rollbackQuietly(SQLException e) {
        try {
            writer.rollback();
        } catch (SQLException r) {
            e.addSuppressed(r);
        }
    }

    private AccountsException failure(String what, SQLException e) {
        return new AccountsException("cannot " + what + " in " + file + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        synchronized (select) {
            try {
                writer.close();
                reader.close();
            } catch (SQLException e) {
                throw failure("close the database", e);
            } finally {
                if (ownsDb) {
                    db.close();
                }
            }
        }
    }
}
