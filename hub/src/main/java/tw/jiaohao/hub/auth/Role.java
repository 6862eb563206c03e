package tw.jiaohao.hub.auth;

/** What a dashboard user may do. */
public enum Role {
    /** Head office: every office, notices, alerts, users. */
    HEAD_OFFICE,
    /** An office manager: their own office's figures and alerts (may mark them handled). */
    OFFICE_MANAGER,
    /** Office staff: their own office's figures, read only. */
    STAFF
}
