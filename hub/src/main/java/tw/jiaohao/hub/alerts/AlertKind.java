package tw.jiaohao.hub.alerts;

/** What an alert is about. */
public enum AlertKind {
    /** A customer rated a service "dissatisfied" (one alert per ticket). */
    DISSATISFIED_RATING,
    /** A kiosk printer is out of paper. */
    PRINTER_PAPER_OUT,
    /** A kiosk printer's paper is nearly used up. */
    PRINTER_PAPER_NEAR_END,
    /** A printer reports another problem (cover open, offline). */
    PRINTER_PROBLEM,
    /** A device (office node, kiosk, board, counter unit) went offline. */
    DEVICE_OFFLINE,
    /** Customers were called after waiting longer than the target; one open alert per office counts them. */
    WAIT_OVER_TARGET,
    /**
     * The office node reports a fault in its device status (disk low or full, clock unset or stepped,
     * start-up recovery failed or held, database failing); one open alert per node and kind of fault.
     */
    OFFICE_NODE_FAULT
}
