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

    static final String TOO_MANY = "門牌號碼錯誤次數過多，請至櫃台辦理 / Too many wrong house numbers; please go to a counter";

    /** Told when a look-up reaches a guessing limit (once per crossing); must not block long. */
    public interface GuessAlarm {
        void excess(String office, String device, String detail);
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AccountLookup.class);

    private final AccountStore store;
    private final GuessLimit limit;
    private final GuessAlarm alarm;
    private final tw.jiaohao.hub.ingest.RefusalLog refusals = new tw.jiaohao.hub.ingest.RefusalLog(log);
    private final AtomicLong unknown = new AtomicLong();
    private final AtomicLong limited = new AtomicLong();

    /** Without guess limits (tests of the answers themselves). */
    public AccountLookup(AccountStore store) {
        this(store, GuessLimit.none(), (office, device, detail) -> { });
    }

    public AccountLookup(AccountStore store, GuessLimit limit, GuessAlarm alarm) {
        this.store = store;
        this.limit = limit;
        this.alarm = alarm;
    }

    /**
     * The answer to a look-up. One carrying a house number is refused ({@link LookupOutcome#INVALID},
     * "go to a counter", no word about the address) while its account or its device has reached
     * its limit of wrong house numbers ({@link GuessLimit}); each wrong house number counts, and
     * one that went beyond a limit while being answered (tries at the same time on other threads
     * or hub instances reached it first) is refused the same way.
     */
    public AccountLookupReply answer(AccountLookupRequest request) {
        if (request.houseNumber() != null) {
            String over = limit.refusal(request.accountNumber(), request.office(), request.device());
            if (over != null) {
                limited.incrementAndGet();
                refusals.refused("refused look-up", request.office(), "device " + request.device() + ": the " + over
                        + "'s limit of wrong house numbers is reached (" + limit.perAccount() + " per account, " + limit.perDevice()
                        + " per device in " + limit.window().toMinutes() + " min)");
                return AccountLookupReply.notFound(request.accountNumber(), LookupOutcome.INVALID, TOO_MANY);
            }
        }
        AccountLookupReply reply = lookUp(request);
        if (Boolean.FALSE.equals(reply.addressMatch())) {
            String over = wrong(request.accountNumber(), request.office(), request.device());
            if (over != null) {
                // raced past the check above with other tries (other threads or hub instances)
                // that reached the limit first: this one is beyond it, so no word about the address
                limited.incrementAndGet();
                refusals.refused("refused look-up", request.office(), "device " + request.device() + ": the " + over
                        + "'s limit of wrong house numbers was passed by tries at the same time");
                return AccountLookupReply.notFound(request.accountNumber(), LookupOutcome.INVALID, TOO_MANY);
            }
        }
        return reply;
    }

    /**
     * A self-service request whose house number did not match its account: a wrong guess like a
     * look-up's, counted against the account (and the office's requests as one sender), so
     * alternating look-ups and requests does not get round the limit.
     */
    public void wrongByRequest(String accountNumber, String office) {
        wrong(accountNumber, office, "(requests)");
    }

    /** Counts a wrong try, alerts at a limit's crossing; returns the limit the try went beyond, or null. */
    private String wrong(String accountNumber, String office, String device) {
        GuessLimit.Wrong counted = limit.wrong(accountNumber, office, device);
        String reached = counted.reached();
        if (reached != null) {
            String detail = "wrong house numbers reached the " + reached + " limit ("
                    + (reached.equals("account") ? limit.perAccount() + " per account" : limit.perDevice() + " per device")
                    + " in " + limit.window().toMinutes() + " min); further house-number look-ups are refused";
            refusals.refused("look-up guessing", office, "device " + device + ": " + detail);
            alarm.excess(office, device, detail);
        }
        return counted.over();
    }

    private AccountLookupReply lookUp(AccountLookupRequest request) {
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

    /** House-number look-ups refused because a guessing limit was reached. */
    public long limitedLookups() {
        return limited.get();
    }

    /** Look-ups for account numbers not in the extract. */
    public long unknownAccounts() {
        return unknown.get();
    }
}
