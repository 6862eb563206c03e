package tw.jiaohao.protocol.selfservice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.OfficeScoped;

/**
 * A self-service request taken at a kiosk, office node → hub on {@code office/{office}/request}
 * (QoS 1, not retained).
 *
 * <p>Durability: the office node commits the request (personal data already sealed) to its
 * request outbox in the same transaction that assigns the case number, before the receipt is
 * printed. It publishes unacknowledged requests with QoS 1, again after every reconnect and
 * every {@code selfservice.resend-minutes} until the hub answers with a
 * {@link RequestAcknowledgement} on {@code office/{office}/request/ack}. The hub stores a request
 * once per {@code requestId} (a resend changes nothing and is acknowledged again), so a request
 * taken while the hub or the broker is unreachable reaches the hub later, exactly once.
 *
 * <p>Personal data: only in {@code personal}, sealed for the hub; no other field holds any.
 * {@code maskedAddress} is what the customer was shown (null when the hub was unreachable).
 *
 * <p>Rules the record enforces (the hub re-checks the rest against its own data):
 * a suspension has a reason that is not {@link SuspensionReason#refused() refused}, an effective
 * date after the office day it was taken, and two address confirmations; a transfer has
 * neither reason nor effective date and at least one address confirmation.
 */
public record SelfServiceRequest(int v, UUID requestId, String office, String caseNumber, RequestKind kind,
                                 Instant takenAt, LocalDate officeDay, String accountNumber, KioskCheck check,
                                 String maskedAddress, int addressConfirmations, SuspensionReason reason,
                                 LocalDate effectiveDate, SealedPersonalData personal) implements OfficeScoped {
    public SelfServiceRequest {
        Check.version(v);
        Check.required("requestId", requestId);
        Check.identifier("office", office);
        CaseNumber.check("caseNumber", caseNumber);
        Check.required("kind", kind);
        if (caseNumber.charAt(0) != kind.letter()) {
            throw new InvalidMessageException("caseNumber", "must start with " + kind.letter() + " for " + kind);
        }
        Check.required("takenAt", takenAt);
        Check.required("officeDay", officeDay);
        AccountNumber.check("accountNumber", accountNumber);
        Check.required("check", check);
        Check.optionalText("maskedAddress", maskedAddress, 200);
        Check.required("personal", personal);
        if (kind == RequestKind.SUSPENSION) {
            Check.required("reason", reason);
            if (reason.refused()) {
                throw new InvalidMessageException("reason", reason + " is never accepted for a suspension");
            }
            Check.required("effectiveDate", effectiveDate);
            if (!effectiveDate.isAfter(officeDay)) {
                throw new InvalidMessageException("effectiveDate", "must be after the office day the request was taken (" + officeDay + ")");
            }
            if (addressConfirmations < 2) {
                throw new InvalidMessageException("addressConfirmations", "a suspension needs the address confirmed twice");
            }
        } else {
            if (reason != null || effectiveDate != null) {
                throw new InvalidMessageException("kind", "only a SUSPENSION has a reason and an effective date");
            }
            if (addressConfirmations < 1) {
                throw new InvalidMessageException("addressConfirmations", "the address must be confirmed");
            }
        }
    }
}
