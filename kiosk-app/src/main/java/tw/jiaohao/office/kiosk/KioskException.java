package tw.jiaohao.office.kiosk;

import tw.jiaohao.office.OfficeException;

/** The kiosk's unchecked exceptions, under the module's root {@link OfficeException}; the message says what to fix. */
public class KioskException extends OfficeException {
    public KioskException(String message) {
        super(message);
    }

    public KioskException(String message, Throwable cause) {
        super(message, cause);
    }
}
