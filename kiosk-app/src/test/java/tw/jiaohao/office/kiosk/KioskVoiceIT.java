package tw.jiaohao.office.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tw.jiaohao.office.kiosk.voice.Guidance;
import tw.jiaohao.office.kiosk.voice.SimulatedAudio;

/**
 * Voice guidance at the kiosk, driven by touches on the real screen: the speaker (simulated as
 * the javafx-media one behaves) is asked for the home prompt at the first touch, in the language
 * chosen, for "take your ticket" when it printed and "remember the number" when it did not, and
 * for the idle warning — at the configured volume; and for nothing when guidance is off.
 */
@ExtendWith(ApplicationExtension.class)
class KioskVoiceIT {
    @TempDir
    Path dir;
    private KioskHarness k;
    private KioskUi ui;
    private final SimulatedAudio speaker = new SimulatedAudio();

    @Start
    void start(Stage stage) {
        k = new KioskHarness(dir);
        ui = k.newUi();
        stage.setScene(new Scene(ui.root(), 1280, 800));
        stage.setWidth(1280);
        stage.setHeight(800);
        stage.show();
    }

    private void startWith(FxRobot robot, Guidance guidance) {
        robot.interact(() -> {
            ui.enableVoice(guidance);
            ui.start();
        });
        waitFx("categories shown", () -> robot.lookup("#category-P").tryQuery().isPresent());
        settle(robot);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(ui::stop).get(5, TimeUnit.SECONDS);
        k.close();
    }

    @Test
    void theSpeakerIsAskedForTheRightClip_atEachStep_atTheConfiguredVolume(FxRobot robot) {
        startWith(robot, new Guidance(speaker, true, 0.6));
        assertThat(speaker.clips()).as("nobody there yet: nothing said").isEmpty();

        robot.clickOn("#home-prompt");
        waitFx("greeted", () -> speaker.clips().equals(List.of("zh/home")));
        robot.clickOn("#home-prompt");
        assertThat(speaker.clips()).as("greeted once per customer").containsExactly("zh/home");

        robot.clickOn("#lang-en");
        waitFx("the prompt again in English", () -> speaker.clips().equals(List.of("zh/home", "en/home")));

        robot.clickOn("#category-A");
        waitFx("ticket printed", () -> speaker.clips().contains("en/ticket-printed"));
        settle(robot);
        robot.clickOn("#done");
        waitFx("home", () -> ui.screen() == KioskUi.Screen.HOME);
        settle(robot);

        k.device.runOutOfPaper();
        robot.clickOn("#category-B");
        waitFx("not printed", () -> speaker.clips().contains("en/ticket-not-printed"));
        k.device.loadPaper();
        settle(robot);
        robot.clickOn("#done");
        waitFx("home", () -> ui.screen() == KioskUi.Screen.HOME);
        settle(robot);

        robot.clickOn("#rate");
        waitFx("rating", () -> ui.screen() == KioskUi.Screen.RATING);
        advance(robot, k.settings.idleTimeout());
        waitFx("idle warning", () -> ui.idleWarningShown());
        assertThat(speaker.clips()).containsExactly("zh/home", "en/home", "en/ticket-printed", "en/ticket-not-printed",
                "en/idle-warning");
        assertThat(speaker.played()).allSatisfy(p -> assertThat(p.volume()).isEqualTo(0.6));

        advance(robot, k.settings.idleWarning());
        waitFx("reset home", () -> ui.screen() == KioskUi.Screen.HOME && !ui.idleWarningShown());
        settle(robot);
        assertThat(speaker.clips()).as("the reset's return to Chinese is not a customer's choice").hasSize(5);
        robot.clickOn("#large-print");
        waitFx("large print on", () -> ui.largePrintOn());
        assertThat(speaker.clips()).as("the next customer's first touch, on 大字: the prompt once, in the configured language")
                .hasSize(6).endsWith("zh/home");
        robot.clickOn("#large-print");
        waitFx("large print off", () -> !ui.largePrintOn());
        robot.clickOn("#large-print");
        waitFx("large print on again", () -> ui.largePrintOn());
        assertThat(speaker.clips()).as("large print switched on says the prompt").hasSize(7).endsWith("zh/home");
    }

    @Test
    void guidanceOff_asksTheSpeakerForNothing(FxRobot robot) {
        startWith(robot, new Guidance(speaker, false, 0.8));
        robot.clickOn("#home-prompt");
        robot.clickOn("#category-A");
        waitFx("ticket printed", () -> ui.screen() == KioskUi.Screen.TICKET
                && !robot.lookup("#print-status").queryLabeled().getText().equals("正在列印號碼牌…"));
        assertThat(speaker.clips()).isEmpty();
    }

    private void settle(FxRobot robot) {
        advance(robot, Duration.ofSeconds(1));
    }

    private void advance(FxRobot robot, Duration d) {
        robot.interact(() -> k.timers.advance(d));
    }

    private static void waitFx(String what, Callable<Boolean> condition) {
        FxWait.until(what, condition);
    }
}
