package tw.jiaohao.protocol.selfservice;

/** The hub's verdict on a request when it arrives. */
public enum Verification {
    /** Account active, no arrears, address matches, rules met: the case is VERIFIED. */
    VERIFIED,
    /** A rule is broken (see {@link VerificationProblem}): the case is REJECTED and the office calls the customer. */
    REJECTED,
    /** The hub cannot decide alone (e.g. the address has no house number): the case stays RECEIVED for staff. */
    NEEDS_STAFF_CHECK
}
