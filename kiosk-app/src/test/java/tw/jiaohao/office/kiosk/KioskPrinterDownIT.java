package tw.jiaohao.office.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
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
import tw.jiaohao.protocol.device.PrinterCondition;

/**
 * The home screen says BEFORE the tap when tickets cannot be printed: the simulated printer runs
 * out of paper, has its cover opened or is unplugged while the kiosk waits on the home screen;
 * the customer still gets a number, shown large on screen, and the line goes once paper is back.
 */
@ExtendWith(ApplicationExtension.class)
class KioskPrinterDownIT {
    private static final Duration PAST_GUARD = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    private KioskHarness k;
    private KioskUi ui;

    @Start
    void start(Stage stage) {
        k = new KioskHarness(dir);
        ui = k.newUi();
        stage.setScene(new Scene(ui.root(), 1280, 800));
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
    void paperRunsOutWhileIdle_homeSaysSoBeforeTheTap_andTheNumberIsShownLarge(FxRobot robot) {
        home(robot);
        assertThat(visible(robot, "#printer-down")).isFalse();

        k.device.runOutOfPaper();
        advance(robot, KioskUi.PRINTER_CHECK);
        waitFx("home warns", () -> visible(robot, "#printer-down"));
        assertThat(text(robot, "#printer-down")).isEqualTo(
                "印表機缺紙：取號後不會印出號碼牌，您的號碼會以大字顯示在螢幕上，請記下號碼。");
        assertThat(robot.lookup("#category-A").queryButton().isDisabled()).as("numbers are still issued").isFalse();
        waitFx("hub told", () -> k.hub.reports.contains(PrinterCondition.PAPER_OUT));

        robot.clickOn("#lang-en");
        waitFx("english", () -> text(robot, "#printer-down").equals("Printer out of paper: no paper ticket now."
                + " Your number will be shown large on screen: please remember it."));
        settle(robot);

        robot.clickOn("#category-A");
        waitFx("A001 on screen", () -> ui.screen() == KioskUi.Screen.TICKET && text(robot, "#ticket-number").equals("A001"));
        double numberHeight = fx(() -> robot.lookup("#ticket-number").queryLabeled().getHeight());
        assertThat(numberHeight).as("the number is at least a sixth of the screen's height").isGreaterThanOrEqualTo(800 / 6.0);
        assertThat(k.device.pages()).isEmpty();

        k.device.loadPaper();
        settle(robot);
        robot.clickOn("#done");
        waitFx("home", () -> ui.screen() == KioskUi.Screen.HOME);
        advance(robot, KioskUi.PRINTER_CHECK);
        waitFx("the warning goes once paper is loaded", () -> !visible(robot, "#printer-down"));
    }

    @Test
    void coverOpenAndUnplugged_eachNameTheirReason_andTheWarningClearsWhenFixed(FxRobot robot) {
        home(robot);
        k.device.openCover();
        advance(robot, KioskUi.PRINTER_CHECK);
        waitFx("cover open", () -> visible(robot, "#printer-down") && text(robot, "#printer-down").startsWith("印表機上蓋未關："));
        k.device.closeCover();
        advance(robot, KioskUi.PRINTER_CHECK);
        waitFx("cover closed", () -> !visible(robot, "#printer-down"));
        k.device.unplug();
        advance(robot, KioskUi.PRINTER_CHECK);
        waitFx("unplugged", () -> visible(robot, "#printer-down") && text(robot, "#printer-down").startsWith("印表機暫停使用："));
        k.device.replug();
        advance(robot, KioskUi.PRINTER_CHECK);
        waitFx("plugged in again", () -> !visible(robot, "#printer-down"));
    }

    private void home(FxRobot robot) {
        waitFx("categories shown", () -> robot.lookup("#category-P").tryQuery().isPresent());
        settle(robot);
    }

    private static boolean visible(FxRobot robot, String query) {
        // the warning stands where the prompt does, and is out of the scene while the printer is fine
        return fx(() -> robot.lookup(query).tryQuery().map(n -> n.isVisible() && n.getScene() != null).orElse(false));
    }

    private static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot read the screen", e);
        }
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
