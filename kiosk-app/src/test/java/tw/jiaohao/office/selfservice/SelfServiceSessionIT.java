package tw.jiaohao.office.selfservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hardware.printing.PrintOutcome;
import tw.jiaohao.hardware.printing.TicketPrinter;
import tw.jiaohao.hardware.printing.escpos.CjkFonts;
import tw.jiaohao.hardware.printing.escpos.PrinterProfile;
import tw.jiaohao.hardware.printing.escpos.PrinterProfiles;
import tw.jiaohao.hardware.printing.escpos.TextRasterizer;
import tw.jiaohao.hardware.printing.escpos.TicketEncoder;
import tw.jiaohao.hardware.printing.sim.SimulatedPrinter;
import tw.jiaohao.hardware.printing.transport.EscPosTicketPrinter;
import tw.jiaohao.office.selfservice.SelfServiceSession.Check;
import tw.jiaohao.office.selfservice.SelfServiceSession.LookupResult;
import tw.jiaohao.office.selfservice.SelfServiceSession.Refusal;
import tw.jiaohao.office.selfservice.SelfServiceSession.State;
import tw.jiaohao.office.testing.MutableClock;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.office.ticketing.IssuedTicket;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.personal.NationalId;
import tw.jiaohao.protocol.selfservice.AccountLookupReply;
import tw.jiaohao.protocol.selfservice.HouseNumber;
import tw.jiaohao.protocol.selfservice.KioskCheck;
import tw.jiaohao.protocol.selfservice.LookupOutcome;
import tw.jiaohao.protocol.selfservice.PersonalDataSeal;
import tw.jiaohao.protocol.selfservice.RequestKind;
import tw.jiaohao.protocol.selfservice.SelfServiceRequest;
import tw.jiaohao.protocol.selfservice.SuspensionReason;

/**
 * The self-service rules at the office node, on a real SQLite file and a real ESC/POS encoder
 * driving the simulated printer. The hub's look-up is scripted here (the port's contract); the
 * real hub answers it in the hub module's end-to-end test.
 */
class SelfServiceSessionIT {
    static final String ACCOUNT = "33004567890";
    static final String ADDRESS = "臺北市中山區民生東路一段23巷5號3樓";
    static final String MASKED = "臺北市中山區民生東路一段**巷*號*樓";
    static final String NATIONAL_ID = "A123456789";
    static final String PHONE = "0912345678";

    @TempDir
    Path dir;
    /** 10:00 in Taipei. */
    private final MutableClock clock = MutableClock.at("2026-11-22T02:00:00Z");
    private TestOffice office;
    private SelfServiceDesk desk;
    private RequestStore store;
    private SimulatedPrinter device;
    private TicketPrinter printer;
    private final KeyPair hub = PersonalDataSeal.generateKeyPair();
    private final ScriptedHub lookup = new ScriptedHub();
    private int taken;

    /** Answers look-ups like the hub would for one account, or not at all. */
    static final class ScriptedHub implements AccountLookupPort {
        boolean reachable = true;
        boolean arrears;
        final List<String> asked = new ArrayList<>();

        @Override
        public Answer lookup(String accountNumber, String houseNumber, Duration timeout) {
            asked.add(accountNumber + "/" + houseNumber);
            if (!reachable) {
                return new Answer.Unreachable("no answer within " + timeout.toMillis() + " ms");
            }
            if (!accountNumber.equals(ACCOUNT)) {
                return new Answer.Replied(AccountLookupReply.notFound(accountNumber, LookupOutcome.NOT_FOUND, "查無此水號 / No such account; check the bill"));
            }
            Boolean match = houseNumber == null ? null : HouseNumber.of(ADDRESS).orElseThrow().equals(houseNumber);
            return new Answer.Replied(AccountLookupReply.found(accountNumber, arrears, MASKED, match, Instant.parse("2026-11-21T18:00:00Z")));
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        office = new TestOffice(TestOffice.defaultConfig(dir), clock);
        store = new RequestStore(office.db);
        Path key = dir.resolve("hub.pub.pem");
        Files.writeString(key, PersonalDataSeal.toPem(hub.getPublic()));
        Properties p = new Properties();
        p.setProperty("selfservice.hub-public-key", key.toString());
        SelfServiceSettings settings = SelfServiceSettings.from(p);
        PrinterProfile profile = PrinterProfiles.get("80mm-cjk");
        device = new SimulatedPrinter(profile, CjkFonts.load(CjkFonts.DEFAULT_FILE, CjkFonts.MONO_TC), null);
        printer = new EscPosTicketPrinter(new TicketEncoder(profile, new TextRasterizer(CjkFonts.load(CjkFonts.DEFAULT_FILE, CjkFonts.SANS_TC))),
                device, Duration.ofSeconds(2));
        desk = new SelfServiceDesk(office.config.officeId(), office.config.nameZh(), office.config.zone(), settings, lookup, store,
                office.engine, printer, clock, () -> taken++);
    }

