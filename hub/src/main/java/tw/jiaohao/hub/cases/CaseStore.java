package tw.jiaohao.hub.cases;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tw.jiaohao.protocol.selfservice.SelfServiceRequest;
import tw.jiaohao.protocol.selfservice.Verification;
import tw.jiaohao.protocol.selfservice.VerificationProblem;

/**
 * Port: the hub's durable store of cases and their history. The SQLite adapter is
 * {@link SqliteCaseStore}. Thread-safe: every method is one transaction; state changes are
 * compare-and-set, so two staff acting on one case at once cannot both win.
 */
public interface CaseStore extends AutoCloseable {

    /** What the hub decided when the request first arrived. */
    record Verdict(String office, String caseNumber, Verification verification, VerificationProblem problem) {
    }

    /** A new case: the request, the hub's verdict, masked fields, the encrypted personal data and the first steps. */
    record NewCase(SelfServiceRequest request, CaseState state, Verification verification, VerificationProblem problem,
                   Instant receivedAt, Instant dueAt, String maskedName, String maskedNationalId, String maskedPhone,
                   String maskedAddress, byte[] personalEncrypted, List<CaseStep> steps) {
    }

    /** A stored case with its encrypted personal data (null once erased) and history. */
    record Stored(CaseSummary summary, byte[] personalEncrypted, List<CaseStep> steps) {
    }

    /** The verdict of a request already stored, if any (a resend). */
    Optional<Verdict> verdictOf(UUID requestId);

    /**
     * Stores a new case with its steps. Returns the stored verdict: the new one, or — when the
     * request id or the office's case number is already held — the one stored first.
     */
    Verdict insert(NewCase c);

    /** Cases of {@code office} (all offices when null) in {@code states}, most urgent first (due time), at most {@code limit}. */
    List<CaseSummary> list(String office, Set<CaseState> states, Instant now, int limit);

    Optional<Stored> get(String office, String caseNumber, Instant now);

    /** Moves a case from {@code from} to {@code to} if it is still in {@code from}; false otherwise. */
    boolean transition(String office, String caseNumber, CaseState from, CaseState to, String actor, String note, Instant at);

    /** Adds a note; false when there is no such case. */
    boolean note(String office, String caseNumber, String actor, String note, Instant at);

    /** Erases the personal data, masked fields and notes of cases closed before {@code closedBefore}; returns how many. */
    int erasePersonalData(Instant closedBefore, Instant now);

    @Override
    void close();
}
