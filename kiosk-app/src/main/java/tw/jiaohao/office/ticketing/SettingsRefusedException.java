package tw.jiaohao.office.ticketing;

import tw.jiaohao.office.OfficeException;

/** Head office's settings cannot be applied as they are; the message says why (shown to head office, no personal data). */
public final class SettingsRefusedException extends OfficeException {
    public SettingsRefusedException(String message) {
        super(message);
    }
}
