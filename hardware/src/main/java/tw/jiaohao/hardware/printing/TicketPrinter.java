package tw.jiaohao.hardware.printing;

/**
 * Port: the kiosk's ticket printer.
 *
 * <p><b>Threading and blocking.</b> Every method blocks the calling thread until the device has
 * answered or a timeout (configuration key {@code printer.timeout-ms}, default 5000 ms per
 * transfer) has passed, so call it off the UI thread. Implementations are thread-safe: calls
 * from several threads are serialised, one document at a time.
 *
 * <p><b>Failures.</b> Device conditions never throw and are never swallowed: paper out (also in
 * the middle of a ticket), cover open, printer unplugged or switched off, and timeouts come
 * back as {@link PrintOutcome.Failed} with a {@link FailureReason} and a message a person can
 * act on. After a failure the next call re-discovers the device (a replugged printer is found
 * again without a restart) and clears the printer's buffer so a half-received ticket does not
 * print its tail before the next one. Programming errors (null arguments) throw the usual
 * runtime exceptions; misconfiguration is reported when the printer is built, as a
 * {@link tw.jiaohao.hardware.HardwareException}.
 *
 * <p><b>Offline.</b> The printer needs no network. If no printer is connected, {@code print}
 * returns {@code Failed(OFFLINE)} quickly and {@link #status()} returns state
 * {@link PrinterState#OFFLINE}, saying which device was looked for.
 */
public interface TicketPrinter extends AutoCloseable {

    /**
     * Prints one queue ticket and cuts it.
     *
     * @param slip what to print
     * @return {@link PrintOutcome.Printed} when the printer took the whole ticket and reports no fault; otherwise
     *         {@link PrintOutcome.Failed}
     */
    PrintOutcome print(TicketSlip slip);

    /**
     * Prints a receipt for a self-service request and cuts it. Same contract as {@link #print(TicketSlip)}.
     *
     * @param receipt what to print
     * @return the outcome, never null
     */
    PrintOutcome print(Receipt receipt);

    /**
     * Reads the printer's real-time status (paper, cover, errors). Never throws for device conditions:
     * an unreachable printer is {@link PrinterState#OFFLINE}.
     *
     * @return the current status
     */
    PrinterStatus status();

    /** @return a one-line description of the configured device, for logs and diagnostics */
    String describe();

    /** Releases the device (USB interface). Idempotent; printing after close is an {@link IllegalStateException}. */
    @Override
    void close();
}
