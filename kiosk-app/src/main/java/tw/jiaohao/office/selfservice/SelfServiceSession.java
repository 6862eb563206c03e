package tw.jiaohao.office.selfservice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hardware.printing.Receipt;
import tw.jiaohao.office.ticketing.IssuedTicket;
import tw.jiaohao.protocol.personal.NationalId;
import tw.jiaohao.protocol.personal.PhoneNumber;
import tw.jiaohao.protocol.selfservice.AccountLookupReply;
import tw.jiaohao.protocol.selfservice.AccountNumber;
import tw.jiaohao.protocol.selfservice.HouseNumber;
import tw.jiaohao.protocol.selfservice.KioskCheck;
import tw.jiaohao.protocol.selfservice.LookupOutcome;
import tw.jiaohao.protocol.selfservice.PersonalData;
import tw.jiaohao.protocol.selfservice.PersonalDataSeal;
import tw.jiaohao.protocol.selfservice.RequestKind;
import tw.jiaohao.protocol.selfservice.SealedPersonalData;
import tw.jiaohao.protocol.selfservice.SelfServiceRequest;
import tw.jiaohao.protocol.selfservice.SuspensionReason;

/**
 * One customer's self-service request at the kiosk, step by step. The company's rules are
 * enforced here, whatever the UI does:
 * <ol>
 *   <li>{@link #lookUp}: the account is looked up at the hub. Arrears → refused with a polite
 *       message and the offer of a ticket ({@link #takeTicketInstead}); hub unreachable → the
 *       request continues "not yet verified".</li>
 *   <li>{@link #confirmAddress}: the customer confirms the (masked) service address by typing its
 *       house number, checked by the hub when reachable; three mismatches end the session.</li>
 *   <li>{@link #transfer} (new holder's name, national ID with a valid check digit, phone) or
 *       {@link #suspension} (a reason from {@link SuspensionReason} — a dispute or pressure on a
 *       tenant is refused with advice to use legal channels —, an effective date no earlier than
 *       tomorrow in the office zone, a contact name and phone).</li>
 *   <li>Suspension only: {@link #confirmAddressAgain}, the second explicit confirmation.</li>
 *   <li>{@link #submit}: sealed for the hub, stored durably with its case number; the receipt.</li>
 * </ol>
 * A step called out of order throws {@link IllegalStateException} (a UI bug, not a customer
 * error). Customer errors come back as a {@link Check} saying what to fix. Not thread-safe;
 * blocking (see {@link SelfServiceDesk}).
 */
public final class SelfServiceSession {
    private static final Logger log = LoggerFactory.getLogger(SelfServiceSession.class);
    /** House-number attempts before the session sends the customer to a counter. */
    public static final int MAX_ADDRESS_ATTEMPTS = 3;

    /** Where the session is. */
    public enum State { ACCOUNT, ADDRESS, DETAILS, SECOND_CONFIRMATION, READY, TAKEN, REFUSED }

    /** Why a session ended without a request. */
    public enum Refusal { ARREARS, INACTIVE, ADDRESS_MISMATCH, ADDRESS_NOT_CONFIRMED, DISPUTE }

    /** The answer to a step: ok, or which field is wrong and what to do (zh / en). */
    public record Check(boolean ok, String field, String message) {
        static final Check OK = new Check(true, null, null);

        static Check problem(String field, String message) {
            return new Check(false, field, message);
        }
    }

    /** The answer to {@link #lookUp}. */
    public sealed interface LookupResult permits LookupResult.ConfirmAddress, LookupResult.Refused, LookupResult.TryAgain {
        /** Go on: show {@code maskedAddress} (null when the hub was unreachable) and ask for the house number. */
        record ConfirmAddress(String maskedAddress, boolean notYetVerified, String message) implements LookupResult {
        }

        /** The session ends; {@code ticketOffered} when the customer may take a ticket instead (arrears). */
        record Refused(Refusal refusal, String message, boolean ticketOffered) implements LookupResult {
        }

        /** The account number was wrong or unknown: say {@code message} and ask again. */
        record TryAgain(String message) implements LookupResult {
        }
    }

    private final SelfServiceDesk desk;
    private final RequestKind kind;
    private State state = State.ACCOUNT;
    private Refusal refusal;
    private String account;
    private String maskedAddress;
    private boolean online;
    private String houseNumber;
    private int addressAttempts;
    private int confirmations;
    private String name;
    private String nationalId;
    private String phone;
    private SuspensionReason reason;
    private LocalDate effectiveDate;

