package tw.jiaohao.hardware;

/**
 * The one unchecked exception root of the hardware module.
 *
 * <p>Thrown for conditions a program cannot print around: bad configuration, a missing font,
 * an unknown printer profile, a GPIO pin that cannot be claimed. Its message always says what
 * to fix. Device conditions that happen in normal operation (paper out, cover open, printer
 * unplugged) are <em>not</em> exceptions: they come back as a
 * {@link tw.jiaohao.hardware.printing.PrintOutcome.Failed} or a
 * {@link tw.jiaohao.hardware.printing.PrinterStatus}.
 */
public class HardwareException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HardwareException(String message) {
        super(message);
    }

    public HardwareException(String message, Throwable cause) {
        super(message, cause);
    }
}
