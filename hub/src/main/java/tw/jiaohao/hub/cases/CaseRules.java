package tw.jiaohao.hub.cases;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import tw.jiaohao.hub.accounts.Account;
import tw.jiaohao.hub.accounts.AccountStatus;
import tw.jiaohao.protocol.selfservice.HouseNumber;
import tw.jiaohao.protocol.selfservice.PersonalData;
import tw.jiaohao.protocol.selfservice.RequestKind;
import tw.jiaohao.protocol.selfservice.SelfServiceRequest;
import tw.jiaohao.protocol.selfservice.VerificationProblem;

/**
 * The hub's verification of a request against its own data (pure; thread-safe): the account
 * exists and is active, has no arrears, the house number the customer typed matches the
 * service address, and a suspension's effective date has not passed. Also the target time of a
 * case: received + the kind's target, but never later than the start of a suspension's
 * effective date in the office zone.
 */
public final class CaseRules {
    private final Duration transferTarget;
    private final Duration suspensionTarget;
    private final ZoneId zone;

    public CaseRules(Duration transferTarget, Duration suspensionTarget, ZoneId zone) {
        this.transferTarget = transferTarget;
        this.suspensionTarget = suspensionTarget;
        this.zone = zone;
    }

    /** The problem with the request, or empty when it is verified. {@code personal} is null when it could not be opened. */
    public Optional<VerificationProblem> verify(SelfServiceRequest request, PersonalData personal, Optional<Account> account, Instant now) {
        if (account.isEmpty()) {
            return Optional.of(VerificationProblem.ACCOUNT_NOT_FOUND);
        }
        Account a = account.get();
        if (a.status() != AccountStatus.ACTIVE) {
            return Optional.of(VerificationProblem.ACCOUNT_INACTIVE);
        }
        if (a.hasArrears()) {
            return Optional.of(VerificationProblem.ARREARS);
        }
        if (personal == null) {
            return Optional.of(VerificationProblem.PERSONAL_DATA_UNREADABLE);
        }
        Optional<String> house = HouseNumber.of(a.serviceAddress());
        if (house.isEmpty()) {
            return Optional.of(VerificationProblem.ADDRESS_UNCHECKABLE);
        }
        if (!house.get().equals(personal.houseNumber())) {
            return Optional.of(VerificationProblem.ADDRESS_MISMATCH);
        }
        if (request.kind() == RequestKind.SUSPENSION && !request.effectiveDate().atStartOfDay(zone).toInstant().isAfter(now)) {
            return Optional.of(VerificationProblem.EFFECTIVE_DATE_PASSED);
        }
        return Optional.empty();
    }

    public Instant dueAt(SelfServiceRequest request, Instant receivedAt) {
        if (request.kind() == RequestKind.TRANSFER) {
            return receivedAt.plus(transferTarget);
        }
        Instant target = receivedAt.plus(suspensionTarget);
        Instant effective = request.effectiveDate().atStartOfDay(zone).toInstant();
        return effective.isBefore(target) && effective.isAfter(receivedAt) ? effective : target;
    }
}
