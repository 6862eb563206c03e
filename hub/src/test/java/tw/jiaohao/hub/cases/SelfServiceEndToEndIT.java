package tw.jiaohao.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static tw.jiaohao.hub.testing.PersonalTestData.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hardware.printing.TicketPrinter;
import tw.jiaohao.hardware.printing.escpos.CjkFonts;
import tw.jiaohao.hardware.printing.escpos.PrinterProfile;
import tw.jiaohao.hardware.printing.escpos.PrinterProfiles;
import tw.jiaohao.hardware.printing.escpos.TextRasterizer;
import tw.jiaohao.hardware.printing.escpos.TicketEncoder;
import tw.jiaohao.hardware.printing.sim.SimulatedPrinter;
import tw.jiaohao.hardware.printing.transport.EscPosTicketPrinter;
import tw.jiaohao.hub.accounts.AccountImporter;
import tw.jiaohao.hub.accounts.SqliteAccountStore;
import tw.jiaohao.hub.broker.EmbeddedBroker;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.messaging.Backoff;
import tw.jiaohao.office.selfservice.RequestStore;
import tw.jiaohao.office.selfservice.SelfServiceNode;
import tw.jiaohao.office.selfservice.SelfServiceSession;
import tw.jiaohao.office.selfservice.SelfServiceSettings;
import tw.jiaohao.office.selfservice.TakenRequest;
import tw.jiaohao.office.ticketing.OfficeDatabase;
import tw.jiaohao.office.ticketing.QueueEngine;
import tw.jiaohao.protocol.selfservice.KioskCheck;
import tw.jiaohao.protocol.selfservice.RequestKind;
import tw.jiaohao.protocol.selfservice.SuspensionReason;
import tw.jiaohao.protocol.selfservice.Verification;

/**
 * The whole self-service path with real parts: an office node (SQLite, request outbox, its
 * MQTT link), the embedded broker, the hub (accounts, cases, keys). A request taken while the
 * broker is down, then published while the hub is down, is verified when the hub comes back,
 * and the office node learns the verdict.
 */
class SelfServiceEndToEndIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String OFFICE = "taipei-e2e";

    @TempDir
    Path dir;

    @Test
    void requestTakenWithBrokerAndHubDown_isVerifiedLater_andTheOfficeLearnsTheVerdict() throws Exception {
        HubKeys.create(dir.resolve("keys"));
        try (SqliteAccountStore accounts = SqliteAccountStore.open(dir.resolve("hub.db"))) {
            new AccountImporter(accounts, Clock.systemUTC(), 100).importFile(extract(dir), AccountImporter.Progress.NONE);
        }
        Properties hp = new Properties();
        hp.setProperty("selfservice.keys-dir", dir.resolve("keys").toString());
        SelfServiceConfig hubConfig = SelfServiceConfig.from(hp);

        try (EmbeddedBroker broker = new EmbeddedBroker(dir.resolve("broker")).start(0)) {
            SelfServiceHub.Broker hubBroker = new SelfServiceHub.Broker(broker.url(), null, null, 3600);
            SelfServiceHub.start(hubConfig, dir.resolve("hub.db"), hubBroker, ZoneId.of("Asia/Taipei"), Clock.systemUTC()).close();
            broker.stop();

            Properties op = new Properties();
            op.setProperty("office.id", OFFICE);
            op.setProperty("mqtt.broker", broker.url());
            op.setProperty("selfservice.hub-public-key", dir.resolve("keys").resolve(HubKeys.SEAL_PUBLIC).toString());
            op.setProperty("selfservice.lookup-timeout-ms", "1500");
            OfficeConfig office = OfficeConfigLoader.fromProperties(op).withDatabasePath(dir.resolve("office.db"));
            SelfServiceSettings settings = SelfServiceSettings.from(op);
            PrinterProfile profile = PrinterProfiles.get("80mm-cjk");
            try (OfficeDatabase db = OfficeDatabase.open(office.databasePath(), OFFICE);
                 QueueEngine engine = new QueueEngine(office, db, Clock.systemUTC());
                 TicketPrinter printer = new EscPosTicketPrinter(new TicketEncoder(profile,
                         new TextRasterizer(CjkFonts.load(CjkFonts.DEFAULT_FILE, CjkFonts.SANS_TC))),
                         new SimulatedPrinter(profile, CjkFonts.load(CjkFonts.DEFAULT_FILE, CjkFonts.MONO_TC), null), Duration.ofSeconds(2));
                 tw.jiaohao.messaging.MqttSession session = tw.jiaohao.office.link.MqttLink.sessionFor(office,
                         office.mqtt().withBackoff(new Backoff(Duration.ofMillis(100), Duration.ofMillis(500))), Clock.systemUTC()).start();
                 SelfServiceNode node = SelfServiceNode.start(office, settings, db, engine, printer, Clock.systemUTC(), session)) {

                // Broker down: the request is still taken, not yet verified.
                SelfServiceSession s = node.desk().begin(RequestKind.SUSPENSION);
                assertThat(s.lookUp(ACCOUNT_OK)).isInstanceOfSatisfying(SelfServiceSession.LookupResult.ConfirmAddress.class,
                        c -> assertThat(c.notYetVerified()).isTrue());
                assertThat(s.confirmAddress(HOUSE_OK).ok()).isTrue();
                LocalDate tomorrow = s.earliestEffectiveDate();
                assertThat(s.suspension(SuspensionReason.MOVING_OUT, tomorrow.plusDays(1), CONTACT, PHONE_2).ok()).isTrue();
                assertThat(s.confirmAddressAgain(true).ok()).isTrue();
                TakenRequest taken = s.submit();
                assertThat(taken.notYetVerified()).isTrue();
                assertThat(node.desk().print(taken).isPrinted()).isTrue();
                RequestStore requests = node.requests();
                assertThat(requests.status(taken.caseNumber()).orElseThrow().publishCount()).isZero();

                // Broker back, hub still down: the request reaches the broker and waits in the hub's session.
                broker.start();
                Poll.until(WAIT, "request published", () -> requests.status(taken.caseNumber()).orElseThrow().publishCount() > 0);
                assertThat(requests.status(taken.caseNumber()).orElseThrow().verification()).isNull();

                // Hub back: verified, and the office node gets the verdict.
                try (SelfServiceHub hub = SelfServiceHub.start(hubConfig, dir.resolve("hub.db"), hubBroker, ZoneId.of("Asia/Taipei"), Clock.systemUTC())) {
                    Poll.until(WAIT, "hub acknowledgement at the office",
                            () -> requests.status(taken.caseNumber()).orElseThrow().verification() != null);
                    assertThat(requests.status(taken.caseNumber()).orElseThrow().verification()).isEqualTo(Verification.VERIFIED);
                    assertThat(requests.unacknowledged()).isZero();
                    CaseDetail c = hub.cases().view(new Staff("mgr", Role.OFFICE_MANAGER, OFFICE), OFFICE, taken.caseNumber());
                    assertThat(c.summary().state()).isEqualTo(CaseState.VERIFIED);
                    assertThat(c.summary().kioskCheck()).isEqualTo(KioskCheck.NOT_YET_VERIFIED);
                    assertThat(c.personal().phone()).isEqualTo(PHONE_2);
                    assertThat(c.personal().serviceAddress()).isEqualTo(ADDRESS_OK);

                    // Online now: the real look-up refuses an account with arrears at the kiosk.
                    Poll.until(WAIT, "office link connected", node.link()::connected);
                    SelfServiceSession online = node.desk().begin(RequestKind.TRANSFER);
                    assertThat(online.lookUp(ACCOUNT_ARREARS)).isInstanceOfSatisfying(SelfServiceSession.LookupResult.Refused.class,
                            r -> assertThat(r.ticketOffered()).isTrue());
                    SelfServiceSession ok = node.desk().begin(RequestKind.TRANSFER);
                    assertThat(ok.lookUp(ACCOUNT_OK)).isEqualTo(new SelfServiceSession.LookupResult.ConfirmAddress(
                            "臺北市中山區民生東路一段**巷*號*樓", false, null));
                    assertThat(ok.confirmAddress("23").ok()).as("the hub compares the house number").isFalse();
                    assertThat(ok.confirmAddress(HOUSE_OK).ok()).isTrue();
                    assertThat(ok.transfer(NEW_HOLDER, NATIONAL_ID, PHONE).ok()).isTrue();
                    TakenRequest online2 = ok.submit();
                    assertThat(online2.notYetVerified()).isFalse();
                    Poll.until(WAIT, "second request verified",
                            () -> requests.status(online2.caseNumber()).orElseThrow().verification() == Verification.VERIFIED);
                }
            }
            assertThat(Files.exists(dir.resolve("office.db"))).isTrue();
        }
    }
}