    @AfterEach
    void tearDown() {
        printer.close();
        office.close();
    }

    private SelfServiceSession atDetails(RequestKind kind) {
        SelfServiceSession s = desk.begin(kind);
        assertThat(s.lookUp("3-3004-5678-90")).isInstanceOf(LookupResult.ConfirmAddress.class);
        assertThat(s.confirmAddress("5").ok()).isTrue();
        return s;
    }

    @Test
    void arrears_areRefusedPolitely_withTheOfferOfATicket() {
        lookup.arrears = true;
        SelfServiceSession s = desk.begin(RequestKind.TRANSFER);
        LookupResult r = s.lookUp(ACCOUNT);
        assertThat(r).isInstanceOfSatisfying(LookupResult.Refused.class, refused -> {
            assertThat(refused.refusal()).isEqualTo(Refusal.ARREARS);
            assertThat(refused.ticketOffered()).isTrue();
            assertThat(refused.message()).contains("請至櫃台繳費", "pay at a counter");
        });
        assertThat(s.state()).isEqualTo(State.REFUSED);
        assertThatThrownBy(() -> s.confirmAddress("5")).isInstanceOf(IllegalStateException.class);
        IssuedTicket ticket = s.takeTicketInstead();
        assertThat(ticket.toString()).contains("A001");
        assertThat(store.unacknowledged()).isZero();
    }

    @Test
    void transfer_nationalIdChecksum_isEnforced() {
        SelfServiceSession s = atDetails(RequestKind.TRANSFER);
        Check bad = s.transfer("陳小明", "A123456788", PHONE);
        assertThat(bad.field()).isEqualTo("nationalId");
        assertThat(bad.message()).isEqualTo(NationalId.Problem.CHECKSUM.message());
        assertThat(s.transfer("陳小明", "A323456783", PHONE).message()).isEqualTo(NationalId.Problem.SECOND_DIGIT.message());
        assertThat(s.transfer("陳小明", NATIONAL_ID, "12345").field()).isEqualTo("phone");
        assertThat(s.transfer(" ", NATIONAL_ID, PHONE).field()).isEqualTo("name");
        assertThatThrownBy(s::submit).isInstanceOf(IllegalStateException.class);
        assertThat(s.transfer("陳小明", "a123456789", "0912-345-678").ok()).isTrue();
        assertThat(s.state()).isEqualTo(State.READY);
    }

    @Test
    void suspension_forADisputeOrPressureOnATenant_isRefusedWithAdviceToUseLegalChannels() {
        SelfServiceSession s = atDetails(RequestKind.SUSPENSION);
        assertThat(SelfServiceSession.reasons()).filteredOn(SuspensionReason::refused)
                .containsExactlyInAnyOrder(SuspensionReason.TENANT_DISPUTE, SuspensionReason.OWNERSHIP_DISPUTE);
        Check c = s.suspension(SuspensionReason.TENANT_DISPUTE, LocalDate.of(2026, 11, 25), "林美華", PHONE);
        assertThat(c.ok()).isFalse();
        assertThat(c.message()).contains("法律途徑", "legal channels");
        assertThat(s.refusal()).contains(Refusal.DISPUTE);
        assertThatThrownBy(() -> s.suspension(SuspensionReason.MOVING_OUT, LocalDate.of(2026, 11, 25), "林美華", PHONE))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.unacknowledged()).isZero();
    }

