package tw.jiaohao.office.kiosk;

/** Root of the kiosk's unchecked exceptions; the message says what to fix. */
public class KioskException extends RuntimeException {
    public KioskException(String message) {
        super(message);
    }

    public KioskException(String message, Throwable cause) {
        super(message, cause);
    }
}
