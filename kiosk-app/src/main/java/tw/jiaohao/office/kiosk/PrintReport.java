package tw.jiaohao.office.kiosk;

import java.util.Objects;

/**
 * The outcome of printing one ticket.
 *
 * @param printed true when the whole slip was printed
 * @param printer the printer's condition afterwards (for a failure: why it failed)
 */
public record PrintReport(boolean printed, PrinterReading printer) {
    public PrintReport {
        Objects.requireNonNull(printer, "printer");
    }
}
