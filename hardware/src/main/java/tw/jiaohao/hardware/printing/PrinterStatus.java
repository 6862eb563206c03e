package tw.jiaohao.hardware.printing;

import java.util.Objects;

/**
 * A snapshot of the printer's condition, read from the device (real-time status, {@code DLE EOT}).
 *
 * @param state   the condition
 * @param device  which device answered (or was looked for), e.g. "USB 0416:5011 POS58 Printer" or "simulated printer"
 * @param message an English sentence for people: what the state means and what to do; never blank
 */
public record PrinterStatus(PrinterState state, String device, String message) {
    public PrinterStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(message, "message");
        if (message.isBlank()) {
            throw new IllegalArgumentException("message must not be blank");
        }
    }

    /** @return true when a print may be attempted (ready or paper near end) */
    public boolean canPrint() {
        return state.canPrint();
    }

    /** @return true when the paper-low lamp should be lit (near end or out) */
    public boolean paperLow() {
        return state == PrinterState.PAPER_NEAR_END || state == PrinterState.PAPER_OUT;
    }
}
