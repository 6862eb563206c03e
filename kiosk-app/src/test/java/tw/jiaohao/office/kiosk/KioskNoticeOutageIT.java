package tw.jiaohao.office.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import tw.jiaohao.protocol.notice.Notice;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.notice.NoticeKind;

/**
 * The kiosk's notice banner prints when the water is off, not when the notice is displayed: a
 * notice shown from Monday (the harness's day, 2 March) until Thursday about an outage on
 * Tuesday 3 March 09:00–17:00 says 3/3, in both languages.
 */
@ExtendWith(ApplicationExtension.class)
class KioskNoticeOutageIT {
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
    void theBanner_showsTheOutagePeriod_notTheDisplayWindow_inBothLanguages(FxRobot robot) {
        Instant now = k.clock.instant(); // Monday 2 March 10:00 in Taipei
        Notice outage = new Notice("outage-0303", NoticeKind.WATER_OUTAGE, "中正區計畫性停水", "Planned water outage, Zhongzheng",
                "請提前儲水。", "Please store water beforehand.", "中正區忠孝東路一段", "管線汰換",
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(3)), Instant.parse("2026-03-03T09:00:00Z"),
                Instant.parse("2026-03-03T01:00:00Z"), Instant.parse("2026-03-03T09:00:00Z"));
        k.hub.deliver(new NoticeBoard(1, "all", now, List.of(outage)));
        waitFx("banner", () -> robot.lookup("#notice-banner").query().isVisible());

        String zh = text(robot, "#notice-body-outage-0303");
        assertThat(zh).startsWith("停水時間 3/3 09:00–17:00　預計 3/3 17:00 恢復供水　中正區忠孝東路一段");
        assertThat(zh).as("the display window's dates are not the outage's").doesNotContain("3/2").doesNotContain("3/5");

        robot.interact(() -> k.timers.advance(Duration.ofSeconds(1))); // past the touch guard
        robot.clickOn("#lang-en");
        waitFx("english", () -> text(robot, "#notice-body-outage-0303").startsWith("Water off 3/3 09:00–17:00"));
        assertThat(text(robot, "#notice-body-outage-0303"))
                .isEqualTo("Water off 3/3 09:00–17:00　water expected back 3/3 17:00　中正區忠孝東路一段　Please store water beforehand.");
    }

    @Test
    void anOutageAcrossMidnight_namesBothDays_andANoticeFromBeforeOutagePeriods_showsNoDisplayDates(FxRobot robot) {
        Instant now = k.clock.instant();
        Notice overnight = new Notice("outage-night", NoticeKind.WATER_OUTAGE, "夜間停水", null, null, null, "大安區", "搶修",
                now, now.plus(Duration.ofDays(2)), null,
                Instant.parse("2026-03-02T15:00:00Z"), Instant.parse("2026-03-02T21:00:00Z")); // 23:00 to 05:00 Taipei
        Notice old = new Notice("old-style", NoticeKind.WATER_OUTAGE, "舊公告", null, "舊內容", null, null, null,
                now.minus(Duration.ofHours(2)), now.plus(Duration.ofDays(4)), null);
        k.hub.deliver(new NoticeBoard(1, "all", now, List.of(old, overnight)));
        waitFx("both notices", () -> robot.lookup("#notice-body-outage-night").tryQuery().isPresent()
                && robot.lookup("#notice-body-old-style").tryQuery().isPresent());
        assertThat(text(robot, "#notice-body-outage-night")).isEqualTo("停水時間 3/2 23:00–3/3 05:00　大安區");
        assertThat(text(robot, "#notice-body-old-style")).isEqualTo("舊內容");
    }

    private static String text(FxRobot robot, String query) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> robot.lookup(query).queryAs(Labeled.class).getText()).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + query, e);
        }
    }

    private static void waitFx(String what, Callable<Boolean> condition) {
        FxWait.until(what, condition);
    }
}
