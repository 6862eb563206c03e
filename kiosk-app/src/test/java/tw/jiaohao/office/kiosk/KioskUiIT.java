package tw.jiaohao.office.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.device.PrinterCondition;
import tw.jiaohao.protocol.notice.Notice;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.notice.NoticeKind;
import tw.jiaohao.protocol.state.StateSnapshot.CategoryView;

/**
 * The kiosk walked by touch, headless (Monocle): the real screen, the real queue engine on a
 * SQLite file, the real ESC/POS printer code on the hardware module's simulated printer.
 */
@ExtendWith(ApplicationExtension.class)
class KioskUiIT {
    private static final Duration PAST_GUARD = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    private KioskHarness k;
    private KioskUi ui;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        k = new KioskHarness(dir);
        ui = k.newUi();
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
        k.close();
    }

    @Test
    void aTicketInEachCategory_showsNumberQrAndPrintsIt(FxRobot robot) {
        home(robot);
        for (String code : List.of("A", "B", "C", "D", "P")) {
            robot.clickOn("#category-" + code);
            waitFx("ticket " + code + "001 on screen", () -> ui.screen() == KioskUi.Screen.TICKET
                    && text(robot, "#ticket-number").equals(code + "001"));
            assertThat(robot.lookup("#ticket-qr").queryAs(ImageView.class).getImage()).isNotNull();
            assertThat(text(robot, "#ticket-ahead")).isEqualTo("前面沒有人，請留意叫號");
            if (code.equals("P")) {
                    }
            waitFx("printed", () -> text(robot, "#print-status").equals("請取走號碼牌，留意叫號。"));
            touchTargetsAreLargeEnough(robot);
            settle(robot);
            robot.clickOn("#done");
            waitFx("home again", () -> ui.screen() == KioskUi.Screen.HOME);
            settle(robot);
        }
        assertThat(k.device.pages()).hasSize(5);
        assertThat(k.office.engine.snapshot().categories()).allSatisfy(c -> assertThat(c.waiting()).isEqualTo(1));
        waitFx("home shows one waiting in A", () -> text(robot, "#waiting-A").equals("等候 1 人"));
        assertThat(k.hub.reports).containsExactly(PrinterCondition.READY);
        assertThat(ui.metrics().ticketsPrinted()).isEqualTo(5);
        assertThat(k.callers.threads).isNotEmpty().noneMatch(t -> t.contains("JavaFX"));
    }

    @Test
    void secondTicketInACategory_showsPeopleAheadAndEstimate(FxRobot robot) {
        assertThat(k.office.command(5, CommandAction.OPEN).code().name()).isEqualTo("OK");
        home(robot);
        takeTicket(robot, "D", "D001");
        robot.clickOn("#category-D");
        waitFx("D002", () -> text(robot, "#ticket-number").equals("D002"));
        assertThat(text(robot, "#ticket-ahead")).isEqualTo("前面還有 1 人");
        int estimate = k.office.engine.snapshot().categories().stream().filter(c -> c.code().equals("D")).findFirst()
                .map(CategoryView::estimateMinutes).orElseThrow();
        assertThat(text(robot, "#ticket-estimate")).matches("預估等候約 \\d+–\\d+ 分鐘");
        assertThat(estimate).isPositive();
    }

    @Test
    void aCategoryNoOpenCounterServes_saysSoOnItsTileAndTicket_neverNoWait(FxRobot robot) {
        home(robot);
        waitFx("the D tile says no counter is open", () -> text(robot, "#estimate-D").equals("目前沒有開放的櫃台辦理此項"));
        robot.clickOn("#category-D");
        waitFx("D001", () -> text(robot, "#ticket-number").equals("D001"));
        assertThat(text(robot, "#ticket-estimate")).isEqualTo("目前沒有開放的櫃台辦理此項，櫃台開放後依序叫號");
        assertThat(k.device.pages()).isNotEmpty();
    }

    @Test
    void printerOutOfPaper_keepsNumberAndQrOnScreen_andTellsTheHub(FxRobot robot) {
        home(robot);
        k.device.runOutOfPaper();
        robot.clickOn("#category-A");
        waitFx("failure shown", () -> text(robot, "#print-status").equals("印表機缺紙，號碼牌無法列印。"));
        assertThat(text(robot, "#ticket-number")).isEqualTo("A001");
        assertThat(robot.lookup("#print-photo").queryLabeled().isVisible()).isTrue();
        assertThat(text(robot, "#print-photo")).contains("請拍下此畫面");
        assertThat(robot.lookup("#ticket-qr").queryAs(ImageView.class).getImage()).isNotNull();
        waitFx("hub told", () -> k.hub.reports.contains(PrinterCondition.PAPER_OUT));
        assertThat(ui.metrics().printFailures()).isEqualTo(1);

        // a printed ticket would be gone after 15 s; this one stays for the configured 120 s
        advance(robot, Duration.ofSeconds(60));
        assertThat(ui.screen()).isEqualTo(KioskUi.Screen.TICKET);
        assertThat(text(robot, "#ticket-number")).isEqualTo("A001");
        advance(robot, Duration.ofSeconds(61));
        assertThat(ui.screen()).isEqualTo(KioskUi.Screen.HOME);

        k.device.loadPaper();
        settle(robot);
        takeTicket(robot, "A", "A002");
        waitFx("hub told ready", () -> k.hub.reports.get(k.hub.reports.size() - 1) == PrinterCondition.READY);
    }

    @Test
    void printerUnplugged_saysSoInEnglish(FxRobot robot) {
        home(robot);
        robot.clickOn("#lang-en");
        k.device.unplug();
        robot.clickOn("#category-B");
        waitFx("failure shown", () -> text(robot, "#print-status")
                .equals("The printer is not connected: your ticket could not be printed."));
        assertThat(text(robot, "#ticket-number")).isEqualTo("B001");
        assertThat(text(robot, "#print-photo")).startsWith("Please take a photo");
        waitFx("hub told", () -> k.hub.reports.contains(PrinterCondition.OFFLINE));
    }

    @Test
    void languageSwitch_changesEveryText(FxRobot robot) {
        home(robot);
        assertThat(text(robot, "#home-prompt")).isEqualTo("請選擇服務項目，取號");
        assertThat(text(robot, "#category-A .tile-name")).isEqualTo("水費/一般");
        robot.clickOn("#lang-en");
        assertThat(text(robot, "#home-prompt")).isEqualTo("Touch a service to take a number");
        assertThat(text(robot, "#category-A .tile-name")).isEqualTo("Bills / general");
        assertThat(text(robot, "#waiting-A")).isEqualTo("Nobody waiting");
        assertThat(text(robot, "#rate")).isEqualTo("Rate our service");
        takeTicket(robot, "C", "C001");
        robot.clickOn("#category-C");
        waitFx("C002", () -> text(robot, "#ticket-number").equals("C002"));
        assertThat(text(robot, "#ticket-ahead")).isEqualTo("1 person ahead of you");
        settle(robot);
        robot.clickOn("#lang-zh");
        assertThat(text(robot, "#ticket-ahead")).isEqualTo("前面還有 1 人");
        assertThat(robot.lookup("#ticket-ahead").queryLabeled().getFont().getFamily()).isEqualTo("Noto Sans CJK TC");
    }

    @Test
    void ratingOnce_thenASecondRatingIsRefused(FxRobot robot) {
        home(robot);
        takeTicket(robot, "A", "A001");
        assertThat(k.office.command(1, CommandAction.OPEN).code().name()).isEqualTo("OK");
        assertThat(k.office.command(1, CommandAction.CALL_NEXT).code().name()).isEqualTo("OK");
        assertThat(k.office.command(1, CommandAction.START).code().name()).isEqualTo("OK");
        assertThat(k.office.command(1, CommandAction.FINISH).code().name()).isEqualTo("OK");

        rate(robot, "A001", "VERY_SATISFIED");
        waitFx("thanks", () -> text(robot, "#rating-result").equals("謝謝您的評分！"));
        touchTargetsAreLargeEnough(robot);
        settle(robot);
        robot.clickOn("#done");
        settle(robot);

        rate(robot, "A001", "DISSATISFIED");
        waitFx("refused", () -> text(robot, "#rating-result").equals("號碼 A001 已經評分過了，每張號碼牌只能評分一次。"));
        assertThat(ui.metrics().ratingsAccepted()).isEqualTo(1);
        assertThat(ui.metrics().ratingsRefused()).isEqualTo(1);
        // the thanks screen goes home by itself
        advance(robot, k.settings.ticketShown());
        assertThat(ui.screen()).isEqualTo(KioskUi.Screen.HOME);
    }

    @Test
    void ratingATicketNotServedYet_isRefusedWithAReason(FxRobot robot) {
        home(robot);
        takeTicket(robot, "B", "B001");
        rate(robot, "B001", "SATISFIED");
        waitFx("refused", () -> text(robot, "#rating-result").equals("號碼 B001 尚未服務，請在服務後再評分。"));
    }

    @Test
    void idle_asksFirst_thenReturnsHome_forgetsTyping_andRestoresTheLanguage(FxRobot robot) {
        home(robot);
        robot.clickOn("#lang-en");
        robot.clickOn("#rate");
        settle(robot);
        robot.clickOn("#key-A").clickOn("#key-0");
        assertThat(text(robot, "#rating-input")).isEqualTo("A0__");
        advance(robot, k.settings.idleTimeout().minusSeconds(2));
        assertThat(ui.screen()).isEqualTo(KioskUi.Screen.RATING);
        advance(robot, Duration.ofSeconds(3));
        waitFx("need more time?", () -> ui.idleWarningShown());
        assertThat(ui.screen()).isEqualTo(KioskUi.Screen.RATING);
        advance(robot, k.settings.idleWarning());
        assertThat(ui.screen()).isEqualTo(KioskUi.Screen.HOME);
        assertThat(text(robot, "#home-prompt")).isEqualTo("請選擇服務項目，取號");
        settle(robot);
        robot.clickOn("#rate");
        assertThat(text(robot, "#rating-input")).isEqualTo("____");
        assertThat(ui.metrics().idleResets()).isEqualTo(1);
    }

    @Test
    void headOfficesLanguages_hideTheButtonsWhenOneIsOffered_andSetTheLanguageOfEveryIdleReset(FxRobot robot) throws Exception {
        home(robot);
        WaitForAsyncUtils.asyncFx(() -> ui.offerLanguages(List.of("en"), "en")).get(5, TimeUnit.SECONDS);
        assertThat(robot.lookup("#lang-zh").query().isVisible()).as("one language: no buttons").isFalse();
        assertThat(robot.lookup("#lang-en").query().isVisible()).isFalse();
        assertThat(text(robot, "#home-prompt")).as("Chinese no longer offered: switched on the home screen")
                .isEqualTo("Touch a service to take a number");
        assertThat(ui.homeLanguage()).isEqualTo(I18n.ENGLISH);

        WaitForAsyncUtils.asyncFx(() -> ui.offerLanguages(List.of("zh-TW", "en"), "en")).get(5, TimeUnit.SECONDS);
        assertThat(robot.lookup("#lang-zh").query().isVisible()).isTrue();
        settle(robot);
        robot.clickOn("#lang-zh");
        robot.clickOn("#rate");
        settle(robot);
        advance(robot, k.settings.idleTimeout().plusSeconds(1));
        waitFx("need more time?", () -> ui.idleWarningShown());
        advance(robot, k.settings.idleWarning());
        assertThat(ui.screen()).isEqualTo(KioskUi.Screen.HOME);
        assertThat(text(robot, "#home-prompt")).as("the idle reset goes back to head office's default").isEqualTo("Touch a service to take a number");
    }

    @Test
    void doubleTap_whileTheEngineIsBusy_issuesOneTicket(FxRobot robot) {
        home(robot);
        k.engine.hold();
        robot.doubleClickOn("#category-A");
        robot.clickOn("#category-A");
        assertThat(k.engine.heldCount()).isEqualTo(1);
        k.engine.release();
        waitFx("A001", () -> text(robot, "#ticket-number").equals("A001"));
        waitFx("printed", () -> text(robot, "#print-status").equals("請取走號碼牌，留意叫號。"));
        // the double tap right after the ticket appears lands on the guard, not on the next screen
        robot.doubleClickOn("#done");
        assertThat(ui.screen()).isEqualTo(KioskUi.Screen.TICKET);
        assertThat(ui.metrics().touchesIgnored()).isGreaterThanOrEqualTo(2);
        assertThat(k.office.engine.snapshot().categories().get(0).waiting()).isEqualTo(1);
        assertThat(k.device.pages()).hasSize(1);
    }

    @Test
    void doubleTap_atFullSpeed_issuesOneTicket(FxRobot robot) {
        home(robot);
        robot.doubleClickOn("#category-B");
        waitFx("B001", () -> text(robot, "#ticket-number").equals("B001"));
        waitFx("printed", () -> text(robot, "#print-status").equals("請取走號碼牌，留意叫號。"));
        assertThat(k.office.engine.snapshot().categories().get(1).waiting()).isEqualTo(1);
        assertThat(k.device.pages()).hasSize(1);
    }

    @Test
    void liveUpdates_followTheQueueWithoutATouch(FxRobot robot) {
        home(robot);
        takeTicket(robot, "A", "A001");
        takeTicket(robot, "A", "A002");
        waitFx("2 waiting", () -> text(robot, "#waiting-A").equals("等候 2 人"));
        assertThat(k.office.command(2, CommandAction.OPEN).code().name()).isEqualTo("OK");
        assertThat(k.office.command(2, CommandAction.CALL_NEXT).code().name()).isEqualTo("OK");
        waitFx("1 waiting", () -> text(robot, "#waiting-A").equals("等候 1 人"));
        k.office.command(2, CommandAction.START);
        k.office.command(2, CommandAction.FINISH);
        k.office.command(2, CommandAction.CALL_NEXT);
        waitFx("nobody waiting", () -> text(robot, "#waiting-A").equals("目前無人等候"));
        k.office.command(2, CommandAction.START);
        k.office.command(2, CommandAction.FINISH);
        waitFx("an idle open counter: no wait", () -> text(robot, "#estimate-A").equals("隨到隨辦"));
    }

    @Test
    void notice_showsAsBanner_andDisappearsWhenItEnds(FxRobot robot) {
        home(robot);
        Instant now = k.clock.instant();
        Notice outage = new Notice("outage-1", NoticeKind.WATER_OUTAGE, "中正區計畫性停水", "Planned outage in Zhongzheng",
                "3/3 管線汰換，請儲水備用。", "Pipe replacement on 3/3: please store water.", "中正區忠孝東路一段",
                "管線汰換", now.minusSeconds(3600), now.plusSeconds(7200), now.plusSeconds(7200));
        k.hub.deliver(new NoticeBoard(1, "all", now, List.of(outage)));
        waitFx("banner", () -> robot.lookup("#notice-banner").query().isVisible());
        assertThat(text(robot, "#notice-outage-1")).isEqualTo("停水公告｜中正區計畫性停水");
        robot.clickOn("#lang-en");
        assertThat(text(robot, "#notice-outage-1")).isEqualTo("Water outage｜Planned outage in Zhongzheng");
        k.clock.advance(Duration.ofHours(3));
        advance(robot, Duration.ofSeconds(31));
        assertThat(robot.lookup("#notice-banner").query().isVisible()).isFalse();
    }

    @Test
    void aWindowMadeLarger_isLaidOutAgainForItsSize_andStillWorks(FxRobot robot) throws Exception {
        home(robot);
        WaitForAsyncUtils.asyncFx(() -> {
            stage.setWidth(1920);
            stage.setHeight(1080);
        }).get(5, TimeUnit.SECONDS);
        waitFx("laid out for 1920×1080", () -> ui.fit().width() == 1920 && ui.fit().height() == 1080
                && robot.lookup("#category-A").query().getBoundsInParent().getWidth() > 500);
        takeTicket(robot, "P", "P001");
    }

    // ---- helpers ----

    private void home(FxRobot robot) {
        waitFx("categories shown", () -> robot.lookup("#category-P").tryQuery().isPresent());
        settle(robot);
    }

    private void takeTicket(FxRobot robot, String code, String number) {
        robot.clickOn("#category-" + code);
        waitFx(number, () -> text(robot, "#ticket-number").equals(number));
        waitFx(number + " printed", () -> !text(robot, "#print-status").equals(currentPrinting()));
        settle(robot);
        robot.clickOn("#done");
        waitFx("home", () -> ui.screen() == KioskUi.Screen.HOME);
        settle(robot);
    }

    private String currentPrinting() {
        return ui.language().equals(I18n.ENGLISH) ? "Printing your ticket…" : "正在列印號碼牌…";
    }

    private void rate(FxRobot robot, String number, String face) {
        robot.clickOn("#rate");
        settle(robot);
        for (char c : number.toCharArray()) {
            robot.clickOn("#key-" + c);
        }
        robot.clickOn("#rating-next");
        robot.clickOn("#face-" + face);
    }

    private void touchTargetsAreLargeEnough(FxRobot robot) {
        double min = ui.fit().touch();
        List<Button> buttons = robot.lookup(".button").queryAllAs(Button.class).stream()
                .filter(Node::isVisible).filter(b -> b.getScene() != null).toList();
        assertThat(buttons).isNotEmpty().allSatisfy(b -> {
            assertThat(b.getHeight()).as(b.getId() + " height").isGreaterThanOrEqualTo(min);
            assertThat(b.getWidth()).as(b.getId() + " width").isGreaterThanOrEqualTo(min);
        });
    }

    private static String text(FxRobot robot, String query) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> robot.lookup(query).queryAs(Labeled.class).getText()).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + query, e);
        }
    }

    private void settle(FxRobot robot) {
        advance(robot, PAST_GUARD);
    }

    private void advance(FxRobot robot, Duration d) {
        robot.interact(() -> k.timers.advance(d));
    }

    private static void waitFx(String what, Callable<Boolean> condition) {
        FxWait.until(what, condition);
    }
}
