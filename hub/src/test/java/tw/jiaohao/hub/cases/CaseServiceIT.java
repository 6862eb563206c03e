package tw.jiaohao.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tw.jiaohao.hub.testing.PersonalTestData.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.accounts.AccountImporter;
import tw.jiaohao.hub.accounts.AccountStore;
import tw.jiaohao.hub.accounts.SqliteAccountStore;
import tw.jiaohao.hub.testing.MutableClock;
import tw.jiaohao.protocol.selfservice.KioskCheck;
import tw.jiaohao.protocol.selfservice.PersonalDataSeal;
import tw.jiaohao.protocol.selfservice.RequestAcknowledgement;
import tw.jiaohao.protocol.selfservice.SelfServiceRequest;
import tw.jiaohao.protocol.selfservice.Verification;
import tw.jiaohao.protocol.selfservice.VerificationProblem;

/** Cases at the hub on a real SQLite file: verification, roles, workflow, encryption at rest, retention. */
class CaseServiceIT {
    private static final String OFFICE = "taipei-1";
    /** 10:00 in Taipei. */
    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final Staff MANAGER = new Staff("mgr-taipei", Role.OFFICE_MANAGER, OFFICE);
    private static final Staff CLERK = new Staff("clerk-taipei", Role.STAFF, OFFICE);
    private static final Staff HEAD = new Staff("head", Role.HEAD_OFFICE, null);
    private static final Staff OTHER = new Staff("mgr-kaohsiung", Role.OFFICE_MANAGER, "kaohsiung-1");

    @TempDir
    Path dir;
    private tw.jiaohao.hub.testing.TestDatabase database;

    /** The database the tests run on: the SQLite file here; {@link CaseServicePostgresIT} runs them on PostgreSQL. */
    protected tw.jiaohao.hub.testing.TestDatabase newDatabase(Path dir) {
        return tw.jiaohao.hub.testing.TestDatabase.sqlite(dir);
    }

    /** The hub database of this test (opened at the first call). */
    protected tw.jiaohao.hub.db.HubDatabase db() {
        if (database == null) {
            database = newDatabase(dir);
        }
        return database.db();
    }

    /** Closes (and for PostgreSQL drops) this test's database; after the stores are closed. */
    protected void closeDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
    private final MutableClock clock = new MutableClock(T0);
    private AccountStore accounts;
    private CaseStore store;
    private CaseService cases;
    private PublicKey hubKey;

    @BeforeEach
    void setUp() throws Exception {
        HubKeys.create(dir.resolve("keys"));
        HubKeys keys = HubKeys.load(dir.resolve("keys"));
        hubKey = PersonalDataSeal.publicKeyFromPem(Files.readString(dir.resolve("keys").resolve(HubKeys.SEAL_PUBLIC)));
        accounts = SqliteAccountStore.open(db());
        new AccountImporter(accounts, clock, 100).importFile(extract(dir), AccountImporter.Progress.NONE);
        store = SqliteCaseStore.open(db());
        cases = new CaseService(store, accounts, new CaseRules(Duration.ofHours(72), Duration.ofHours(24), Requests.TAIPEI),
                keys, CaseAccess.BY_ROLE, clock, new CaseMetrics());
    }

    @AfterEach
    void tearDown() {
        store.close();
        accounts.close();
        closeDatabase();
    }

    private SelfServiceRequest transfer(int n, String account, String house) {
        return Requests.transfer(hubKey, OFFICE, n, account, house, T0.minusSeconds(60));
    }

    @Test
    void verifiedTransfer_isStoredWithWhoAndWhen_andMaskedInLists() {
        RequestAcknowledgement ack = cases.receive(transfer(1, ACCOUNT_OK, HOUSE_OK));
        assertThat(ack.verification()).isEqualTo(Verification.VERIFIED);
        assertThat(ack.caseNumber()).isEqualTo("T-20261122-001");

        CaseSummary listed = cases.list(MANAGER, OFFICE, Set.of()).get(0);
        assertThat(listed.state()).isEqualTo(CaseState.VERIFIED);
        assertThat(listed.maskedNationalId()).isEqualTo("A12****789");
        assertThat(listed.maskedPhone()).isEqualTo("0912***678");
        assertThat(listed.maskedName()).isEqualTo("陳**");
        assertThat(listed.maskedAddress()).isEqualTo("臺北市中山區民生東路一段**巷*號*樓");
        assertThat(listed.dueAt()).isEqualTo(T0.plus(Duration.ofHours(72)));

        CaseDetail view = cases.view(MANAGER, OFFICE, ack.caseNumber());
        assertThat(view.steps()).extracting(CaseStep::actor, CaseStep::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("kiosk:" + OFFICE, CaseState.RECEIVED),
                        org.assertj.core.groups.Tuple.tuple("hub", CaseState.VERIFIED));
        assertThat(view.steps().get(0).at()).isEqualTo(T0.minusSeconds(60));
        assertThat(view.steps().get(1).at()).isEqualTo(T0);
    }

