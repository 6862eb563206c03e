package tw.jiaohao.hub.cases;

/**
 * A problem that stops a case operation: a missing or unsafe key file, a database that cannot
 * be written. Messages say what to fix and never contain personal data.
 */
public class CasesException extends tw.jiaohao.hub.HubException {
    public CasesException(String message) {
        super(message);
    }

    public CasesException(String message, Throwable cause) {
        super(message, cause);
    }
}