    SelfServiceSession(SelfServiceDesk desk, RequestKind kind) {
        this.desk = desk;
        this.kind = kind;
    }

    public RequestKind kind() {
        return kind;
    }

    public State state() {
        return state;
    }

    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** The masked service address to show, when the hub answered. */
    public Optional<String> maskedAddress() {
        return Optional.ofNullable(maskedAddress);
    }

    /** True when the hub could not be asked: the request will be taken "not yet verified". */
    public boolean notYetVerified() {
        return !online;
    }

    /** The reasons a customer may choose; {@link SuspensionReason#refused()} marks those that end the request. */
    public static List<SuspensionReason> reasons() {
        return List.of(SuspensionReason.values());
    }

    /** The earliest effective date a suspension may have: tomorrow in the office zone. */
    public LocalDate earliestEffectiveDate() {
        return today().plusDays(1);
    }

    /** The latest effective date a suspension may have ({@code selfservice.max-days-ahead} from today). */
    public LocalDate latestEffectiveDate() {
        return today().plusDays(desk.settings.maxDaysAhead());
    }

    /**
     * Forgets everything the customer typed (idle timeout, cancel): the session ends and cannot
     * be used afterwards. A taken request is not affected.
     */
    public void forget() {
        forgetPersonalData();
        account = null;
        maskedAddress = null;
        reason = null;
        effectiveDate = null;
        if (state != State.TAKEN) {
            state = State.REFUSED;
        }
    }

    private LocalDate today() {
        return desk.clock.instant().atZone(desk.zone).toLocalDate();
    }

    public LookupResult lookUp(String accountInput) {
        require(State.ACCOUNT);
        Optional<String> problem = AccountNumber.problem(accountInput);
        if (problem.isPresent()) {
            return new LookupResult.TryAgain(problem.get());
        }
        account = AccountNumber.normalize(accountInput);
        AccountLookupPort.Answer answer = desk.lookup.lookup(account, null, desk.settings.lookupTimeout());
        if (answer instanceof AccountLookupPort.Answer.Unreachable unreachable) {
            log.info("{} request: hub unreachable ({}); taking it not yet verified", kind, unreachable.why());
            online = false;
            state = State.ADDRESS;
            return new LookupResult.ConfirmAddress(null, true, SelfServiceTexts.HUB_UNREACHABLE);
        }
        AccountLookupReply reply = ((AccountLookupPort.Answer.Replied) answer).reply();
        online = true;
        return switch (reply.outcome()) {
            case NOT_FOUND, INVALID -> {
                account = null;
                yield new LookupResult.TryAgain(reply.message() != null ? reply.message() : "請核對水號 / Please check the account number");
            }
            case INACTIVE -> refuse(Refusal.INACTIVE, reply.message(), false);
            case FOUND -> {
                if (reply.arrears()) {
                    yield refuse(Refusal.ARREARS, SelfServiceTexts.ARREARS, true);
                }
                maskedAddress = reply.maskedAddress();
                state = State.ADDRESS;
                yield new LookupResult.ConfirmAddress(maskedAddress, false, null);
            }
        };
    }

    private LookupResult.Refused refuse(Refusal why, String message, boolean ticketOffered) {
        state = State.REFUSED;
        refusal = why;
        log.info("{} request refused at the kiosk: {}", kind, why);
        return new LookupResult.Refused(why, message, ticketOffered);
    }

    /** The customer confirms the address by typing its house number (門牌號碼). */
    public Check confirmAddress(String houseNumberInput) {
        require(State.ADDRESS);
        Optional<String> house = HouseNumber.normalize(houseNumberInput);
        if (house.isEmpty()) {
            return Check.problem("houseNumber", HouseNumber.hint());
        }
        if (online) {
            AccountLookupPort.Answer answer = desk.lookup.lookup(account, house.get(), desk.settings.lookupTimeout());
            if (answer instanceof AccountLookupPort.Answer.Replied replied && replied.reply().outcome() == LookupOutcome.FOUND) {
                AccountLookupReply reply = replied.reply();
                if (reply.arrears()) {
                    refuse(Refusal.ARREARS, SelfServiceTexts.ARREARS, true);
                    return Check.problem("account", SelfServiceTexts.ARREARS);
                }
                if (Boolean.FALSE.equals(reply.addressMatch())) {
                    addressAttempts++;
                    if (addressAttempts >= MAX_ADDRESS_ATTEMPTS) {
                        refuse(Refusal.ADDRESS_MISMATCH, SelfServiceTexts.ADDRESS_TOO_MANY, false);
                        return Check.problem("houseNumber", SelfServiceTexts.ADDRESS_TOO_MANY);
                    }
                    return Check.problem("houseNumber", SelfServiceTexts.ADDRESS_MISMATCH);
                }
            } else if (answer instanceof AccountLookupPort.Answer.Unreachable) {
                online = false;
            }
        }
        houseNumber = house.get();
        confirmations = 1;
        state = State.DETAILS;
        return Check.OK;
    }

