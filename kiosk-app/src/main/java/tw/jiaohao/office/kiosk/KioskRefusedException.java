package tw.jiaohao.office.kiosk;

/**
 * The engine refused to issue a ticket for a reason the customer is told (unknown category,
 * the day's numbers used up). The message is the engine's "zh / en" text; nothing was issued.
 */
public class KioskRefusedException extends KioskException {
    public KioskRefusedException(String message) {
        super(message);
    }
}
