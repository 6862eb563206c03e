package tw.jiaohao.hub.cases;

import java.time.Instant;

/**
 * One line of a case's history: a state change ({@code to} set) or a note ({@code to} null),
 * who made it (a user name, {@code hub} for the automatic verification, {@code kiosk:{office}}
 * for the request itself) and when. Notes are erased with the personal data at retention.
 */
public record CaseStep(Instant at, String actor, CaseState from, CaseState to, String note) {
}
