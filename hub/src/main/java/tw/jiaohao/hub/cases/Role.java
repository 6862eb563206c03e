package tw.jiaohao.hub.cases;

/** What a dashboard user may do with cases (see {@link CaseAccess}). */
public enum Role {
    /** Head office: sees and works every office's cases; personal data stays masked. */
    HEAD_OFFICE,
    /** An office manager: sees and works their office's cases, with personal data in the case view. */
    OFFICE_MANAGER,
    /** Office staff: read-only, their office's cases, with personal data in the case view (to call the customer). */
    STAFF
}
