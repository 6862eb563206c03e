package tw.jiaohao.hub;

/**
 * Root of every unchecked exception the hub throws. Messages say what is wrong and how to fix
 * it (the configuration key, the file, the port); they never contain personal data.
 */
public class HubException extends RuntimeException {
    public HubException(String message) {
        super(message);
    }

    public HubException(String message, Throwable cause) {
        super(message, cause);
    }
}
