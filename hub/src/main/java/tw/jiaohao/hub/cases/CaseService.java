package tw.jiaohao.hub.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.accounts.Account;
import tw.jiaohao.hub.accounts.AccountStore;
import tw.jiaohao.protocol.ProtocolException;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.personal.AddressMask;
import tw.jiaohao.protocol.personal.NationalId;
import tw.jiaohao.protocol.personal.PhoneNumber;
import tw.jiaohao.protocol.selfservice.KioskCheck;
import tw.jiaohao.protocol.selfservice.PersonalData;
import tw.jiaohao.protocol.selfservice.PersonalDataSeal;
import tw.jiaohao.protocol.selfservice.RequestAcknowledgement;
import tw.jiaohao.protocol.selfservice.SelfServiceRequest;
import tw.jiaohao.protocol.selfservice.Verification;
import tw.jiaohao.protocol.selfservice.VerificationProblem;

/**
 * The hub's cases: turns arriving requests into verified (or rejected) cases, lets staff work
 * them under {@link CaseAccess}, and erases personal data after the retention period.
 *
 * <p>Personal data is opened from the office node's seal once, on arrival, then kept only
 * encrypted ({@link AtRestCipher}) plus masked copies for lists; it is decrypted again only for
 * a case view by a user who {@link CaseAccess#maySeePersonal may see it}. Nothing personal is
 * logged: log lines name the office and the case number only. Thread-safe.
 */
public final class CaseService {
    private static final Logger log = LoggerFactory.getLogger(CaseService.class);
    public static final int MAX_NOTE = 1000;
    public static final int MAX_LIST = 1000;

    private final CaseStore store;
    private final AccountStore accounts;
    private final CaseRules rules;
    private final HubKeys keys;
    private final AtRestCipher cipher;
    private final CaseAccess access;
    private final Clock clock;
    private final java.util.function.Consumer<SelfServiceRequest> addressMismatch;
    private final CaseMetrics metrics;
    private final JsonCodec codec = new JsonCodec();

    public CaseService(CaseStore store, AccountStore accounts, CaseRules rules, HubKeys keys, CaseAccess access, Clock clock, CaseMetrics metrics) {
        this(store, accounts, rules, keys, access, clock, metrics, r -> { });
    }

    /**
     * @param addressMismatch told of each new request whose house number does not match its
     *                        account (it counts as a wrong guess, like a look-up's: {@link tw.jiaohao.hub.accounts.GuessLimit})
     */
    public CaseService(CaseStore store, AccountStore accounts, CaseRules rules, HubKeys keys, CaseAccess access, Clock clock, CaseMetrics metrics,
                       java.util.function.Consumer<SelfServiceRequest> addressMismatch) {
        this.addressMismatch = addressMismatch;
        this.store = store;
        this.accounts = accounts;
        this.rules = rules;
        this.keys = keys;
        this.cipher = new AtRestCipher(keys.atRest());
        this.access = access;
        this.clock = clock;
        this.metrics = metrics;
    }

    public CaseMetrics metrics() {
        return metrics;
    }

