package tw.jiaohao.hub.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the hub's table of billing accounts. The SQLite adapter is {@link SqliteAccountStore}.
 *
 * <p>Threading: one importer writes at a time ({@link #upsert} from one thread); {@link #find}
 * is thread-safe and may run during an import (it sees committed batches only).
 */
public interface AccountStore extends AutoCloseable {

    /** Counts of one {@link #upsert} batch. */
    record Upserted(int stored, int unchanged) {
    }

    /** An account as held, with the time the newest finished import ended (null before any). */
    record Held(Account account, Instant extractOf) {
    }

    /** Records the start of an import from {@code source} (a file name, never a path with personal data); returns its id. */
    long beginImport(String source, Instant at);

    /**
     * Inserts new accounts and updates changed ones in one transaction; rows identical to the
     * held ones are left alone (so a re-import stores nothing). Durable when it returns.
     */
    Upserted upsert(List<Account> batch);

    /** Records the end of an import with its counts. */
    void finishImport(long importId, Instant at, ImportReport report);

    Optional<Held> find(String accountNumber);

    /** Number of accounts held. */
    long count();

    @Override
    void close();
}
