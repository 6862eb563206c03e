package tw.jiaohao.hardware.printing.transport;

import tw.jiaohao.hardware.printing.PrinterState;

/**
 * Decodes ESC/POS real-time status bytes ({@code DLE EOT n} answers). Every answer has bits 1 and 4
 * set and bits 0 and 7 clear; anything else is not a status byte.
 */
public final class StatusBytes {
    /** n=1 printer status: offline. */
    public static final int PRINTER_OFFLINE = 0x08;
    /** n=2 offline cause: cover open. */
    public static final int COVER_OPEN = 0x04;
    /** n=2 offline cause: printing stopped because the paper ran out. */
    public static final int STOPPED_PAPER_END = 0x20;
    /** n=2 offline cause: an error occurred. */
    public static final int ERROR_OCCURRED = 0x40;
    /** n=4 roll paper sensor: near end (both bits set). */
    public static final int PAPER_NEAR_END = 0x0C;
    /** n=4 roll paper sensor: paper end (both bits set). */
    public static final int PAPER_END = 0x60;
    /** The fixed bits of every answer. */
    public static final int FIXED = 0x12;

    private StatusBytes() {
    }

    /** @return true when {@code b} has the fixed bit pattern of a status answer */
    public static boolean valid(int b) {
        return (b & 0x93) == FIXED;
    }

    /**
     * Combines the answers to {@code DLE EOT 1}, {@code 2} and {@code 4} into a state.
     */
    public static PrinterState decode(int printer, int offlineCause, int paper) {
        if ((offlineCause & COVER_OPEN) != 0) {
            return PrinterState.COVER_OPEN;
        }
        if ((paper & PAPER_END) != 0 || (offlineCause & STOPPED_PAPER_END) != 0) {
            return PrinterState.PAPER_OUT;
        }
        if ((offlineCause & ERROR_OCCURRED) != 0) {
            return PrinterState.ERROR;
        }
        if ((printer & PRINTER_OFFLINE) != 0) {
            return PrinterState.ERROR;
        }
        if ((paper & PAPER_NEAR_END) != 0) {
            return PrinterState.PAPER_NEAR_END;
        }
        return PrinterState.READY;
    }
}
