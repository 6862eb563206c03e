package tw.jiaohao.protocol;

/**
 * Root of every unchecked exception thrown by the protocol module. Messages say what is
 * wrong and how to fix it; they never contain personal data.
 */
public class ProtocolException extends RuntimeException {
    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
