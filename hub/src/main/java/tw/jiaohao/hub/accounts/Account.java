package tw.jiaohao.hub.accounts;

import java.util.Objects;
import tw.jiaohao.protocol.personal.AddressMask;
import tw.jiaohao.protocol.selfservice.AccountNumber;

/**
 * One account of the billing extract. {@code arrearsCents} is the amount owed in 1/100 NT$
 * (0 = no arrears). The address and the holder's name are personal data: {@link #toString()}
 * masks them, and they are never logged.
 */
public record Account(String accountNumber, String serviceAddress, String holderName, long arrearsCents, AccountStatus status) {
    public Account {
        AccountNumber.check("accountNumber", accountNumber);
        Objects.requireNonNull(serviceAddress, "serviceAddress");
        Objects.requireNonNull(holderName, "holderName");
        Objects.requireNonNull(status, "status");
        if (arrearsCents < 0) {
            throw new IllegalArgumentException("arrearsCents must be ≥ 0");
        }
    }

    public boolean hasArrears() {
        return arrearsCents > 0;
    }

    @Override
    public String toString() {
        return "Account[" + accountNumber + ", " + AddressMask.mask(serviceAddress) + ", " + status + (hasArrears() ? ", arrears" : "") + "]";
    }
}
