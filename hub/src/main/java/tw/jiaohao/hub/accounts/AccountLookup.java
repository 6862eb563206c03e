package tw.jiaohao.hub.accounts;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import tw.jiaohao.protocol.personal.AddressMask;
import tw.jiaohao.protocol.selfservice.AccountLookupReply;
import tw.jiaohao.protocol.selfservice.AccountLookupRequest;
import tw.jiaohao.protocol.selfservice.HouseNumber;
import tw.jiaohao.protocol.selfservice.LookupOutcome;

/**
 * Answers a kiosk's account look-up from the {@link AccountStore}: whether the account has
 * arrears, its service address masked, and — when the request carries a house number — whether
 * it matches. Never returns the full address, the holder's name or the amount owed (see
 * docs/PROTOCOL.md, "Showing the address back"). Thread-safe.
 */
public final class AccountLookup {
    static final String NOT_FOUND = "查無此水號，請核對帳單上的水號 / No such account; please check the number on your bill";
    static final String INACTIVE = "此帳戶已停用或註銷，請至櫃台辦理 / This account is suspended or closed; please go to a counter";

    private final AccountStore store;
    private final AtomicLong unknown = new AtomicLong();

    public AccountLookup(AccountStore store) {
        this.store = store;
    }

    public AccountLookupReply answer(AccountLookupRequest request) {
        Optional<AccountStore.Held> held = store.find(request.accountNumber());
        if (held.isEmpty()) {
            unknown.incrementAndGet();
            return AccountLookupReply.notFound(request.accountNumber(), LookupOutcome.NOT_FOUND, NOT_FOUND);
        }
        Account account = held.get().account();
        if (account.status() != AccountStatus.ACTIVE) {
            return AccountLookupReply.notFound(request.accountNumber(), LookupOutcome.INACTIVE, INACTIVE);
        }
        Boolean match = request.houseNumber() == null ? null
                : HouseNumber.of(account.serviceAddress()).map(request.houseNumber()::equals).orElse(null);
        return AccountLookupReply.found(request.accountNumber(), account.hasArrears(), AddressMask.mask(account.serviceAddress()),
                match, held.get().extractOf());
    }

    /** Look-ups for account numbers not in the extract. */
    public long unknownAccounts() {
        return unknown.get();
    }
}
