package tw.jiaohao.hardware.printing;

/**
 * Why a print failed. Each reason has a stable {@link #code()} that user interfaces can use as a
 * translation key, and an English {@link #advice()} a person at the kiosk can act on.
 */
public enum FailureReason {
    /** The roll is empty (before or during the ticket). */
    PAPER_OUT("printer.paper-out",
            "Load a new paper roll (printed side facing out), close the cover, then print again."),
    /** The cover is open. */
    COVER_OPEN("printer.cover-open", "Close the printer cover firmly until it clicks, then print again."),
    /** No printer reachable: not found, unplugged, switched off, or disconnected during the write. */
    OFFLINE("printer.offline",
            "Check that the printer is switched on and its USB cable is plugged in, then print again."),
    /** The printer stopped accepting data or answering within the configured time. */
    TIMEOUT("printer.timeout",
            "The printer stopped responding. Switch it off and on again, wait 5 seconds, then print again."),
    /** The printer reports an error of its own (cutter jam, head overheated, …). */
    PRINTER_ERROR("printer.error",
            "The printer reports an error (often a paper jam at the cutter). Open the cover, clear the paper, "
                    + "close it, then print again."),
    /** The USB device exists but cannot be used: permission denied, claimed by another program, no endpoint. */
    NOT_ACCESSIBLE("printer.not-accessible",
            "The printer is connected but cannot be opened. Install the udev rule from docs/hardware "
                    + "(or run as a user in the 'lp' group) and make sure no other program uses it.");

    private final String code;
    private final String advice;

    FailureReason(String code, String advice) {
        this.code = code;
        this.advice = advice;
    }

    /** @return a stable, language-neutral code such as {@code printer.paper-out} */
    public String code() {
        return code;
    }

    /** @return what a person should do, in English */
    public String advice() {
        return advice;
    }
}
