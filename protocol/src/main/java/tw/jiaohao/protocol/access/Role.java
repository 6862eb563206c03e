package tw.jiaohao.protocol.access;

/** What a broker login is for; decides its topic rights ({@link TopicRights}). */
public enum Role {
    /** An office node (queue engine, with the kiosk UI in the same process and login). */
    NODE,
    /** A stand-alone ticket kiosk (a second kiosk on its own device). */
    KIOSK,
    /** A wall board. */
    BOARD,
    /** A counter unit (call pad, rating pad, counter display). */
    COUNTER,
    /** An office broker's bridge, logged in at the head-office broker for its office. */
    BRIDGE,
    /** The hub's own clients (ingest, dashboard, self-service, recovery). */
    HUB
}
