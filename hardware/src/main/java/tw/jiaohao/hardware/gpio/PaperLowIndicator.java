package tw.jiaohao.hardware.gpio;

import java.util.Objects;
import tw.jiaohao.hardware.printing.PrinterStatus;

/**
 * Keeps the paper-low lamp in step with the printer: lit when the paper is near its end or out,
 * dark otherwise (also when the printer is offline: another indicator covers that). Call
 * {@link #update(PrinterStatus)} with each status you read; thread-safe.
 */
public final class PaperLowIndicator {
    private final Lamp lamp;

    public PaperLowIndicator(Lamp lamp) {
        this.lamp = Objects.requireNonNull(lamp, "lamp");
    }

    /** @param status the latest printer status */
    public void update(PrinterStatus status) {
        lamp.set(status.paperLow());
    }
}
