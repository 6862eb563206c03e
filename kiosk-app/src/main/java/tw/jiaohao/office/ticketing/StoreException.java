package tw.jiaohao.office.ticketing;

import tw.jiaohao.office.OfficeException;

/** The office's SQLite store failed; the change was rolled back and nothing was stored. */
public class StoreException extends OfficeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
