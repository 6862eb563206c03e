package tw.jiaohao.office.kiosk;

import java.util.Objects;
import tw.jiaohao.protocol.device.PrinterCondition;

/**
 * The printer's condition as the kiosk reports it to the hub and explains it on screen.
 *
 * @param condition the condition in protocol terms (what the hub alerts on)
 * @param code      a stable code for the screen's text, e.g. {@code printer.paper-out}; the bundles hold
 *                  {@code printer.*} texts, an unknown code shows the generic {@code printer.failed}
 * @param message   a sentence for the log and the hub's detail field (English)
 */
public record PrinterReading(PrinterCondition condition, String code, String message) {
    public PrinterReading {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(code, "code");
        message = message == null ? "" : message;
    }
}