    /**
     * Stores and verifies an arriving request, once per request id; a resend gets the verdict
     * reached the first time. Returns the acknowledgement to send to the office node. The case
     * is durable when this returns.
     */
    public RequestAcknowledgement receive(SelfServiceRequest r) {
        Instant now = clock.instant();
        Optional<CaseStore.Verdict> earlier = store.verdictOf(r.requestId());
        if (earlier.isPresent()) {
            metrics.requestsDuplicate.incrementAndGet();
            return ack(r, earlier.get(), now);
        }
        PersonalData personal;
        try {
            personal = PersonalDataSeal.open(r.personal(), keys.sealPrivate(), r.requestId(), r.office());
        } catch (ProtocolException e) {
            personal = null;
            metrics.personalUnreadable.incrementAndGet();
            log.warn("case {} of office {}: {}", r.caseNumber(), r.office(), e.getMessage());
        }
        Optional<Account> account = accounts.find(r.accountNumber()).map(AccountStore.Held::account);
        Optional<VerificationProblem> problem = rules.verify(r, personal, account, now);
        if (problem.isPresent() && problem.get() == VerificationProblem.ADDRESS_MISMATCH) {
            addressMismatch.accept(r);
        }
        Verification verdict = problem.map(VerificationProblem::verdict).orElse(Verification.VERIFIED);
        List<CaseStep> steps = new ArrayList<>();
        steps.add(new CaseStep(r.takenAt(), "kiosk:" + r.office(), null, CaseState.RECEIVED,
                r.check() == KioskCheck.NOT_YET_VERIFIED ? "櫃台機未能連線總部，受理時尚未查核 / taken while the hub was unreachable; not yet verified" : null));
        CaseState state = switch (verdict) {
            case VERIFIED -> CaseState.VERIFIED;
            case REJECTED -> CaseState.REJECTED;
            case NEEDS_STAFF_CHECK -> CaseState.RECEIVED;
        };
        if (state != CaseState.RECEIVED) {
            steps.add(new CaseStep(now, "hub", CaseState.RECEIVED, state, problem.map(VerificationProblem::message).orElse(null)));
        } else {
            steps.add(new CaseStep(now, "hub", null, null, problem.get().message()));
        }
        String address = account.map(Account::serviceAddress).orElse(null);
        byte[] encrypted = personal == null ? null
                : cipher.encrypt(codec.encode(CasePersonal.of(personal, address, account.map(Account::holderName).orElse(null))), boundTo(r.office(), r.caseNumber()));
        steps.replaceAll(st -> sealed(st, r.office(), r.caseNumber()));
        CaseStore.Verdict stored = store.insert(new CaseStore.NewCase(r, state, verdict, problem.orElse(null), now, rules.dueAt(r, now),
                personal == null ? null : PersonalData.maskName(personal.name()),
                personal == null || personal.nationalId() == null ? null : NationalId.mask(personal.nationalId()),
                personal == null ? null : PhoneNumber.mask(personal.phone()),
                address == null ? r.maskedAddress() : AddressMask.mask(address), encrypted, steps));
        metrics.stored(r.office(), stored.verification());
        log.info("case {} of office {} ({}) received: {}{}", r.caseNumber(), r.office(), r.kind(), stored.verification(),
                stored.problem() == null ? "" : " " + stored.problem());
        return ack(r, stored, now);
    }

    private static RequestAcknowledgement ack(SelfServiceRequest r, CaseStore.Verdict v, Instant now) {
        return new RequestAcknowledgement(1, r.office(), r.requestId(), v.caseNumber(), v.verification(), v.problem(), now);
    }

    private static String boundTo(String office, String caseNumber) {
        return office + "|" + caseNumber;
    }

    /** Marks a note sealed with the at-rest key; notes stored before sealing began have no mark and read as they are. */
    private static final String SEALED_NOTE = "enc1:";

    /**
     * Notes are free text that staff fill with names, phone numbers and addresses, so they are
     * kept like the personal data: AES-GCM with the at-rest key, bound to the case (and marked
     * as a note, so a note cannot be passed off as the case's personal data or the reverse).
     */
    private String sealNote(String office, String caseNumber, String note) {
        if (note == null) {
            return null;
        }
        byte[] sealed = cipher.encrypt(note.getBytes(java.nio.charset.StandardCharsets.UTF_8), boundTo(office, caseNumber) + "|note");
        return SEALED_NOTE + java.util.Base64.getEncoder().encodeToString(sealed);
    }

    private String openNote(String office, String caseNumber, String stored) {
        if (stored == null || !stored.startsWith(SEALED_NOTE)) {
            return stored;
        }
        byte[] sealed = java.util.Base64.getDecoder().decode(stored.substring(SEALED_NOTE.length()));
        return new String(cipher.decrypt(sealed, boundTo(office, caseNumber) + "|note"), java.nio.charset.StandardCharsets.UTF_8);
    }

    private CaseStep sealed(CaseStep st, String office, String caseNumber) {
        return new CaseStep(st.at(), st.actor(), st.from(), st.to(), sealNote(office, caseNumber, st.note()));
    }

    /** Cases the user may see: of {@code office}, or of every office they may see when null. */
    public List<CaseSummary> list(Staff staff, String office, Set<CaseState> states) {
        String scope = office;
        if (scope == null && staff.role() != Role.HEAD_OFFICE) {
            scope = staff.office();
        }
        if (scope != null && !access.maySee(staff, scope)) {
            throw new CaseRefusal(CaseRefusal.Why.FORBIDDEN, "you may see the cases of your own office only");
        }
        return store.list(scope, states.isEmpty() ? EnumSet.allOf(CaseState.class) : states, clock.instant(), MAX_LIST);
    }

