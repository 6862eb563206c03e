package tw.jiaohao.hardware.printing.transport;

import java.time.Duration;

/**
 * SPI: the wire to one ESC/POS printer (a USB bulk pipe pair, or the simulator). Used by
 * {@link EscPosTicketPrinter}; other modules never see it.
 *
 * <p>Blocking; not thread-safe (the printer serialises calls). Failures are
 * {@link TransportException}s with a {@link TransportException.Kind}.
 */
public interface PrinterTransport extends AutoCloseable {

    /**
     * Finds and opens the device if it is not open (re-discovering it after an unplug).
     *
     * @throws TransportException {@code NOT_FOUND} or {@code NOT_ACCESSIBLE}
     */
    void open();

    /**
     * Sends bytes, waiting at most {@code timeout} for the device to take them.
     *
     * @throws TransportException {@code TIMEOUT} (the printer stopped taking data, e.g. paper out),
     *                            {@code DISCONNECTED}, {@code NOT_FOUND}
     */
    void write(byte[] data, Duration timeout);

    /**
     * Sends a real-time status request ({@code DLE EOT n}) and returns the one status byte.
     *
     * @throws TransportException {@code TIMEOUT} when no answer came, {@code DISCONNECTED}, {@code NOT_FOUND}
     */
    int queryStatus(int n, Duration timeout);

    /** @return the device that is open, or what is looked for, e.g. "USB 0416:5011" */
    String describe();

    /** Closes the device; the next {@link #open()} discovers it again. Idempotent, never throws. */
    @Override
    void close();
}
