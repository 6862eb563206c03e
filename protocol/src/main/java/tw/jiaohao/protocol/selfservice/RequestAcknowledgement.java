package tw.jiaohao.protocol.selfservice;

import java.time.Instant;
import java.util.UUID;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.OfficeScoped;

/**
 * Hub → office node on {@code office/{office}/request/ack} (QoS 1): the hub has stored the
 * {@link SelfServiceRequest} {@code requestId} as a case, and how it verified it. Sent after the
 * case is committed, and again for every resend of the same request (with the first verdict), so
 * the office node may stop resending once it has one. {@code problem} is set unless VERIFIED.
 */
public record RequestAcknowledgement(int v, String office, UUID requestId, String caseNumber,
                                     Verification verification, VerificationProblem problem, Instant at) implements OfficeScoped {
    public RequestAcknowledgement {
        Check.version(v);
        Check.identifier("office", office);
        Check.required("requestId", requestId);
        CaseNumber.check("caseNumber", caseNumber);
        Check.required("verification", verification);
        Check.required("at", at);
        if ((verification == Verification.VERIFIED) != (problem == null)) {
            throw new InvalidMessageException("problem", "required unless VERIFIED, absent when VERIFIED");
        }
        if (problem != null && problem.verdict() != verification) {
            throw new InvalidMessageException("problem", problem + " belongs to " + problem.verdict() + ", not " + verification);
        }
    }
}
