package tw.jiaohao.office;

/**
 * Root of every unchecked exception thrown by the office node. Messages say what is wrong
 * and how to fix it; they never contain personal data.
 */
public class OfficeException extends RuntimeException {
    public OfficeException(String message) {
        super(message);
    }

    public OfficeException(String message, Throwable cause) {
        super(message, cause);
    }
}
