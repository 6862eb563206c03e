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
    /** A customer was called after waiting longer than the target: one alert per ticket (the alerts page groups them by office). */
    WAIT_OVER_TARGET,
    /**
     * The office node reports a fault in its device status (disk low or full, clock unset or stepped,
     * start-up recovery failed or held, database failing); one open alert per node and kind of fault.
     */
    OFFICE_NODE_FAULT,
    /**
     * An office's seq arrived again with a different event (a restored office database reusing
     * seqs, or a forged event); one open alert per office counts them. The first stays in the
     * figures, the other is kept in the hub's {@code seq_conflict} table.
     */
    SEQ_CONFLICT,
    /** Events arrived with seqs implausibly far beyond what the hub holds of the office (forged or broken sender). */
    IMPLAUSIBLE_SEQ,
    /** Account look-ups with wrong house numbers beyond the limit, per account or per device: someone may be guessing an address. */
    LOOKUP_GUESSING,
    /**
     * The forecast says the office will break its wait target within the next 30 minutes
     * (docs/STAFFING.md, early warning); one open alert per office, cleared by the hub when the
     * risk passes ({@link AlertStore#clear}).
     */
    WAIT_TARGET_AT_RISK,

    /**
     * An office's waiting estimates drift: over the recent window their range covers too few or
     * too many actual waits, or their bias is too large (see {@code estimates.drift.*}); one open
     * alert per office, cleared by the hub when the figures recover.
     */
    ESTIMATE_DRIFT
}
