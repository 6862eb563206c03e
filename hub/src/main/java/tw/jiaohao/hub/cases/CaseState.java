package tw.jiaohao.hub.cases;

import java.util.EnumSet;
import java.util.Set;

/**
 * A case's state (the company's 受理 → 派工 → 追蹤 → 結案): RECEIVED → VERIFIED → DISPATCHED →
 * DONE, or REJECTED from any open state. The hub verifies on arrival; staff may verify a case
 * the hub could not decide (NEEDS_STAFF_CHECK), dispatch it, close it, or reject it.
 */
public enum CaseState {
    RECEIVED, VERIFIED, DISPATCHED, DONE, REJECTED;

    public boolean open() {
        return this != DONE && this != REJECTED;
    }

    /** The states staff may move a case to from this one. */
    public Set<CaseState> next() {
        return switch (this) {
            case RECEIVED -> EnumSet.of(VERIFIED, REJECTED);
            case VERIFIED -> EnumSet.of(DISPATCHED, REJECTED);
            case DISPATCHED -> EnumSet.of(DONE, REJECTED);
            case DONE, REJECTED -> EnumSet.noneOf(CaseState.class);
        };
    }
}