    @Test
    void suspension_sameDay_isRefused_acrossLocalMidnight() {
        clock.set(Instant.parse("2026-11-22T15:59:59Z")); // 23:59:59 in Taipei, still the 22nd
        SelfServiceSession s = atDetails(RequestKind.SUSPENSION);
        assertThat(s.earliestEffectiveDate()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(s.suspension(SuspensionReason.MOVING_OUT, LocalDate.of(2026, 11, 22), "林美華", PHONE).field()).isEqualTo("effectiveDate");

        clock.set(Instant.parse("2026-11-22T16:00:00Z")); // 00:00 on the 23rd in Taipei, 16:00 UTC on the 22nd
        Check sameDay = s.suspension(SuspensionReason.MOVING_OUT, LocalDate.of(2026, 11, 23), "林美華", PHONE);
        assertThat(sameDay.field()).isEqualTo("effectiveDate");
        assertThat(sameDay.message()).contains("明天", "tomorrow");
        assertThat(s.suspension(SuspensionReason.MOVING_OUT, LocalDate.of(2027, 3, 1), "林美華", PHONE).message()).contains("90");
        assertThat(s.suspension(SuspensionReason.MOVING_OUT, LocalDate.of(2026, 11, 24), "林美華", PHONE).ok()).isTrue();
    }

    @Test
    void suspension_needsTheSecondExplicitAddressConfirmation() {
        SelfServiceSession s = atDetails(RequestKind.SUSPENSION);
        assertThat(s.suspension(SuspensionReason.VACANT, LocalDate.of(2026, 11, 24), "林美華", PHONE).ok()).isTrue();
        assertThat(s.state()).isEqualTo(State.SECOND_CONFIRMATION);
        assertThatThrownBy(s::submit).as("no request without the second confirmation").isInstanceOf(IllegalStateException.class);
        assertThat(s.secondConfirmationQuestion()).contains("再次確認", "once more");
        assertThat(s.confirmAddressAgain(true).ok()).isTrue();
        TakenRequest t = s.submit();
        assertThat(t.caseNumber()).isEqualTo("S-20261122-001");
        SelfServiceRequest stored = storedRequest();
        assertThat(stored.addressConfirmations()).isEqualTo(2);
        assertThat(stored.effectiveDate()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(stored.check()).isEqualTo(KioskCheck.CHECKED_ONLINE);
    }

    @Test
    void suspension_notConfirmedTheSecondTime_sendsNothing() {
        SelfServiceSession s = atDetails(RequestKind.SUSPENSION);
        s.suspension(SuspensionReason.VACANT, LocalDate.of(2026, 11, 24), "林美華", PHONE);
        assertThat(s.confirmAddressAgain(false).ok()).isFalse();
        assertThat(s.refusal()).contains(Refusal.ADDRESS_NOT_CONFIRMED);
        assertThat(store.unacknowledged()).isZero();
    }

    @Test
    void wrongHouseNumber_isRefused_andThreeMismatchesEndTheSession() {
        SelfServiceSession s = desk.begin(RequestKind.TRANSFER);
        LookupResult r = s.lookUp(ACCOUNT);
        assertThat(r).isEqualTo(new LookupResult.ConfirmAddress(MASKED, false, null));
        assertThat(s.confirmAddress("五樓").field()).isEqualTo("houseNumber");
        assertThat(s.confirmAddress("23").message()).contains("不符");
        assertThat(s.confirmAddress("3").ok()).isFalse();
        assertThat(s.confirmAddress("7").ok()).isFalse();
        assertThat(s.refusal()).contains(Refusal.ADDRESS_MISMATCH);
        assertThat(lookup.asked).contains(ACCOUNT + "/23");
    }

    @Test
    void unknownAccount_asksAgain() {
        SelfServiceSession s = desk.begin(RequestKind.TRANSFER);
        assertThat(s.lookUp("12")).isInstanceOf(LookupResult.TryAgain.class);
        assertThat(s.lookUp("99999999")).isInstanceOfSatisfying(LookupResult.TryAgain.class, t -> assertThat(t.message()).contains("bill"));
        assertThat(s.lookUp(ACCOUNT)).isInstanceOf(LookupResult.ConfirmAddress.class);
    }

    @Test
    void hubUnreachable_theRequestIsTakenNotYetVerified_andKeptSealedInTheOutbox() throws Exception {
        lookup.reachable = false;
        SelfServiceSession s = desk.begin(RequestKind.TRANSFER);
        LookupResult r = s.lookUp(ACCOUNT);
        assertThat(r).isInstanceOfSatisfying(LookupResult.ConfirmAddress.class, c -> {
            assertThat(c.notYetVerified()).isTrue();
            assertThat(c.maskedAddress()).isNull();
            assertThat(c.message()).contains("尚未查核", "not yet verified");
        });
        assertThat(s.confirmAddress("5").ok()).isTrue();
        assertThat(s.transfer("陳小明", NATIONAL_ID, PHONE).ok()).isTrue();
        TakenRequest t = s.submit();
        assertThat(t.notYetVerified()).isTrue();
        assertThat(t.caseNumber()).isEqualTo("T-20261122-001");
        assertThat(taken).isEqualTo(1);
        assertThat(store.unacknowledged()).isEqualTo(1);
        SelfServiceRequest stored = storedRequest();
        assertThat(stored.check()).isEqualTo(KioskCheck.NOT_YET_VERIFIED);
        assertThat(PersonalDataSeal.open(stored.personal(), hub.getPrivate(), stored.requestId(), stored.office()).nationalId()).isEqualTo(NATIONAL_ID);

        List<Path> files;
        try (Stream<Path> f = Files.list(dir)) {
            files = f.filter(p -> p.getFileName().toString().startsWith("office.db")).toList();
        }
        for (Path f : files) {
            String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertThat(raw).as(f.getFileName().toString()).doesNotContain(NATIONAL_ID, PHONE);
        }
        assertThat(t.receipt().lines()).anyMatch(l -> l.contains("not yet verified"));
    }

    @Test
    void receipt_isPrintedWithTheCaseNumberAndWhatHappensNext_masked() {
        SelfServiceSession s = atDetails(RequestKind.TRANSFER);
        s.transfer("陳小明", NATIONAL_ID, PHONE);
        TakenRequest t = s.submit();
        assertThat(t.receipt().caseNumber()).isEqualTo("T-20261122-001");
        assertThat(String.join("\n", t.receipt().lines())).contains("A12****789", "0912***678", MASKED, "call the new holder")
                .doesNotContain(NATIONAL_ID, PHONE, "小明", ADDRESS);
        PrintOutcome outcome = desk.print(t);
        assertThat(outcome.isPrinted()).isTrue();
        String printed = new String(device.received(), Charset.forName("Big5"));
        assertThat(printed).contains("T-20261122-001").doesNotContain(NATIONAL_ID, PHONE);

        SelfServiceSession second = atDetails(RequestKind.TRANSFER);
        second.transfer("陳小明", NATIONAL_ID, PHONE);
        assertThat(second.submit().caseNumber()).isEqualTo("T-20261122-002");
    }

    @Test
    void printerOutOfPaper_leavesTheCaseTaken_andSaysSo() {
        SelfServiceSession s = atDetails(RequestKind.TRANSFER);
        s.transfer("陳小明", NATIONAL_ID, PHONE);
        TakenRequest t = s.submit();
        device.runOutOfPaper();
        assertThat(desk.print(t).isPrinted()).isFalse();
        assertThat(store.status(t.caseNumber())).isPresent();
    }

    private SelfServiceRequest storedRequest() {
        RequestStore.Pending p = store.due(Instant.parse("2100-01-01T00:00:00Z"), 10).get(0);
        return new JsonCodec().decodeOrThrow(p.payload(), SelfServiceRequest.class);
    }
}
