package tw.jiaohao.office.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static tw.jiaohao.office.selfservice.HubLookupResponder.ACCOUNT;
import static tw.jiaohao.office.selfservice.HubLookupResponder.MASKED;
import static tw.jiaohao.office.selfservice.HubLookupResponder.NATIONAL_ID;
import static tw.jiaohao.office.selfservice.HubLookupResponder.PHONE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.kiosk.SelfServiceScreen.Step;
import tw.jiaohao.office.selfservice.HubLookupResponder;
import tw.jiaohao.office.selfservice.RequestStore;
import tw.jiaohao.office.selfservice.SelfServiceNode;
import tw.jiaohao.office.selfservice.SelfServiceSettings;
import tw.jiaohao.office.testing.Await;
import tw.jiaohao.office.testing.EmbeddedBroker;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.selfservice.KioskCheck;
import tw.jiaohao.protocol.selfservice.PersonalDataSeal;
import tw.jiaohao.protocol.selfservice.RequestKind;
import tw.jiaohao.protocol.selfservice.SelfServiceRequest;
import tw.jiaohao.protocol.selfservice.SuspensionReason;

/**
 * Self-service requests walked by touch, headless (Monocle): the real kiosk screen on the real
 * {@link SelfServiceNode} (request outbox in the office's SQLite file, its own MQTT link) and a
 * real embedded broker, where the hub's account look-up is answered by {@link HubLookupResponder};
 * receipts go through the real ESC/POS code to the simulated printer. The kiosk's clock is
 * 10:00 on Monday 2 March 2026 in Taipei.
 */
@ExtendWith(ApplicationExtension.class)
class SelfServiceUiIT {
    private static final Duration PAST_GUARD = Duration.ofSeconds(1);
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final String NAME = "陳小明";
    private static final String CONTACT = "林美華";

    @TempDir
    static Path brokerDir;
    private static EmbeddedBroker broker;

