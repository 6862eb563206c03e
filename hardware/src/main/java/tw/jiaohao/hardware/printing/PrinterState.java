package tw.jiaohao.hardware.printing;

/** The printer's condition, most severe last but one. */
public enum PrinterState {
    /** Ready, paper fine. */
    READY("printer.ready", true),
    /** Ready, but the paper-near-end sensor is on: change the roll soon. */
    PAPER_NEAR_END("printer.paper-near-end", true),
    /** Out of paper. */
    PAPER_OUT("printer.paper-out", false),
    /** Cover open. */
    COVER_OPEN("printer.cover-open", false),
    /** The printer reports an error (cutter, head temperature, unrecoverable). */
    ERROR("printer.error", false),
    /** Not reachable: not found, unplugged, switched off, or not answering. */
    OFFLINE("printer.offline", false);

    private final String code;
    private final boolean canPrint;

    PrinterState(String code, boolean canPrint) {
        this.code = code;
        this.canPrint = canPrint;
    }

    /** @return stable code for translations, e.g. {@code printer.paper-near-end} */
    public String code() {
        return code;
    }

    /** @return whether a print can be attempted in this state */
    public boolean canPrint() {
        return canPrint;
    }
}
