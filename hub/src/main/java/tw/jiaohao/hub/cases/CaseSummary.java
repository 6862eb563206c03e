package tw.jiaohao.hub.cases;

import java.time.Instant;
import java.time.LocalDate;
import tw.jiaohao.protocol.selfservice.KioskCheck;
import tw.jiaohao.protocol.selfservice.RequestKind;
import tw.jiaohao.protocol.selfservice.SuspensionReason;
import tw.jiaohao.protocol.selfservice.Verification;
import tw.jiaohao.protocol.selfservice.VerificationProblem;

/**
 * A case as lists show it: personal data masked only ({@code masked*}, null once erased).
 * {@code ageMinutes} is the time since the request was taken (for closed cases: until closing);
 * {@code overdue} says an open case is past {@code dueAt}, its target time.
 */
public record CaseSummary(String office, String caseNumber, RequestKind kind, String accountNumber, CaseState state,
                          Verification verification, VerificationProblem problem, KioskCheck kioskCheck,
                          Instant takenAt, Instant receivedAt, Instant dueAt, Instant closedAt,
                          SuspensionReason reason, LocalDate effectiveDate,
                          String maskedName, String maskedNationalId, String maskedPhone, String maskedAddress,
                          boolean erased, long ageMinutes, boolean overdue) {
}