    @TempDir
    Path dir;
    private KioskHarness k;
    private KioskUi ui;
    private SelfServiceNode node;
    private tw.jiaohao.messaging.MqttSession session;
    private HubLookupResponder hub;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kiosk-selfservice");
        t.setDaemon(true);
        return t;
    });

    @BeforeAll
    static void broker() {
        broker = EmbeddedBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        k = new KioskHarness(dir);
        int n = CLIENTS.incrementAndGet();
        OfficeConfig config = TestOffice.config(dir, "mqtt.url=" + broker.url() + "\nmqtt.client-id=ss-ui-" + n);
        KeyPair hubKey = PersonalDataSeal.generateKeyPair();
        Path pem = Files.writeString(dir.resolve("hub.pub.pem"), PersonalDataSeal.toPem(hubKey.getPublic()));
        Properties p = new Properties();
        p.setProperty("selfservice.hub-public-key", pem.toString());
        p.setProperty("selfservice.lookup-timeout-ms", "1000");
        session = tw.jiaohao.office.link.MqttLink.sessionFor(config, config.mqtt(), k.clock).start();
        node = SelfServiceNode.start(config, SelfServiceSettings.from(p), k.office.db, k.office.engine, k.hardware.printer(),
                k.clock, session);
        hub = new HubLookupResponder(broker.url(), "hub-" + n);
        Await.until("self-service link connected", Duration.ofSeconds(20), node.link()::connected);
        ui = k.newUi();
        ui.enableSelfService(node.desk(), worker, InstalledZhuyin.get());
        stage.setScene(new Scene(ui.root(), 1280, 800));
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1280);
        stage.setHeight(800);
        stage.show();
        ui.start();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(ui::stop).get(5, TimeUnit.SECONDS);
        worker.shutdownNow();
        hub.close();
        node.close();
        session.close();
        k.close();
    }

    @Test
    void transfer_walkedByTouch_lookUpOffTheFxThread_idValidatedAsTyped_summaryInFull_receiptPrinted(FxRobot robot) {
        start(robot, RequestKind.TRANSFER);
        assertThat(text(robot, "#ss-title")).isEqualTo("自助申辦：過戶");
        keypad(robot, "33004567890");
        assertThat(textField(robot, "#ss-account")).isEqualTo(ACCOUNT);
        hub.hold();
        robot.clickOn("#ss-lookup");
        // the hub is slow: the screen shows the look-up in progress and stays responsive
        waitFx("look-up in progress", () -> ui.selfServiceStep() == Step.LOOKING);
        assertThat(text(robot, "#ss-busy")).isEqualTo("正在查詢帳戶，請稍候…");
        hub.release();
        step(robot, Step.ADDRESS);
        assertThat(text(robot, "#ss-address")).isEqualTo(MASKED);
        assertThat(robot.lookup("#ss-unverified").tryQuery()).isEmpty();

        keypad(robot, "7");
        robot.clickOn("#ss-confirm-address");
        waitFx("mismatch said", () -> text(robot, "#ss-problem").equals("門牌號碼與此水號的用水地址不符，請再確認。"));
        assertThat(ui.selfServiceStep()).isEqualTo(Step.ADDRESS);
        keypad(robot, "5");
        robot.clickOn("#ss-confirm-address");
        // the personal-data notice comes before the ID and phone are asked
        step(robot, Step.NOTICE);
        assertThat(text(robot, "#ss-privacy-title")).contains("個人資料保護法第 8 條");
        assertThat(text(robot, "#ss-privacy-body")).contains("蒐集", "目的", "第 3 條", "刪除");
        robot.clickOn("#ss-privacy-ok");
        step(robot, Step.TRANSFER);

        robot.clickOn("#ss-name").write(NAME);
        robot.clickOn("#ss-id");
        keypad(robot, "A12345678");
        assertThat(text(robot, "#ss-id-problem")).as("nothing to say while the number can still be right").isEmpty();
        keypad(robot, "8");
        assertThat(text(robot, "#ss-id-problem")).isEqualTo("檢查碼不符，請確認是否輸入錯誤。");
        robot.clickOn("#ss-phone");
        keypad(robot, PHONE);
        assertThat(robot.lookup("#ss-next").queryButton().isDisabled()).as("no next step with a bad ID").isTrue();
        robot.clickOn("#ss-id");
        robot.clickOn("#ss-key-delete");
        keypad(robot, "9");
        assertThat(text(robot, "#ss-id-problem")).isEmpty();
        touchTargetsAreLargeEnough(robot);
        robot.clickOn("#ss-next");
        step(robot, Step.SUMMARY);
        // the customer's own entries in full, on the customer's own screen, to catch a typo
        assertThat(text(robot, "#ss-summary-new-holder")).isEqualTo(NAME);
        assertThat(text(robot, "#ss-summary-id")).isEqualTo(NATIONAL_ID);
        assertThat(text(robot, "#ss-summary-phone")).isEqualTo(PHONE);
        assertThat(text(robot, "#ss-summary-account")).isEqualTo(ACCOUNT);
        // the address comes from the hub: still masked
        assertThat(text(robot, "#ss-summary-address")).isEqualTo(MASKED);
        assertThat(robot.lookup("#ss-edit-new-holder").tryQuery()).isPresent();
        assertThat(robot.lookup("#ss-edit-id").tryQuery()).isPresent();
        assertThat(robot.lookup("#ss-edit-phone").tryQuery()).isPresent();
        touchTargetsAreLargeEnough(robot);

        robot.clickOn("#ss-submit");
        step(robot, Step.RECEIPT);
        assertThat(text(robot, "#ss-case-number")).isEqualTo("T-20260302-001");
        assertThat(text(robot, "#ss-receipt-check")).isEqualTo("已完成線上查核。");
        waitFx("printed", () -> text(robot, "#ss-print-status").equals("請取走收據；查詢時請提供案件編號。"));
        assertThat(k.device.pages()).hasSize(1);
        SelfServiceRequest stored = stored();
        assertThat(stored.kind()).isEqualTo(RequestKind.TRANSFER);
        assertThat(stored.check()).isEqualTo(KioskCheck.CHECKED_ONLINE);
        assertThat(ui.metrics().requestsTaken()).isEqualTo(1);
        assertThat(hub.answered()).isEqualTo(3);
        assertThat(k.callers.threads).noneMatch(t -> t.contains("JavaFX"));
        // the receipt goes home by itself, like a printed ticket
        advance(robot, k.settings.ticketShown());
        assertThat(ui.screen()).isEqualTo(KioskUi.Screen.HOME);
    }

    @Test
    void suspension_todayCannotBePicked_secondConfirmation_receiptNotPrinted_keepsTheCaseNumber(FxRobot robot) {
        toAddressConfirmed(robot, RequestKind.SUSPENSION);
        step(robot, Step.REASON);
        robot.clickOn("#ss-reason-MOVING_OUT");
        step(robot, Step.DATE);
        Button today = robot.lookup("#ss-day-2026-03-02").queryButton();
        assertThat(today.isDisabled()).isTrue();
        assertThat(today.getText()).isEqualTo("今天\n不可選");
        robot.clickOn("#ss-day-2026-03-02");
        assertThat(text(robot, "#ss-date-chosen")).isEqualTo("尚未選擇日期");
        assertThat(robot.lookup("#ss-next").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#ss-days-earlier").queryButton().isDisabled()).isTrue();
        robot.clickOn("#ss-day-2026-03-04");
        assertThat(text(robot, "#ss-date-chosen")).isEqualTo("停用日期：2026-03-04");
        robot.clickOn("#ss-next");
        step(robot, Step.CONTACT);
        robot.clickOn("#ss-name").write(CONTACT);
        robot.clickOn("#ss-phone");
        keypad(robot, PHONE);
        robot.clickOn("#ss-next");
        step(robot, Step.CONFIRM_AGAIN);
        assertThat(text(robot, "#ss-address")).isEqualTo(MASKED);
        assertThat(text(robot, "#ss-again-question")).isEqualTo("請再次確認：要停止供水的是這個地址嗎？");
        touchTargetsAreLargeEnough(robot);
        robot.clickOn("#ss-confirm-yes");
        step(robot, Step.SUMMARY);
        assertThat(text(robot, "#ss-summary-date")).isEqualTo("2026-03-04");
        assertThat(text(robot, "#ss-summary-reason")).isEqualTo("遷出");
        assertThat(text(robot, "#ss-summary-contact")).isEqualTo(CONTACT);
        assertThat(text(robot, "#ss-summary-phone")).isEqualTo(PHONE);

        k.device.runOutOfPaper();
        robot.clickOn("#ss-submit");
        step(robot, Step.RECEIPT);
        waitFx("failure said", () -> text(robot, "#ss-print-status").equals("印表機發生問題，收據無法列印。"));
        assertThat(robot.lookup("#ss-print-photo").queryLabeled().isVisible()).isTrue();
        assertThat(text(robot, "#ss-case-number")).isEqualTo("S-20260302-001");
        assertThat(text(robot, "#ss-receipt-next")).contains("2026-03-04");
        SelfServiceRequest stored = stored();
        assertThat(stored.addressConfirmations()).isEqualTo(2);
        assertThat(stored.effectiveDate()).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(stored.reason()).isEqualTo(SuspensionReason.MOVING_OUT);
        // kept on screen like a ticket that did not print, long enough to photograph
        advance(robot, Duration.ofSeconds(60));
        assertThat(text(robot, "#ss-case-number")).isEqualTo("S-20260302-001");
        advance(robot, Duration.ofSeconds(61));
        assertThat(ui.screen()).isEqualTo(KioskUi.Screen.HOME);
    }

    @Test
    void arrears_scannedBillQr_politeRefusal_thenATicketForTheBillsCounter(FxRobot robot) {
        hub.arrears(true);
        start(robot, RequestKind.TRANSFER);
        // the bill scanner is a keyboard wedge: it types the QR code's text and Enter into the focused field
        waitFx("account field focused", () -> robot.lookup("#ss-account").query().isFocused());
        robot.write("https://pay.example.com.tw/water?account=3-3004-5678-90&period=202602").type(KeyCode.ENTER);
        step(robot, Step.REFUSED);
        assertThat(text(robot, "#ss-message")).startsWith("此水號目前尚有未繳的水費，依規定須先繳清才能辦理。");
        assertThat(ui.metrics().requestsRefused()).isEqualTo(1);
        touchTargetsAreLargeEnough(robot);
        robot.clickOn("#ss-take-ticket");
        waitFx("ticket A001", () -> ui.screen() == KioskUi.Screen.TICKET && text(robot, "#ticket-number").equals("A001"));
        waitFx("printed", () -> text(robot, "#print-status").equals("請取走號碼牌，留意叫號。"));
        assertThat(k.device.pages()).hasSize(1);
        assertThat(node.requests().unacknowledged()).isZero();
    }

    @Test
    void hubUnreachable_inEnglish_theRequestIsTakenNotYetVerified(FxRobot robot) {
        hub.reachable(false);
        home(robot);
        robot.clickOn("#lang-en");
        assertThat(text(robot, "#ss-entry")).isEqualTo("Self-service (no queue)\nTransfer, suspension");
        robot.clickOn("#ss-entry");
        settle(robot);
        robot.clickOn("#ss-kind-TRANSFER");
        settle(robot);
        keypad(robot, ACCOUNT);
        robot.clickOn("#ss-lookup");
        step(robot, Step.ADDRESS);
        assertThat(text(robot, "#ss-unverified")).startsWith("We cannot reach head office to check right now.");
        assertThat(text(robot, "#ss-address")).isEqualTo("(checked later)");
        keypad(robot, "5");
        robot.clickOn("#ss-confirm-address");
        step(robot, Step.NOTICE);
        assertThat(text(robot, "#ss-privacy-title")).contains("Personal Data Protection Act, Art. 8");
        assertThat(text(robot, "#ss-privacy-body")).contains("collects", "purpose", "Art. 3");
        robot.clickOn("#ss-privacy-ok");
        step(robot, Step.TRANSFER);
        robot.clickOn("#ss-name").write(NAME);
        robot.clickOn("#ss-id");
        keypad(robot, NATIONAL_ID);
        robot.clickOn("#ss-phone");
        keypad(robot, PHONE);
        robot.clickOn("#ss-next");
        step(robot, Step.SUMMARY);
        robot.clickOn("#ss-submit");
        step(robot, Step.RECEIPT);
        assertThat(text(robot, "#ss-case-number")).isEqualTo("T-20260302-001");
        assertThat(text(robot, "#ss-receipt-check")).contains("not yet verified");
        waitFx("printed", () -> text(robot, "#ss-print-status").startsWith("Please take your receipt"));
        assertThat(stored().check()).isEqualTo(KioskCheck.NOT_YET_VERIFIED);
        assertThat(node.requests().unacknowledged()).isEqualTo(1);
        assertThat(hub.answered()).isZero();
    }

    @Test
    void suspension_forATenantDispute_isRefusedWithAdviceToUseLegalChannels(FxRobot robot) {
        toAddressConfirmed(robot, RequestKind.SUSPENSION);
        step(robot, Step.REASON);
        robot.clickOn("#ss-reason-TENANT_DISPUTE");
        step(robot, Step.REFUSED);
        assertThat(text(robot, "#ss-message")).contains("恕無法受理", "法律途徑");
        assertThat(robot.lookup("#ss-take-ticket").tryQuery()).isEmpty();
        assertThat(ui.metrics().requestsRefused()).isEqualTo(1);
        assertThat(node.requests().unacknowledged()).isZero();
        robot.clickOn("#ss-home");
        waitFx("home", () -> ui.screen() == KioskUi.Screen.HOME);
    }

    @Test
    void idle_warnsWithACountdown_thenReturnsHome_andForgetsTheTypedId(FxRobot robot) {
        toAddressConfirmed(robot, RequestKind.TRANSFER);
        step(robot, Step.TRANSFER);
        robot.clickOn("#ss-name").write(NAME);
        robot.clickOn("#ss-id");
        keypad(robot, NATIONAL_ID);
        TextField id = robot.lookup("#ss-id").queryAs(TextField.class);
        TextField name = robot.lookup("#ss-name").queryAs(TextField.class);
        assertThat(textField(robot, "#ss-id")).isEqualTo(NATIONAL_ID);
        advance(robot, k.settings.idleTimeout().minusSeconds(2));
        assertThat(ui.selfServiceStep()).isEqualTo(Step.TRANSFER);
        assertThat(onFx(() -> ui.idleWarningShown())).isFalse();
        advance(robot, Duration.ofSeconds(3));
        assertThat(onFx(() -> ui.idleWarningShown())).isTrue();
        assertThat(text(robot, "#idle-title")).isEqualTo("還需要時間嗎？");
        assertThat(text(robot, "#idle-countdown")).isEqualTo("19 秒後將清除您輸入的資料並回到首頁。");
        assertThat(textField(robot, "#ss-id")).as("nothing wiped while asking").isEqualTo(NATIONAL_ID);
        advance(robot, k.settings.idleWarning().minusSeconds(2));
        assertThat(ui.selfServiceStep()).isEqualTo(Step.TRANSFER);
        advance(robot, Duration.ofSeconds(2));
        assertThat(onFx(() -> ui.idleWarningShown())).isFalse();
        assertThat(ui.screen()).isEqualTo(KioskUi.Screen.HOME);
        assertThat(ui.selfServiceStep()).isNull();
        assertThat(ui.metrics().idleResets()).isEqualTo(1);
        assertThat(onFx(() -> (String) id.getText())).isEmpty();
        assertThat(onFx(() -> (String) name.getText())).isEmpty();
        assertThat(onFx(() -> id.getScene())).isNull();
        // a new customer starts from nothing
        settle(robot);
        robot.clickOn("#ss-entry");
        settle(robot);
        robot.clickOn("#ss-kind-TRANSFER");
        settle(robot);
        assertThat(textField(robot, "#ss-account")).isEmpty();
        assertThat(node.requests().unacknowledged()).isZero();
    }

    @Test
    void names_typedIn注音_onTheTouchscreenAlone_surnameFirst_andLettersForForeignNames(FxRobot robot) {
        toAddressConfirmed(robot, RequestKind.TRANSFER);
        step(robot, Step.TRANSFER);
        // the name field comes first, with the 注音 keys
        waitFx("注音 keys", () -> robot.lookup("#ss-zy-pad").tryQuery().map(Node::isVisible).orElse(false));
        zhuyin(robot, "ㄌㄧㄣˊ");
        assertThat(candidates(robot).get(0)).as("the surname first").isEqualTo("林");
        candidate(robot, "林");
        zhuyin(robot, "ㄓˋ");
        candidate(robot, "志");
        zhuyin(robot, "ㄇㄧㄥˊ");
        candidate(robot, "明");
        assertThat(textField(robot, "#ss-name")).isEqualTo("林志明");

        for (int i = 0; i < 3; i++) {
            robot.clickOn("#ss-zy-delete");
        }
        assertThat(textField(robot, "#ss-name")).isEmpty();
        zhuyin(robot, "ㄔㄣˊ");
        assertThat(candidates(robot).get(0)).isEqualTo("陳");
        candidate(robot, "陳");
        zhuyin(robot, "ㄧˊ");
        candidate(robot, "怡");
        zhuyin(robot, "ㄐㄩㄣˉ");
        candidate(robot, "君");
        assertThat(textField(robot, "#ss-name")).isEqualTo("陳怡君");

        // a syllable typed wrong is taken back a symbol at a time, the name kept
        zhuyin(robot, "ㄇㄧ");
        robot.clickOn("#ss-zy-delete-b");
        robot.clickOn("#ss-zy-delete-b");
        assertThat(textField(robot, "#ss-name")).isEqualTo("陳怡君");
        assertThat(candidates(robot)).isEmpty();

        // a foreign name in letters, then back to 注音
        robot.clickOn("#ss-zy-delete").clickOn("#ss-zy-delete").clickOn("#ss-zy-delete");
        robot.clickOn("#ss-zy-abc");
        for (char c : "LEE".toCharArray()) {
            robot.clickOn("#ss-key-" + c);
        }
        assertThat(textField(robot, "#ss-name")).isEqualTo("LEE");
        robot.clickOn("#ss-key-123");
        assertThat(robot.lookup("#ss-zy-pad").tryQuery()).isPresent();
        touchTargetsAreLargeEnough(robot);
    }

    @Test
    void aTypoSeenOnTheSummary_isEditedThere_everyOtherValueKept(FxRobot robot) {
        toAddressConfirmed(robot, RequestKind.TRANSFER);
        step(robot, Step.TRANSFER);
        // 林志民 where 林志明 was meant
        zhuyin(robot, "ㄌㄧㄣˊ");
        candidate(robot, "林");
        zhuyin(robot, "ㄓˋ");
        candidate(robot, "志");
        zhuyin(robot, "ㄇㄧㄣˊ");
        candidate(robot, "民");
        robot.clickOn("#ss-id");
        keypad(robot, NATIONAL_ID);
        robot.clickOn("#ss-phone");
        keypad(robot, PHONE);
        robot.clickOn("#ss-next");
        step(robot, Step.SUMMARY);
        assertThat(text(robot, "#ss-summary-new-holder")).isEqualTo("林志民");

        robot.clickOn("#ss-edit-new-holder");
        step(robot, Step.TRANSFER);
        assertThat(textField(robot, "#ss-name")).isEqualTo("林志民");
        assertThat(textField(robot, "#ss-id")).isEqualTo(NATIONAL_ID);
        assertThat(textField(robot, "#ss-phone")).isEqualTo(PHONE);
        waitFx("the name field has the keys", () -> robot.lookup("#ss-zy-pad").tryQuery().isPresent());
        robot.clickOn("#ss-zy-delete");
        zhuyin(robot, "ㄇㄧㄥˊ");
        candidate(robot, "明");
        robot.clickOn("#ss-next");
        step(robot, Step.SUMMARY);
        assertThat(text(robot, "#ss-summary-new-holder")).isEqualTo("林志明");
        assertThat(text(robot, "#ss-summary-id")).isEqualTo(NATIONAL_ID);

        // the phone too, from its own edit button
        robot.clickOn("#ss-edit-phone");
        step(robot, Step.TRANSFER);
        waitFx("phone focused", () -> robot.lookup("#ss-phone").query().isFocused());
        robot.clickOn("#ss-key-delete");
        keypad(robot, "9");
        robot.clickOn("#ss-next");
        step(robot, Step.SUMMARY);
        assertThat(text(robot, "#ss-summary-phone")).isEqualTo(PHONE.substring(0, PHONE.length() - 1) + "9");

        robot.clickOn("#ss-submit");
        step(robot, Step.RECEIPT);
        assertThat(text(robot, "#ss-case-number")).isEqualTo("T-20260302-001");
        assertThat(stored().kind()).isEqualTo(RequestKind.TRANSFER);
        waitFx("printed", () -> text(robot, "#ss-print-status").equals("請取走收據；查詢時請提供案件編號。"));
    }

    @Test
    void needMoreTime_continue_keepsEverything_andScannerOrKeysCountAsActivity(FxRobot robot) {
        toAddressConfirmed(robot, RequestKind.TRANSFER);
        step(robot, Step.TRANSFER);
        robot.clickOn("#ss-name").write(NAME);
        robot.clickOn("#ss-id");
        keypad(robot, NATIONAL_ID);
        advance(robot, k.settings.idleTimeout().plusSeconds(5));
        assertThat(onFx(() -> ui.idleWarningShown())).isTrue();
        assertThat(text(robot, "#idle-countdown")).isEqualTo("15 秒後將清除您輸入的資料並回到首頁。");
        robot.clickOn("#idle-continue");
        assertThat(onFx(() -> ui.idleWarningShown())).isFalse();
        assertThat(ui.selfServiceStep()).isEqualTo(Step.TRANSFER);
        assertThat(textField(robot, "#ss-id")).isEqualTo(NATIONAL_ID);
        assertThat(textField(robot, "#ss-name")).isEqualTo(NAME);
        // the timer started again from the tap
        advance(robot, k.settings.idleTimeout().minusSeconds(1));
        assertThat(onFx(() -> ui.idleWarningShown())).isFalse();

        // keys typed (a keyboard, or the bill scanner, a keyboard wedge) are activity as much as a touch
        robot.clickOn("#ss-phone");
        advance(robot, k.settings.idleTimeout().minusSeconds(5));
        robot.write("0912");
        advance(robot, Duration.ofSeconds(10));
        assertThat(onFx(() -> ui.idleWarningShown())).isFalse();
        advance(robot, k.settings.idleTimeout());
        assertThat(onFx(() -> ui.idleWarningShown())).isTrue();
        assertThat(ui.metrics().idleWarnings()).isEqualTo(2);
    }

    @Test
    void aTapRightAfterTheIdleReset_issuesNothing(FxRobot robot) {
        toAddressConfirmed(robot, RequestKind.TRANSFER);
        step(robot, Step.TRANSFER);
        robot.clickOn("#ss-name").write(NAME);
        advance(robot, k.settings.idleTimeout().plus(k.settings.idleWarning()));
        assertThat(ui.screen()).isEqualTo(KioskUi.Screen.HOME);
        // the tap meant for 下一步 lands on the home screen's 優先 tile at once: it does nothing
        long ignored = ui.metrics().touchesIgnored();
        robot.clickOn("#category-P");
        assertThat(ui.metrics().touchesIgnored()).isEqualTo(ignored + 1);
        assertThat(ui.screen()).isEqualTo(KioskUi.Screen.HOME);
        assertThat(ui.metrics().ticketsShown()).isZero();
        assertThat(k.office.engine.snapshot().categories().stream().mapToInt(c -> c.waiting()).sum()).isZero();
        // a deliberate tap a moment later does issue one
        settle(robot);
        robot.clickOn("#category-P");
        waitFx("ticket P001", () -> ui.screen() == KioskUi.Screen.TICKET && text(robot, "#ticket-number").equals("P001"));
    }

    // ---- helpers ----

    /** Taps the 注音 keys of {@code symbols} as a customer would, turning the key page when a symbol is on the other. */
    private void zhuyin(FxRobot robot, String symbols) {
        for (char c : symbols.toCharArray()) {
            String key = "#ss-zy-" + Integer.toHexString(c);
            if (robot.lookup(key).tryQuery().isEmpty()) {
                robot.clickOn(robot.lookup("#ss-zy-finals").tryQuery().isPresent() ? "#ss-zy-finals" : "#ss-zy-initials");
            }
            robot.clickOn(key);
        }
    }

    /** The characters on the candidate bar now. */
    private List<String> candidates(FxRobot robot) {
        return onFx(() -> robot.lookup(".zy-candidate").queryAllAs(Button.class).stream().filter(b -> !b.isDisabled())
                .map(Button::getText).toList());
    }

    /** Taps {@code character} on the candidate bar, paging with "more" until it shows, as a customer would. */
    private void candidate(FxRobot robot, String character) {
        for (int page = 0; page < 20; page++) {
            var b = onFx(() -> robot.lookup(".zy-candidate").queryAllAs(Button.class).stream()
                    .filter(x -> character.equals(x.getText())).findFirst());
            if (b.isPresent()) {
                robot.clickOn(b.get());
                return;
            }
            robot.clickOn("#ss-zy-more");
        }
        throw new AssertionError(character + " not among the candidates");
    }

    private void home(FxRobot robot) {
        waitFx("categories shown", () -> robot.lookup("#category-P").tryQuery().isPresent());
        settle(robot);
    }

    private void start(FxRobot robot, RequestKind kind) {
        home(robot);
        robot.clickOn("#ss-entry");
        settle(robot);
        assertThat(ui.selfServiceStep()).isEqualTo(Step.KIND);
        robot.clickOn("#ss-kind-" + kind.name());
        step(robot, Step.ACCOUNT);
    }

    private void toAddressConfirmed(FxRobot robot, RequestKind kind) {
        start(robot, kind);
        keypad(robot, ACCOUNT);
        robot.clickOn("#ss-lookup");
        step(robot, Step.ADDRESS);
        keypad(robot, "5");
        robot.clickOn("#ss-confirm-address");
        step(robot, Step.NOTICE);
        robot.clickOn("#ss-privacy-ok");
    }

    /** Touches the on-screen keys for {@code typed} (letters through the ABC key). */
    private void keypad(FxRobot robot, String typed) {
        for (char c : typed.toCharArray()) {
            if (Character.isLetter(c)) {
                robot.clickOn("#ss-key-abc");
            }
            robot.clickOn("#ss-key-" + c);
        }
    }

    private void step(FxRobot robot, Step step) {
        waitFx("step " + step, () -> ui.selfServiceStep() == step);
        settle(robot);
    }

    private SelfServiceRequest stored() {
        List<RequestStore.Pending> pending = node.requests().due(Instant.parse("2100-01-01T00:00:00Z"), 10);
        assertThat(pending).hasSize(1);
        return new JsonCodec().decodeOrThrow(pending.get(0).payload(), SelfServiceRequest.class);
    }

    private List<String> visibleTexts(FxRobot robot) {
        return onFx(() -> robot.lookup(".label").queryAllAs(Labeled.class).stream().filter(Node::isVisible)
                .map(Labeled::getText).filter(t -> t != null).toList());
    }

    private void touchTargetsAreLargeEnough(FxRobot robot) {
        double min = ui.fit().touch();
        List<Button> buttons = onFx(() -> robot.lookup(".button").queryAllAs(Button.class).stream()
                .filter(Node::isVisible).filter(b -> b.getScene() != null).toList());
        assertThat(buttons).isNotEmpty().allSatisfy(b -> {
            assertThat(b.getHeight()).as(b.getId() + " height").isGreaterThanOrEqualTo(min);
            assertThat(b.getWidth()).as(b.getId() + " width").isGreaterThanOrEqualTo(min);
        });
    }

    private static String text(FxRobot robot, String query) {
        return onFx(() -> robot.lookup(query).queryAs(Labeled.class).getText());
    }

    private static String textField(FxRobot robot, String query) {
        return onFx(() -> robot.lookup(query).queryAs(TextField.class).getText());
    }

    private static <T> T onFx(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("JavaFX thread: " + e, e);
        }
    }

    private void settle(FxRobot robot) {
        advance(robot, PAST_GUARD);
    }

    private void advance(FxRobot robot, Duration d) {
        robot.interact(() -> k.timers.advance(d));
    }

    private static void waitFx(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> {
                try {
                    return WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    return false;
                }
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what);
        }
    }
}
