package tw.jiaohao.office.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.testfx.api.FxToolkit;
import tw.jiaohao.hardware.screen.Panels;
import tw.jiaohao.office.testing.LayoutCheck;

/**
 * Large print at the kiosk, driven as an elderly customer would: the 「大字」 toggle on the home
 * screen lays the categories out again — two big tiles a page on a wide screen, three on an
 * upright one, turned with 「下一頁」 — a ticket is taken from the second page, the mode stays for
 * that customer and ends at the idle reset. Every page at 800×480, 1280×800, 1920×1080 and
 * 1080×1920 in both languages is checked with {@link LayoutCheck} (inside the window, nothing
 * shortened or overlapping, touch targets of 15 mm).
 */
class KioskLargePrintIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void theLargeToggle_laysOutFewerBiggerTiles_aTicketIsTakenFromPageTwo_andTheIdleResetEndsIt() throws Exception {
        try (KioskDriver d = new KioskDriver(dir, new Properties(), 1280, 800)) {
            KioskScreenshots.queue(d);
            d.advance(java.time.Duration.ofSeconds(1));
            double normalName = d.onFx(() -> ((Labeled) d.node("#category-A").lookup(".tile-name")).getFont().getSize());
            double normalTile = d.onFx(() -> d.node("#category-A").getLayoutBounds().getWidth());
            assertThat(d.onFx(() -> tilesShown(d))).containsExactly("A", "B", "C", "D", "P");

            d.fire("#large-print");
            assertThat(d.onFx(() -> d.ui.largePrintOn())).isTrue();
            assertThat(d.onFx(() -> tilesShown(d))).as("two categories on the first page").containsExactly("A", "B");
            assertThat(d.text("#large-page")).isEqualTo("第 1／3 頁");
            d.picture();
            double largeName = d.onFx(() -> ((Labeled) d.node("#category-A").lookup(".tile-name")).getFont().getSize());
            double largeTile = d.onFx(() -> d.node("#category-A").getLayoutBounds().getWidth());
            assertThat(largeName).as("the category's name in large print").isGreaterThanOrEqualTo(1.5 * normalName);
            assertThat(largeTile).as("the tile is laid out wider, not magnified").isGreaterThan(1.3 * normalTile);
            assertThat(d.onFx(() -> d.node("#category-A").getScaleX())).isEqualTo(1.0);
            assertThat(d.onFx(() -> d.ui.root().getScaleX())).isEqualTo(1.0);
            assertThat(d.onFx(() -> d.node("#rate") == null || d.node("#rate").getScene() == null))
                    .as("the rating button gives its room to the categories").isTrue();

            d.fire("#large-next");
            assertThat(d.onFx(() -> tilesShown(d))).containsExactly("C", "D");
            assertThat(d.text("#large-page")).isEqualTo("第 2／3 頁");
            d.fire("#category-C");
            d.waitUntil(() -> d.ui.screen() == KioskUi.Screen.TICKET);
            assertThat(d.text("#ticket-number")).startsWith("C");
            d.fire("#done");
            d.advance(java.time.Duration.ofSeconds(1));
            assertThat(d.onFx(() -> d.ui.largePrintOn())).as("large print stays for this customer").isTrue();
            assertThat(d.onFx(() -> tilesShown(d))).containsExactly("A", "B");

            d.advance(d.harness.settings.idleTimeout());
            assertThat(d.onFx(() -> d.ui.largePrintOn())).as("the idle reset ends large print").isFalse();
            assertThat(d.onFx(() -> tilesShown(d))).containsExactly("A", "B", "C", "D", "P");
            assertThat(d.onFx(() -> d.node("#large-pager") == null || d.node("#large-pager").getScene() == null)).isTrue();
        }
    }

    @Test
    void theToggle_isOnTheHomeScreenOnly_andTheLanguageButtonsNeverMove() throws Exception {
        try (KioskDriver d = new KioskDriver(dir, new Properties(), 1280, 800)) {
            d.advance(java.time.Duration.ofSeconds(1));
            double zhAt = d.onFx(() -> d.node("#lang-zh").localToScene(0, 0).getX());
            assertThat(d.onFx(() -> d.node("#large-print").isVisible())).isTrue();
            d.fire("#rate");
            d.waitUntil(() -> d.ui.screen() == KioskUi.Screen.RATING);
            d.picture();
            assertThat(d.onFx(() -> d.node("#large-print").isVisible())).isFalse();
            assertThat(d.onFx(() -> d.node("#lang-zh").localToScene(0, 0).getX())).isEqualTo(zhAt);
        }
    }

    static Stream<Arguments> panels() {
        return LARGE_PRINT_SIZES.stream().flatMap(s -> Stream.of(Arguments.of(s[0], s[1], "zh"), Arguments.of(s[0], s[1], "en")));
    }

    /** The sizes large print is checked and pictured at. */
    static final List<int[]> LARGE_PRINT_SIZES = List.of(new int[] {800, 480}, new int[] {1280, 800}, new int[] {1920, 1080},
            new int[] {1080, 1920});

    @ParameterizedTest(name = "{0}×{1} {2}")
    @MethodSource("panels")
    void everyLargePrintPage_fitsThePanel(int width, int height, String lang) throws Exception {
        double touch = Panels.touchPixels(Panels.dpi(width, height));
        Properties keys = new Properties();
        keys.setProperty("kiosk.language", lang);
        List<String> problems = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try (KioskDriver d = new KioskDriver(dir, keys, width, height)) {
            KioskScreenshots.walkLargePrint(d, (driver, screen) -> {
                driver.picture();
                seen.add(screen);
                problems.addAll(driver.onFx(() -> LayoutCheck.problems(driver.stage.getScene(), touch)).stream()
                        .map(p -> screen + ": " + p).toList());
            });
        }
        int perPage = height > width ? HomeScreen.LARGE_PER_PAGE_UPRIGHT : HomeScreen.LARGE_PER_PAGE_WIDE;
        assertThat(seen).hasSize((5 + perPage - 1) / perPage + 1);
        assertThat(problems).as("layout problems at %d×%d in %s", width, height, lang).isEmpty();
    }

    /** The categories whose tiles are on the screen now, in order. */
    private static List<String> tilesShown(KioskDriver d) {
        List<String> out = new ArrayList<>();
        collect(d.stage.getScene().getRoot(), out);
        return out;
    }

    private static void collect(Node n, List<String> out) {
        if (n.getId() != null && n.getId().startsWith("category-") && n.isVisible() && n.getScene() != null) {
            out.add(n.getId().substring("category-".length()));
        }
        if (n instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                if (c.isVisible()) {
                    collect(c, out);
                }
            }
        }
    }
}
