package tw.jiaohao.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.testfx.api.FxToolkit;
import tw.jiaohao.board.testing.RealOffice;
import tw.jiaohao.board.testing.TestBroker;
import tw.jiaohao.board.testing.Tour;
import tw.jiaohao.board.testing.Ui;
import tw.jiaohao.hardware.screen.Panels;
import tw.jiaohao.office.testing.LayoutCheck;

/**
 * The wall board and the counter unit, each in its fullest state, opened at every panel size in
 * Chinese and in Chinese with English, fed by a real office node through the broker, and checked
 * with {@link LayoutCheck} (inside the window, no overlapping texts, no ellipsis not asked for,
 * the counter's touch targets ≥ 15 mm at the panel's density from the panel table); the board's
 * newest number at least a fifth of the screen's height.
 */
class LayoutIT {
    private static final AtomicInteger OFFICES = new AtomicInteger();
    private static RealOffice office;
    private static String id;

    @BeforeAll
    static void office() throws Exception {
        FxToolkit.registerPrimaryStage();
        id = "layout-" + ProcessHandle.current().pid() + "-" + OFFICES.incrementAndGet();
        office = Tour.office(TestBroker.shared().url(), id);
    }

    @AfterAll
    static void close() throws Exception {
        office.close();
    }

    static Stream<Arguments> panels() {
        return Tour.SIZES.stream().flatMap(s -> Stream.of(Arguments.of(s[0], s[1], "zh"), Arguments.of(s[0], s[1], "zh-en")));
    }

    @ParameterizedTest(name = "{0}×{1} {2}")
    @MethodSource("panels")
    void theWallBoard_fitsThePanel_withTheNumberAFifthOfTheHeight(int width, int height, String language) throws Exception {
        List<String> problems = new ArrayList<>();
        double[] numberHeight = {0};
        Tour.board(TestBroker.shared().url(), id, width, height, language, (screen, scene) -> Ui.onFx(() -> {
            problems.addAll(LayoutCheck.problems(scene, Panels.touchPixels(Panels.dpi(width, height))));
            numberHeight[0] = ((Label) scene.lookup("#newest-number")).getHeight();
            return null;
        }));
        assertThat(problems).as("layout problems of the board at %d×%d %s", width, height, language).isEmpty();
        assertThat(numberHeight[0]).as("the newest number's height").isGreaterThanOrEqualTo(height / 5.0);
    }

    @Test
    void aTvHungUpright_showsTheBoardUpright_whenUiRotationSaysSo() throws Exception {
        // a 1920×1080 TV turned a quarter clockwise, its system display left as it is
        List<String> problems = new ArrayList<>();
        javafx.geometry.Bounds[] number = {null};
        double[] numberHeight = {0};
        Tour.board(TestBroker.shared().url(), id, 1920, 1080, "zh", (screen, scene) -> Ui.onFx(() -> {
            problems.addAll(LayoutCheck.problems(scene, Panels.touchPixels(Panels.dpi(1920, 1080))));
            Label n = (Label) scene.lookup("#newest-number");
            number[0] = n.localToScene(n.getLayoutBounds());
            numberHeight[0] = n.getHeight();
            return null;
        }), "ui.rotation", "90", "device.id", "tour-board-turned");
        assertThat(problems).isEmpty();
        // turned: the number reads downwards, and is a fifth of the upright picture's height (1920)
        assertThat(number[0].getHeight()).isGreaterThan(number[0].getWidth());
        assertThat(numberHeight[0]).isGreaterThanOrEqualTo(1920 / 5.0);
    }

    @ParameterizedTest(name = "{0}×{1} {2}")
    @MethodSource("panels")
    void theCounterUnit_fitsThePanel_withTouchTargetsOf15mm(int width, int height, String language) throws Exception {
        List<String> problems = new ArrayList<>();
        Tour.counter(TestBroker.shared().url(), id, width, height, language, (screen, scene) -> Ui.onFx(() -> {
            problems.addAll(LayoutCheck.problems(scene, Panels.touchPixels(Panels.dpi(width, height))));
            return null;
        }));
        assertThat(problems).as("layout problems of the counter unit at %d×%d %s", width, height, language).isEmpty();
    }

    @ParameterizedTest(name = "{0}×{1} {2}")
    @MethodSource("panels")
    void theCounterUnit_offline_showsItsMarkAndWholeKeys(int width, int height, String language) throws Exception {
        List<String> problems = new ArrayList<>();
        boolean[] shown = {false};
        Tour.counter(TestBroker.shared().url(), id, width, height, language, true, (screen, scene) -> Ui.onFx(() -> {
            problems.addAll(LayoutCheck.problems(scene, Panels.touchPixels(Panels.dpi(width, height))));
            shown[0] = scene.lookup("#offline-mark").isVisible();
            return null;
        }));
        assertThat(shown[0]).as("the offline mark").isTrue();
        assertThat(problems).as("layout problems of the offline counter unit at %d×%d %s", width, height, language).isEmpty();
    }
}
