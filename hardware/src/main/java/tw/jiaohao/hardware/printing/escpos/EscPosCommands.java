package tw.jiaohao.hardware.printing.escpos;

/**
 * The few ESC/POS byte sequences escpos-coffee has no method for: Chinese mode and the real-time
 * commands (which a printer answers even while offline).
 */
public final class EscPosCommands {
    /** {@code FS &}: select Kanji/Chinese character mode (Big5 on Traditional Chinese ROM printers). */
    public static final byte[] CHINESE_MODE_ON = {0x1C, 0x26};
    /** {@code FS .}: cancel Chinese character mode. */
    public static final byte[] CHINESE_MODE_OFF = {0x1C, 0x2E};
    /** {@code DLE ENQ 2}: recover from an error after clearing the receive and print buffers. */
    public static final byte[] CLEAR_BUFFERS_AND_RECOVER = {0x10, 0x05, 0x02};

    private EscPosCommands() {
    }

    /**
     * {@code DLE EOT n}: transmit real-time status.
     *
     * @param n 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor
     * @return the command bytes
     */
    public static byte[] realTimeStatus(int n) {
        if (n < 1 || n > 4) {
            throw new IllegalArgumentException("DLE EOT n: n must be 1..4, was " + n);
        }
        return new byte[] {0x10, 0x04, (byte) n};
    }
}
