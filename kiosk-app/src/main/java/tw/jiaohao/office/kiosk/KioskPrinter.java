package tw.jiaohao.office.kiosk;

/**
 * Port: the kiosk's ticket printer as the screen needs it.
 *
 * <p>Threading: both methods block until the device answered or timed out (seconds), and are
 * called only from the kiosk's printer worker thread. Device faults (paper out, cover open,
 * unplugged, timeout) never throw: they come back as a {@link PrintReport} that is not
 * {@code printed}, with a reading saying why.
 */
public interface KioskPrinter {

    /** Prints one ticket and cuts it. */
    PrintReport print(SlipRequest slip);

    /** Reads the printer's condition now. */
    PrinterReading status();
}
