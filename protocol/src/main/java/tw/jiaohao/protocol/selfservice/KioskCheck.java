package tw.jiaohao.protocol.selfservice;

/** What the kiosk could check before it took a request. */
public enum KioskCheck {
    /** The hub answered the look-up: no arrears, and the customer's house number matched. */
    CHECKED_ONLINE,
    /** The hub did not answer in time: the request was taken "not yet verified" (尚未查核); the hub verifies it on arrival. */
    NOT_YET_VERIFIED
}
