package tw.jiaohao.hardware.printing;

import java.time.Duration;
import java.util.Objects;

/**
 * The result of one {@link TicketPrinter#print} call: {@link Printed} or {@link Failed}. Never null.
 */
public sealed interface PrintOutcome permits PrintOutcome.Printed, PrintOutcome.Failed {

    /** @return a short name of what was printed, e.g. "ticket A023" or "receipt C-0012" */
    String document();

    /** @return true for {@link Printed} */
    default boolean isPrinted() {
        return this instanceof Printed;
    }

    /**
     * The printer accepted the whole document and reported no fault afterwards.
     *
     * @param document what was printed
     * @param bytes    how many bytes were sent
     * @param took     wall time of the print call
     * @param after    the printer's status read after the write (may say paper near end)
     */
    record Printed(String document, int bytes, Duration took, PrinterStatus after) implements PrintOutcome {
        public Printed {
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(took, "took");
            Objects.requireNonNull(after, "after");
            if (bytes <= 0) {
                throw new IllegalArgumentException("bytes must be positive");
            }
        }
    }

    /**
     * The document was not (or not completely) printed.
     *
     * @param document   what was to be printed
     * @param reason     why, with a stable code
     * @param message    one English sentence or two for the person at the kiosk: what happened and what to do
     * @param partial    true when part of the document may already be on paper (a reprint is needed)
     */
    record Failed(String document, FailureReason reason, String message, boolean partial) implements PrintOutcome {
        public Failed {
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            if (message.isBlank()) {
                throw new IllegalArgumentException("message must say what to do");
            }
        }
    }
}
