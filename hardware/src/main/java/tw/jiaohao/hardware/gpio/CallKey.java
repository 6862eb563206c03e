package tw.jiaohao.hardware.gpio;

/** The keys of a counter's call pad. */
public enum CallKey {
    /** Call the next customer (叫號). */
    NEXT,
    /** Call the current number again (重呼). */
    RECALL,
    /** The called customer did not come (過號). */
    NO_SHOW,
    /** Send the customer to another service (轉櫃). */
    TRANSFER;

    /** @return the configuration-key form, e.g. "no-show" */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
