package tw.jiaohao.office.ticketing;

/**
 * The work of a transaction ran, but its COMMIT failed (a full disk, an I/O error). SQLite keeps
 * a transaction atomic, yet whether a failed commit reached the file cannot be known from the
 * error alone (a write-ahead log frame may have been written before the sync failed), so the
 * caller must look again on the rebuilt connection: {@link OfficeDatabase#transaction(Work,
 * OfficeDatabase.Committed)} does that for it. Carries the work's result.
 */
public final class CommitFailedException extends StoreException {
    private final transient Object result;

    CommitFailedException(String message, Throwable cause, Object result) {
        super(message, cause);
        this.result = result;
    }

    Object result() {
        return result;
    }
}