    /** Transfer: the new holder's name, national ID (check digit validated) and phone. */
    public Check transfer(String newHolderName, String nationalIdInput, String phoneInput) {
        require(RequestKind.TRANSFER, State.DETAILS);
        Check n = checkName(newHolderName);
        if (!n.ok()) {
            return n;
        }
        Optional<NationalId.Problem> idProblem = NationalId.problem(nationalIdInput);
        if (idProblem.isPresent()) {
            return Check.problem("nationalId", idProblem.get().message());
        }
        Optional<String> phoneProblem = PhoneNumber.problem(phoneInput);
        if (phoneProblem.isPresent()) {
            return Check.problem("phone", phoneProblem.get());
        }
        name = newHolderName.strip();
        nationalId = NationalId.normalize(nationalIdInput);
        phone = PhoneNumber.normalize(phoneInput);
        state = State.READY;
        return Check.OK;
    }

    /**
     * Suspension: the reason (a refused one ends the session with advice to use legal
     * channels), the effective date (tomorrow at the earliest, in the office zone), and who to call.
     */
    public Check suspension(SuspensionReason why, LocalDate effective, String contactName, String phoneInput) {
        require(RequestKind.SUSPENSION, State.DETAILS);
        if (why == null) {
            return Check.problem("reason", "請選擇停用原因 / Please choose a reason");
        }
        if (why.refused()) {
            state = State.REFUSED;
            refusal = Refusal.DISPUTE;
            log.info("suspension refused at the kiosk: reason {}", why);
            return Check.problem("reason", SuspensionReason.REFUSAL_MESSAGE);
        }
        if (effective == null || effective.isBefore(earliestEffectiveDate())) {
            return Check.problem("effectiveDate", SelfServiceTexts.DATE_TOO_EARLY);
        }
        if (effective.isAfter(today().plusDays(desk.settings.maxDaysAhead()))) {
            return Check.problem("effectiveDate", String.format(SelfServiceTexts.DATE_TOO_LATE, desk.settings.maxDaysAhead(), desk.settings.maxDaysAhead()));
        }
        Check n = checkName(contactName);
        if (!n.ok()) {
            return n;
        }
        Optional<String> phoneProblem = PhoneNumber.problem(phoneInput);
        if (phoneProblem.isPresent()) {
            return Check.problem("phone", phoneProblem.get());
        }
        reason = why;
        effectiveDate = effective;
        name = contactName.strip();
        phone = PhoneNumber.normalize(phoneInput);
        state = State.SECOND_CONFIRMATION;
        return Check.OK;
    }

    /** The question the kiosk asks before {@link #confirmAddressAgain}. */
    public String secondConfirmationQuestion() {
        return SelfServiceTexts.CONFIRM_AGAIN;
    }

    /** Suspension: the second, explicit confirmation of the address; "no" ends the session. */
    public Check confirmAddressAgain(boolean confirmed) {
        require(RequestKind.SUSPENSION, State.SECOND_CONFIRMATION);
        if (!confirmed) {
            state = State.REFUSED;
            refusal = Refusal.ADDRESS_NOT_CONFIRMED;
            return Check.problem("address", "已取消，未送出任何申請 / Cancelled; nothing was sent");
        }
        confirmations = 2;
        state = State.READY;
        return Check.OK;
    }

    /**
     * The customer edits the details from the summary: the session goes back to {@link State#DETAILS}
     * (a suspension's address is then confirmed a second time again). Allowed while the request is
     * ready or awaiting its second confirmation.
     */
    public void editDetails() {
        if (state != State.READY && state != State.SECOND_CONFIRMATION) {
            throw new IllegalStateException("details can be edited only before the request is taken, the session is " + state);
        }
        state = State.DETAILS;
    }

