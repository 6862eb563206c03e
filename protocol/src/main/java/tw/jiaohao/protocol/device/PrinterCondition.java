package tw.jiaohao.protocol.device;

/** A ticket printer's condition as reported by the device that owns it. */
public enum PrinterCondition {
    READY, PAPER_NEAR_END, PAPER_OUT, COVER_OPEN, OFFLINE;

    /** Conditions the office must act on (an alert at the hub). */
    public boolean needsAttention() {
        return this != READY;
    }
}
