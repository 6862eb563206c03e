package tw.jiaohao.hub.accounts;

/**
 * A problem with the billing extract or the accounts table that stops an operation (an
 * unreadable file, a missing header column, a database that cannot be written). Row-level
 * problems are not exceptions: they are {@link BadRow}s in the {@link ImportReport}. Messages
 * say what to fix and never contain account holders' data.
 */
public class AccountsException extends tw.jiaohao.hub.HubException {
    public AccountsException(String message) {
        super(message);
    }

    public AccountsException(String message, Throwable cause) {
        super(message, cause);
    }
}
