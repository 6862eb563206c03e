package tw.jiaohao.board.counter;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import tw.jiaohao.board.DisplayConfig;
import tw.jiaohao.board.fx.Fx;
import tw.jiaohao.board.testing.Configs;
import tw.jiaohao.board.testing.OffsetClock;
import tw.jiaohao.board.testing.RealOffice;
import tw.jiaohao.board.testing.TestBroker;
import tw.jiaohao.board.testing.Ui;
import tw.jiaohao.hardware.gpio.KeyTiming;
import tw.jiaohao.hardware.gpio.ManualGpioScheduler;
import tw.jiaohao.hardware.gpio.sim.SimulatedCallPad;
import tw.jiaohao.hardware.gpio.sim.SimulatedRatingPad;
import tw.jiaohao.hardware.screen.Panels;
import tw.jiaohao.office.link.StartupCheck;
import tw.jiaohao.office.testing.LayoutCheck;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CounterCommand;

/**
 * The counter unit's confirm key (issue 18): a real office node whose database was restored
 * from a backup and no head office answering holds new tickets and calls until staff confirm;
 * the counter unit shows why and a confirm key that asks once more before it sends CONFIRM.
 * Headless JavaFX (Monocle) and a real broker; screenshots of the hold at the panel sizes in both
 * languages go to {@code target/screenshots/counter-confirm-*.png} (checked with {@link LayoutCheck};
 * the copies in docs/screenshots are from a run of this test).
 */
class CounterConfirmIT {
    private static final AtomicInteger OFFICES = new AtomicInteger();
    private static final int COUNTER = 2;
    /** Written under target/ (copied to docs/screenshots by hand when the screen changes, after looking at them). */
    private static final Path SHOTS = Path.of("target", "screenshots").toAbsolutePath();
    private final FxRobot robot = new FxRobot();
    private RealOffice office;
    private CounterUnit unit;
    private Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() throws Exception {
        if (unit != null) {
            unit.close();
        }
        if (stage != null) {
            WaitForAsyncUtils.asyncFx(stage::close).get(10, TimeUnit.SECONDS);
        }
        if (office != null) {
            office.close();
        }
    }

    private Parent start(int w, int h, String language) throws Exception {
        String id = "confirm-" + ProcessHandle.current().pid() + "-" + OFFICES.incrementAndGet();
        office = new RealOffice(TestBroker.shared().url(), id, new OffsetClock(), true);
        ManualGpioScheduler gpio = new ManualGpioScheduler();
        DisplayConfig config = Configs.of(DisplayConfig.Role.COUNTER_UNIT, TestBroker.shared().url(), id, COUNTER,
                "ui.language", language, "device.id", "confirm-counter-" + OFFICES.get());
        unit = new CounterUnit(config, Clock.systemUTC(), new SimulatedCallPad(KeyTiming.defaults(), gpio),
                new SimulatedRatingPad(KeyTiming.defaults(), Duration.ofSeconds(2), gpio), gpio);
        stage = WaitForAsyncUtils.asyncFx(() -> {
            Stage s = new Stage();
            Scene scene = new Scene(unit.view().root(), w, h);
            Fx.style(scene);
            s.setScene(scene);
            s.show();
            return s;
        }).get(10, TimeUnit.SECONDS);
        Parent root = unit.view().root();
        unit.start();
        Ui.await("the hold is shown", () -> Ui.visible(root, "hold-panel"));
        return root;
    }

    @Test
    void aHeldNode_isShownWithWhy_andTwoDeliberatePressesConfirm_thenTheCounterWorks() throws Exception {
        Parent root = start(1024, 600, "zh-en");
        assertThat(Ui.text(root, "hold-reason")).contains("等待櫃台人員確認").contains("restored from a backup");
        assertThat(office.node().engine().isHeld()).isTrue();
        // the unit opens its counter at start; held, that OPEN is not answered in time: the clerk is told first
        Ui.await("the OPEN at start answered or timed out", () -> !Ui.text(root, "message").isEmpty());
        assertThat(Ui.visible(root, "keys")).as("the keys, all refused while held, give way to the hold").isFalse();

        robot.clickOn("#confirm");
        Ui.await("the second step asks once more", () -> Ui.visible(root, "confirm-sure"));
        assertThat(Ui.text(root, "hold-ask")).contains("今天是").contains("head office cannot give the records back");
        robot.clickOn("#confirm-cancel");
        Ui.await("back to the first step", () -> Ui.visible(root, "confirm") && !Ui.visible(root, "confirm-sure"));
        assertThat(confirmsSent()).as("one press and a cancel send no CONFIRM").isZero();
        assertThat(office.node().engine().isHeld()).isTrue();

        robot.clickOn("#confirm");
        Ui.await("the second step", () -> Ui.visible(root, "confirm-sure"));
        robot.clickOn("#confirm-sure");
        CounterCommand sent;
        do { // the unit may also have opened its counter at start (counter.open-at-start)
            sent = office.commands().poll(10, TimeUnit.SECONDS);
            assertThat(sent).as("a CONFIRM reached the office").isNotNull();
        } while (sent.action() != CommandAction.CONFIRM);
        assertThat(sent.counter()).isEqualTo(COUNTER);
        assertThat(office.node().startupCheck().done().get(30, TimeUnit.SECONDS)).isEqualTo(StartupCheck.Outcome.CONFIRMED_BY_STAFF);
        Ui.await("the hold is gone from the counter", () -> !Ui.visible(root, "hold-panel"));
        Ui.await("the clerk is told", () -> Ui.text(root, "message").startsWith("已確認"));

        Ui.await("the keys are back", () -> Ui.visible(root, "keys"));
        office.execute(COUNTER, CommandAction.OPEN);
        office.issue("A", 1);
        robot.clickOn("#next");
        Ui.await("A001 is called at this counter", () -> Ui.text(root, "serving-number").equals("A001"));
    }

    /** CONFIRM commands that reached the office so far (other commands are taken off the queue too). */
    private int confirmsSent() {
        int n = 0;
        CounterCommand c;
        while ((c = office.commands().poll()) != null) {
            n += c.action() == CommandAction.CONFIRM ? 1 : 0;
        }
        return n;
    }

    static Stream<Arguments> panels() {
        return Stream.of(new int[] {800, 480}, new int[] {1024, 600}, new int[] {1280, 800}, new int[] {1920, 1080},
                new int[] {720, 1280}).flatMap(s -> Stream.of(Arguments.of(s[0], s[1], "zh"), Arguments.of(s[0], s[1], "zh-en")));
    }

    @ParameterizedTest(name = "{0}×{1} {2}")
    @MethodSource("panels")
    void theHoldAndItsSecondStep_fitThePanel(int w, int h, String language) throws Exception {
        Parent root = start(w, h, language);
        List<String> problems = new ArrayList<>();
        robot.clickOn("#confirm");
        Ui.await("the second step", () -> Ui.visible(root, "confirm-sure"));
        problems.addAll(Ui.onFx(() -> LayoutCheck.problems(root.getScene(), Panels.touchPixels(Panels.dpi(w, h)))));
        Files.createDirectories(SHOTS);
        BufferedImage png = SwingFXUtils.fromFXImage(Ui.onFx(() -> root.getScene().snapshot(null)), null);
        ImageIO.write(png, "png", SHOTS.resolve("counter-confirm-" + language + "-" + w + "x" + h + ".png").toFile());
        assertThat(problems).as("layout problems of the hold at %d×%d %s", w, h, language).isEmpty();
    }
}