    /** Takes the request: sealed for the hub, committed with its case number. Returns what to print. */
    public TakenRequest submit() {
        require(State.READY);
        Instant now = desk.clock.instant();
        LocalDate officeDay = now.atZone(desk.zone).toLocalDate();
        if (kind == RequestKind.SUSPENSION && !effectiveDate.isAfter(officeDay)) {
            // The session straddled midnight: the chosen date is today now.
            state = State.DETAILS;
            throw new IllegalStateException("effective date is no longer after today; ask for the date again");
        }
        UUID requestId = UUID.randomUUID();
        PersonalData personal = new PersonalData(name, nationalId, phone, houseNumber);
        SealedPersonalData sealed = PersonalDataSeal.seal(personal, desk.settings.hubKey(), requestId, desk.office);
        KioskCheck check = online ? KioskCheck.CHECKED_ONLINE : KioskCheck.NOT_YET_VERIFIED;
        SelfServiceRequest request = desk.store.take(kind, officeDay, caseNumber -> new SelfServiceRequest(1, requestId, desk.office,
                caseNumber, kind, now, officeDay, account, check, maskedAddress, confirmations, reason, effectiveDate, sealed));
        state = State.TAKEN;
        desk.requestTaken.run();
        log.info("{} request taken: case {}{}", kind, request.caseNumber(), online ? "" : " (not yet verified)");
        TakenRequest taken = new TakenRequest(request.caseNumber(), kind, !online, receipt(request, now));
        forgetPersonalData();
        return taken;
    }

    /** The arrears refusal offers a ticket for the payment counter. */
    public IssuedTicket takeTicketInstead() {
        if (refusal != Refusal.ARREARS) {
            throw new IllegalStateException("a ticket is offered only after an arrears refusal");
        }
        return desk.issueTicket();
    }

    private Receipt receipt(SelfServiceRequest r, Instant now) {
        List<String> lines = new ArrayList<>();
        lines.add("水號 Account: " + maskAccount(r.accountNumber()));
        lines.add("用水地址 Address: " + (maskedAddress != null ? maskedAddress : "（尚未查核 not yet verified）"));
        if (kind == RequestKind.TRANSFER) {
            lines.add("新用戶 New holder: " + PersonalData.maskName(name) + "  " + NationalId.mask(nationalId));
            lines.add("聯絡電話 Phone: " + PhoneNumber.mask(phone));
            lines.add(String.format(SelfServiceTexts.NEXT_TRANSFER, PhoneNumber.mask(phone), PhoneNumber.mask(phone)));
        } else {
            lines.add("停用日期 From: " + effectiveDate);
            lines.add("原因 Reason: " + reason.labelZh() + " " + reason.labelEn());
            lines.add("聯絡電話 Phone: " + PhoneNumber.mask(phone));
            lines.add(String.format(SelfServiceTexts.NEXT_SUSPENSION, effectiveDate, effectiveDate));
        }
        if (!online) {
            lines.add(SelfServiceTexts.NEXT_NOT_VERIFIED);
        }
        lines.add(SelfServiceTexts.KEEP_RECEIPT);
        return new Receipt(desk.officeName, r.caseNumber(), kind.nameZh() + " " + kind.nameEn(), lines, null, now, desk.zone);
    }

    /** An account number as screens and receipts show it: {@code 33004567890} → {@code 33******890}. */
    public static String maskAccount(String account) {
        return account.length() <= 5 ? "*".repeat(account.length())
                : account.substring(0, 2) + "*".repeat(account.length() - 5) + account.substring(account.length() - 3);
    }

    private void forgetPersonalData() {
        name = null;
        nationalId = null;
        phone = null;
        houseNumber = null;
    }

    private static Check checkName(String value) {
        if (value == null || value.isBlank() || value.strip().length() > 60) {
            return Check.problem("name", SelfServiceTexts.NAME);
        }
        return Check.OK;
    }

    private void require(State expected) {
        if (state != expected) {
            throw new IllegalStateException("this step needs the session in " + expected + ", it is " + state);
        }
    }

    private void require(RequestKind expectedKind, State expected) {
        if (kind != expectedKind) {
            throw new IllegalStateException("this step belongs to a " + expectedKind + " request, not " + kind);
        }
        require(expected);
    }
}