    @Test
    void personalData_isEncryptedAtRest_inTheDatabaseFiles() throws Exception {
        cases.receive(transfer(1, ACCOUNT_OK, HOUSE_OK));
        cases.note(MANAGER, OFFICE, "T-20261122-001", "已電話聯絡");
        java.util.Map<String, String> stored = database.storedBytes();
        assertThat(stored).isNotEmpty();
        assertThat(String.join("", stored.values())).as("the case is stored").contains("T-20261122-001");
        for (java.util.Map.Entry<String, String> f : stored.entrySet()) {
            String raw = f.getValue();
            for (String secret : List.of(NATIONAL_ID, PHONE)) {
                assertThat(raw).as(f.getKey() + " must not hold it in clear").doesNotContain(secret);
            }
            assertThat(raw).doesNotContain(new String(NEW_HOLDER.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void notes_areSealedAtRest_andReadBackInClearInTheView() throws Exception {
        String note = "客戶周子瑜請回電 0987-654-321，改約週五";
        cases.receive(transfer(1, ACCOUNT_OK, HOUSE_OK));
        cases.note(MANAGER, OFFICE, "T-20261122-001", note);
        cases.transition(MANAGER, OFFICE, "T-20261122-001", CaseState.DISPATCHED, "派工：" + note);
        assertThat(cases.view(CLERK, OFFICE, "T-20261122-001").steps()).extracting(CaseStep::note).contains(note, "派工：" + note);
        java.util.Map<String, String> stored = database.storedBytes();
        assertThat(String.join("", stored.values())).as("the case is stored").contains("T-20261122-001");
        String clear = new String("0987-654-321".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        String name = new String("周子瑜".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        for (java.util.Map.Entry<String, String> f : stored.entrySet()) {
            assertThat(f.getValue()).as(f.getKey() + " must not hold the note in clear").doesNotContain(clear).doesNotContain(name);
        }
    }

    @Test
    void arrears_unknownAccount_andWrongHouseNumber_areRejectedWithTheReason() {
        assertThat(cases.receive(transfer(1, ACCOUNT_ARREARS, "100")).problem()).isEqualTo(VerificationProblem.ARREARS);
        assertThat(cases.receive(transfer(2, "99999999", HOUSE_OK)).problem()).isEqualTo(VerificationProblem.ACCOUNT_NOT_FOUND);
        assertThat(cases.receive(transfer(3, ACCOUNT_OK, "23")).problem()).isEqualTo(VerificationProblem.ADDRESS_MISMATCH);
        assertThat(cases.receive(transfer(4, ACCOUNT_CLOSED, "7-2")).problem()).isEqualTo(VerificationProblem.ACCOUNT_INACTIVE);
        List<CaseSummary> rejected = cases.list(MANAGER, OFFICE, Set.of(CaseState.REJECTED));
        assertThat(rejected).hasSize(4).allSatisfy(c -> assertThat(c.closedAt()).isEqualTo(T0));
        CaseDetail arrears = cases.view(MANAGER, OFFICE, "T-20261122-001");
        assertThat(arrears.steps().get(1).note()).contains("arrears");
    }

    @Test
    void addressWithoutHouseNumber_waitsForStaff_whoMayVerifyIt() {
        RequestAcknowledgement ack = cases.receive(transfer(1, ACCOUNT_NO_HOUSE, "1"));
        assertThat(ack.verification()).isEqualTo(Verification.NEEDS_STAFF_CHECK);
        assertThat(cases.view(MANAGER, OFFICE, ack.caseNumber()).summary().state()).isEqualTo(CaseState.RECEIVED);
        CaseDetail verified = cases.transition(MANAGER, OFFICE, ack.caseNumber(), CaseState.VERIFIED, "地址已電話核對");
        assertThat(verified.summary().state()).isEqualTo(CaseState.VERIFIED);
        assertThat(verified.steps().get(verified.steps().size() - 1).actor()).isEqualTo("mgr-taipei");
    }

    @Test
    void resend_getsTheFirstVerdict_andStoresOneCase() throws Exception {
        SelfServiceRequest r = transfer(1, ACCOUNT_OK, HOUSE_OK);
        RequestAcknowledgement first = cases.receive(r);
        Files.writeString(dir.resolve("extract.csv"), Files.readString(dir.resolve("extract.csv"))
                .replace(ACCOUNT_OK + "," + ADDRESS_OK + "," + HOLDER_OK + ",0,", ACCOUNT_OK + "," + ADDRESS_OK + "," + HOLDER_OK + ",99,"));
        new AccountImporter(accounts, clock, 100).importFile(dir.resolve("extract.csv"), AccountImporter.Progress.NONE);
        RequestAcknowledgement again = cases.receive(r);
        assertThat(again.verification()).isEqualTo(first.verification()).isEqualTo(Verification.VERIFIED);
        assertThat(cases.list(HEAD, null, Set.of())).hasSize(1);
        assertThat(cases.metrics().requestsDuplicate.get()).isEqualTo(1);
    }

    @Test
    void sealedForAnotherKey_waitsForStaff_andIsCounted() {
        SelfServiceRequest r = Requests.transfer(PersonalDataSeal.generateKeyPair().getPublic(), OFFICE, 1, ACCOUNT_OK, HOUSE_OK, T0);
        assertThat(cases.receive(r).problem()).isEqualTo(VerificationProblem.PERSONAL_DATA_UNREADABLE);
        assertThat(cases.metrics().personalUnreadable.get()).isEqualTo(1);
    }

    @Test
    void suspensionArrivingAfterItsDate_waitsForStaff_andDueIsTheEffectiveDateAtLocalMidnight() {
        Instant takenOffline = T0.minus(Duration.ofDays(3));
        SelfServiceRequest late = Requests.suspension(hubKey, OFFICE, 1, ACCOUNT_OK, takenOffline, LocalDate.of(2026, 11, 20), KioskCheck.NOT_YET_VERIFIED);
        assertThat(cases.receive(late).problem()).isEqualTo(VerificationProblem.EFFECTIVE_DATE_PASSED);

        SelfServiceRequest tomorrow = Requests.suspension(hubKey, OFFICE, 2, ACCOUNT_OK, T0, LocalDate.of(2026, 11, 23), KioskCheck.CHECKED_ONLINE);
        cases.receive(tomorrow);
        CaseSummary c = cases.view(MANAGER, OFFICE, tomorrow.caseNumber()).summary();
        assertThat(c.state()).isEqualTo(CaseState.VERIFIED);
        // 24 h target would be 2026-11-23T02:00Z; the water is to stop at local midnight, 16:00 UTC the day before.
        assertThat(c.dueAt()).isEqualTo(Instant.parse("2026-11-22T16:00:00Z"));
    }

    @Test
    void roles_decideWhoSeesPersonalDataAndWhoWorksTheCase() {
        String n = cases.receive(transfer(1, ACCOUNT_OK, HOUSE_OK)).caseNumber();
        CaseDetail manager = cases.view(MANAGER, OFFICE, n);
        assertThat(manager.personal().nationalId()).isEqualTo(NATIONAL_ID);
        assertThat(manager.personal().phone()).isEqualTo(PHONE);
        assertThat(manager.personal().serviceAddress()).isEqualTo(ADDRESS_OK);
        assertThat(manager.next()).containsExactlyInAnyOrder(CaseState.DISPATCHED, CaseState.REJECTED);

        CaseDetail clerk = cases.view(CLERK, OFFICE, n);
        assertThat(clerk.personal().nationalId()).isEqualTo(NATIONAL_ID);
        assertThat(clerk.next()).isEmpty();
        assertThatThrownBy(() -> cases.transition(CLERK, OFFICE, n, CaseState.DISPATCHED, null))
                .isInstanceOf(CaseRefusal.class).hasMessageContaining("read-only");

        CaseDetail head = cases.view(HEAD, OFFICE, n);
        assertThat(head.personal()).isNull();
        assertThat(head.summary().maskedNationalId()).isEqualTo("A12****789");

        assertThatThrownBy(() -> cases.view(OTHER, OFFICE, n)).isInstanceOfSatisfying(CaseRefusal.class,
                e -> assertThat(e.why()).isEqualTo(CaseRefusal.Why.FORBIDDEN));
        assertThatThrownBy(() -> cases.list(OTHER, OFFICE, Set.of())).isInstanceOf(CaseRefusal.class);
        assertThat(cases.list(OTHER, null, Set.of())).isEmpty();
        assertThat(cases.list(HEAD, null, Set.of())).hasSize(1);
    }

    @Test
    void workflow_recordsEachStep_ageAndOverdue() {
        String n = cases.receive(transfer(1, ACCOUNT_OK, HOUSE_OK)).caseNumber();
        clock.set(T0.plus(Duration.ofHours(2)));
        cases.transition(MANAGER, OFFICE, n, CaseState.DISPATCHED, "派工：外勤二組");
        clock.set(T0.plus(Duration.ofHours(80)));
        CaseSummary late = cases.list(MANAGER, OFFICE, EnumSet.of(CaseState.DISPATCHED)).get(0);
        assertThat(late.overdue()).isTrue();
        assertThat(late.ageMinutes()).isEqualTo(80 * 60 + 1);
        CaseDetail done = cases.transition(HEAD, OFFICE, n, CaseState.DONE, null);
        assertThat(done.summary().closedAt()).isEqualTo(T0.plus(Duration.ofHours(80)));
        assertThat(done.summary().overdue()).isFalse();
        assertThat(done.steps()).extracting(CaseStep::to).containsExactly(CaseState.RECEIVED, CaseState.VERIFIED, CaseState.DISPATCHED, CaseState.DONE);
        assertThat(done.steps()).extracting(CaseStep::actor).containsExactly("kiosk:" + OFFICE, "hub", "mgr-taipei", "head");
        assertThat(done.steps().get(2).note()).isEqualTo("派工：外勤二組");

        assertThatThrownBy(() -> cases.transition(MANAGER, OFFICE, n, CaseState.DISPATCHED, null))
                .isInstanceOfSatisfying(CaseRefusal.class, e -> assertThat(e.why()).isEqualTo(CaseRefusal.Why.CONFLICT));
    }

    @Test
    void rejecting_needsANote() {
        String n = cases.receive(transfer(1, ACCOUNT_OK, HOUSE_OK)).caseNumber();
        assertThatThrownBy(() -> cases.transition(MANAGER, OFFICE, n, CaseState.REJECTED, " "))
                .isInstanceOfSatisfying(CaseRefusal.class, e -> assertThat(e.why()).isEqualTo(CaseRefusal.Why.INVALID));
    }

    @Test
    void retention_erasesPersonalDataOfCasesClosedLongerThanThePeriod_only() {
        String closed = cases.receive(transfer(1, ACCOUNT_OK, HOUSE_OK)).caseNumber();
        String open = cases.receive(transfer(2, ACCOUNT_OK, HOUSE_OK)).caseNumber();
        cases.transition(MANAGER, OFFICE, closed, CaseState.DISPATCHED, null);
        cases.transition(MANAGER, OFFICE, closed, CaseState.DONE, "已完成過戶");
        RetentionJob job = new RetentionJob(cases, Duration.ofDays(365));

        clock.set(T0.plus(Duration.ofDays(364)));
        assertThat(job.runOnce()).isZero();
        assertThat(cases.view(MANAGER, OFFICE, closed).personal()).isNotNull();

        clock.set(T0.plus(Duration.ofDays(365)).plusSeconds(1));
        assertThat(job.runOnce()).isEqualTo(1);
        CaseDetail erased = cases.view(MANAGER, OFFICE, closed);
        assertThat(erased.personal()).isNull();
        assertThat(erased.summary().erased()).isTrue();
        assertThat(erased.summary().maskedNationalId()).isNull();
        assertThat(erased.summary().maskedPhone()).isNull();
        assertThat(erased.steps()).allSatisfy(s -> assertThat(s.note()).isNull());
        assertThat(erased.steps()).extracting(CaseStep::to).contains(CaseState.DONE);
        assertThat(cases.view(MANAGER, OFFICE, open).personal().nationalId()).isEqualTo(NATIONAL_ID);
        assertThat(job.runOnce()).isZero();
        assertThat(cases.metrics().personalErased.get()).isEqualTo(1);
    }
}
