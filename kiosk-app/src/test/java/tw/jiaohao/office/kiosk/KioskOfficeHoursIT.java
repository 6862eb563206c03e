package tw.jiaohao.office.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
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

/**
 * Office hours on the kiosk screen (real engine and SQLite, headless JavaFX): closed with the
 * opening time and the buttons disabled outside hours, open at the opening minute, the last
 * ticket said plainly, lunch with counters resting. 2026-03-02 is a Monday; 2026-03-03 is a closure
 * date; counters 4 and 5 rest 12:00–13:00.
 */
@ExtendWith(ApplicationExtension.class)
class KioskOfficeHoursIT {
    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final String HOURS = """
            hours.mon=08:30-17:00
            hours.tue=08:30-17:00
            hours.wed=08:30-17:00
            hours.thu=08:30-17:00
            hours.fri=08:30-17:00
            hours.lunch=12:00-13:00
            hours.lunch-counters=4,5
            hours.closed-dates=2026-03-03
            category.D.last-ticket-minutes=60
            """;

    @TempDir
    Path dir;
    private KioskHarness k;
    private KioskUi ui;

    @Start
    void start(Stage stage) {
        k = new KioskHarness(dir, new Properties(), HOURS);
        ui = k.newUi();
        stage.setScene(new Scene(ui.root(), 1280, 800));
        stage.show();
        ui.start();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(ui::stop).get(5, TimeUnit.SECONDS);
        k.close();
    }

    private void at(String local) {
        k.clock.set(LocalDateTime.parse(local).atZone(TAIPEI).toInstant());
        k.office.engine.republish();
    }

    @Test
    void beforeTheOpeningMinuteTheKioskIsClosedAndAtItTheButtonsWork(FxRobot robot) {
        at("2026-03-02T08:29:59");
        waitFx("closed, opens at 08:30", () -> text(robot, "#home-prompt").equals("本中心休息中，08:30 開始服務，現在不發號"));
        assertThat(disabled(robot, "#category-A")).isTrue();
        assertThat(disabled(robot, "#category-P")).isTrue();
        at("2026-03-02T08:30:00");
        waitFx("open", () -> text(robot, "#home-prompt").equals("請選擇服務項目，取號"));
        waitFx("A enabled", () -> !disabled(robot, "#category-A"));
        settle(robot);
        robot.clickOn("#category-A");
        waitFx("A001", () -> text(robot, "#ticket-number").equals("A001"));
    }

    @Test
    void atClosingTheKioskClosesUntilTheNextOpeningDayPastAClosureDate(FxRobot robot) {
        at("2026-03-02T16:59:59");
        waitFx("open before closing", () -> text(robot, "#home-prompt").equals("請選擇服務項目，取號"));
        at("2026-03-02T17:00:00");
        waitFx("closed until Wednesday", () -> text(robot, "#home-prompt").equals("本中心休息中，3/4 08:30 開始服務，現在不發號"));
        assertThat(disabled(robot, "#category-B")).isTrue();
    }

    @Test
    void acrossLocalMidnightOnAClosureDateTheKioskStaysClosed(FxRobot robot) {
        at("2026-03-02T23:59:59");
        waitFx("closed late Monday", () -> text(robot, "#home-prompt").equals("本中心休息中，3/4 08:30 開始服務，現在不發號"));
        at("2026-03-03T00:00:00");
        waitFx("still closed on the closure date", () -> text(robot, "#home-prompt").equals("本中心休息中，3/4 08:30 開始服務，現在不發號"));
        assertThat(disabled(robot, "#category-A")).isTrue();
    }

    @Test
    void atLunchTheKioskKeepsIssuingAndTheTicketWaitsForTheRestingCounter(FxRobot robot) {
        assertThat(k.office.command(4, CommandAction.OPEN).code().name()).isEqualTo("OK");
        at("2026-03-02T12:30:00");
        waitFx("open through lunch", () -> text(robot, "#home-prompt").equals("請選擇服務項目，取號"));
        waitFx("C enabled", () -> !disabled(robot, "#category-C"));
        settle(robot);
        robot.clickOn("#category-C");
        waitFx("C001", () -> text(robot, "#ticket-number").equals("C001"));
        Matcher m = Pattern.compile("預估等候約 (\\d+)(–\\d+)? 分鐘").matcher(text(robot, "#ticket-estimate"));
        assertThat(m.matches()).as(text(robot, "#ticket-estimate")).isTrue();
        assertThat(Integer.parseInt(m.group(1))).as("counter 4, the only one open for C, rests until 13:00").isGreaterThanOrEqualTo(30);
    }

    @Test
    void afterACategorysLastTicketTimeTouchingItSaysSoPlainly(FxRobot robot) {
        at("2026-03-02T16:00:00");
        waitFx("open", () -> text(robot, "#home-prompt").equals("請選擇服務項目，取號"));
        settle(robot);
        robot.clickOn("#category-D");
        waitFx("the refusal is shown", () -> text(robot, "#home-problem").contains("D 類今日已停止取號（最後取號時間 16:00）"));
        settle(robot);
        robot.clickOn("#category-A");
        waitFx("A still issues", () -> text(robot, "#ticket-number").equals("A001"));
    }

    /** Past the touch guard (manual timers). */
    private void settle(FxRobot robot) {
        robot.interact(() -> k.timers.advance(java.time.Duration.ofSeconds(1)));
    }

    private static boolean disabled(FxRobot robot, String query) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> robot.lookup(query).queryAs(Button.class).isDisabled()).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + query, e);
        }
    }

    private static String text(FxRobot robot, String query) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> robot.lookup(query).queryAs(Labeled.class).getText()).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "";
        }
    }

    private static void waitFx(String what, Callable<Boolean> condition) {
        FxWait.until(what, condition);
    }
}