    /** The case view; personal data in clear only for those who may see it. */
    public CaseDetail view(Staff staff, String office, String caseNumber) {
        if (!access.maySee(staff, office)) {
            throw new CaseRefusal(CaseRefusal.Why.FORBIDDEN, "you may see the cases of your own office only");
        }
        CaseStore.Stored stored = store.get(office, caseNumber, clock.instant())
                .orElseThrow(() -> new CaseRefusal(CaseRefusal.Why.NOT_FOUND, "no case " + caseNumber + " at office " + office));
        CasePersonal personal = null;
        if (stored.personalEncrypted() != null && access.maySeePersonal(staff, office)) {
            personal = codec.decodeOrThrow(cipher.decrypt(stored.personalEncrypted(), boundTo(office, caseNumber)), CasePersonal.class);
            log.info("case {} of office {}: personal data shown to {}", caseNumber, office, staff.username());
        }
        List<CaseState> next = access.mayWork(staff, office) ? List.copyOf(stored.summary().state().next()) : List.of();
        List<CaseStep> steps = stored.steps().stream()
                .map(st -> new CaseStep(st.at(), st.actor(), st.from(), st.to(), openNote(office, caseNumber, st.note()))).toList();
        return new CaseDetail(stored.summary(), steps, personal, next);
    }

    /** Moves a case to {@code to}, with an optional note; refused if not allowed now. */
    public CaseDetail transition(Staff staff, String office, String caseNumber, CaseState to, String note) {
        requireWork(staff, office);
        String cleanNote = note(note, to == CaseState.REJECTED);
        CaseStore.Stored stored = store.get(office, caseNumber, clock.instant())
                .orElseThrow(() -> new CaseRefusal(CaseRefusal.Why.NOT_FOUND, "no case " + caseNumber + " at office " + office));
        CaseState from = stored.summary().state();
        if (!from.next().contains(to)) {
            throw new CaseRefusal(CaseRefusal.Why.CONFLICT, "a " + from + " case cannot become " + to + "; it may become " + from.next());
        }
        if (!store.transition(office, caseNumber, from, to, staff.username(), sealNote(office, caseNumber, cleanNote), clock.instant())) {
            throw new CaseRefusal(CaseRefusal.Why.CONFLICT, "the case changed meanwhile; reload it and try again");
        }
        log.info("case {} of office {}: {} → {} by {}", caseNumber, office, from, to, staff.username());
        return view(staff, office, caseNumber);
    }

    public CaseDetail note(Staff staff, String office, String caseNumber, String note) {
        requireWork(staff, office);
        String clean = note(note, true);
        if (!store.note(office, caseNumber, staff.username(), sealNote(office, caseNumber, clean), clock.instant())) {
            throw new CaseRefusal(CaseRefusal.Why.NOT_FOUND, "no case " + caseNumber + " at office " + office);
        }
        return view(staff, office, caseNumber);
    }

    private void requireWork(Staff staff, String office) {
        if (!access.mayWork(staff, office)) {
            throw new CaseRefusal(CaseRefusal.Why.FORBIDDEN, staff.role() == Role.STAFF
                    ? "staff accounts are read-only; ask the office manager" : "you may work the cases of your own office only");
        }
    }

    private static String note(String note, boolean required) {
        String n = note == null ? "" : note.strip();
        if (n.isEmpty()) {
            if (required) {
                throw new CaseRefusal(CaseRefusal.Why.INVALID, "write a note saying why");
            }
            return null;
        }
        if (n.length() > MAX_NOTE) {
            throw new CaseRefusal(CaseRefusal.Why.INVALID, "a note holds at most " + MAX_NOTE + " characters");
        }
        return n;
    }

    /** Erases the personal data of cases closed longer than {@code retention} ago; returns how many. */
    public int erasePersonalData(Duration retention) {
        Instant now = clock.instant();
        int n = store.erasePersonalData(now.minus(retention), now);
        metrics.personalErased.addAndGet(n);
        if (n > 0) {
            log.info("retention: personal data of {} cases closed before {} erased", n, now.minus(retention));
        }
        return n;
    }
}
