package tw.jiaohao.office.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import tw.jiaohao.office.selfservice.HubLookupResponder;
import tw.jiaohao.office.testing.LayoutCheck;

/**
 * Large print at the kiosk, driven as an elderly customer would: the 「大字」 toggle on the home
 * screen lays the categories out again — two big tiles a page, side by side or stacked, turned
 * with 「下一頁」 — a ticket is taken from the second page, the mode stays for that customer through
 * every screen they open (ticket, rating, self-service with 注音 and the summary, the idle warning,
 * each in type at least 1.3 times the normal) and ends at the idle reset. Every screen at 800×480,
 * 1280×800, 1920×1080 and 1080×1920 in both languages is checked with {@link LayoutCheck} (inside
 * the window, nothing shortened or overlapping, touch targets of 15 mm).
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
            // (in large print the language buttons go to a side rail: the tiles share less than the whole width)
            assertThat(largeTile).as("the tile is laid out wider, not magnified").isGreaterThan(1.15 * normalTile);
            assertThat(d.onFx(() -> d.node("#category-A").getScaleX())).isEqualTo(1.0);
            assertThat(d.onFx(() -> d.ui.root().getScaleX())).isEqualTo(1.0);
            assertThat(d.onFx(() -> d.node("#rate") == null || d.node("#rate").getScene() == null))
                    .as("rating is a tile after the categories").isTrue();

            d.fire("#large-next");
            assertThat(d.onFx(() -> tilesShown(d))).containsExactly("C", "D");
            assertThat(d.text("#large-page")).isEqualTo("第 2／3 頁");
            d.fire("#large-next");
            assertThat(d.onFx(() -> tilesShown(d))).as("P, then rating as a tile").containsExactly("P");
            assertThat(d.onFx(() -> d.node("#rate") != null && d.node("#rate").isVisible())).isTrue();
            d.fire("#large-previous");
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

    /**
     * Every screen a customer sees after switching large print on — its home pages, the ticket, the printer failing,
     * rating, every self-service step with 注音 and the summary, the idle warning — at every size and language: large
     * print still on, nothing outside the window, shortened or overlapping, touch targets of 15 mm.
     */
    @ParameterizedTest(name = "{0}×{1} {2}")
    @MethodSource("panels")
    void everyScreenInLargePrint_fitsThePanel(int width, int height, String lang) throws Exception {
        double touch = Panels.touchPixels(Panels.dpi(width, height));
        Properties keys = new Properties();
        keys.setProperty("kiosk.language", lang);
        List<String> problems = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        HubLookupResponder.Scripted hub = new HubLookupResponder.Scripted();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try (KioskDriver d = new KioskDriver(dir, keys, width, height,
                (k, ui) -> ui.enableSelfService(KioskScreenshots.desk(k, dir, hub), worker, InstalledZhuyin.get()))) {
            KioskScreenshots.walkLargePrintEverywhere(d, hub, (driver, screen) -> {
                driver.picture();
                seen.add(screen);
                if (!driver.onFx(() -> driver.ui.largePrintOn())) {
                    problems.add(screen + ": large print is off");
                }
                problems.addAll(driver.onFx(() -> LayoutCheck.problems(driver.stage.getScene(), touch)).stream()
                        .map(p -> screen + ": " + p).toList());
            });
        } finally {
            worker.shutdownNow();
        }
        int perPage = height > width ? HomeScreen.LARGE_PER_PAGE_UPRIGHT : HomeScreen.LARGE_PER_PAGE_WIDE;
        // five categories, then self-service and rating
        assertThat(seen.stream().filter(s -> s.matches("large-print-\\d+"))).hasSize((7 + perPage - 1) / perPage);
        assertThat(seen).contains("large-print-ticket", "home-printer-down", "ticket-printer-failed", "rating-number", "rating-faces",
                "rating-thanks", "rating-refused", "ss-kind", "ss-account", "ss-letters", "ss-address", "ss-notice", "ss-zhuyin",
                "ss-zhuyin-given-name", "ss-transfer-checksum", "ss-summary", "idle-warning", "ss-receipt", "ss-arrears", "ss-reason",
                "ss-date", "ss-contact", "ss-confirm-again", "ss-receipt-printer-failed", "ss-dispute", "ss-address-unverified",
                "ss-receipt-unverified");
        assertThat(problems).as("layout problems at %d×%d in %s", width, height, lang).isEmpty();
    }

    /** What is measured on each screen: the type of these texts, with and without large print. */
    private static final Map<String, List<String>> MEASURED = Map.of(
            "ticket-printer-failed", List.of("#ticket-category", "#ticket-ahead", "#print-status", "#print-photo", "#done"),
            "rating-faces", List.of("#rating-question", "#face-SATISFIED", "#back"),
            "rating-thanks", List.of("#rating-result"),
            "ss-notice", List.of("#ss-privacy-title", "#ss-privacy-body", "#ss-privacy-ok", "#ss-cancel"),
            "ss-zhuyin", List.of("#ss-zy-candidate-0", "#ss-name", "#ss-id"),
            "ss-summary", List.of("#ss-summary-account", "#ss-summary-new-holder", "#ss-edit-phone", "#ss-submit"),
            "idle-warning", List.of("#idle-countdown", "#idle-continue"));

    @Test
    void afterTheToggle_theTicketRatingSelfServiceAndIdleWarning_areInLargeType_untilTheIdleReset() throws Exception {
        Map<String, Double> normal = typeSizes(false);
        Map<String, Double> large = typeSizes(true);
        assertThat(large.keySet()).containsExactlyInAnyOrderElementsOf(normal.keySet());
        assertThat(normal).hasSize(MEASURED.values().stream().mapToInt(List::size).sum());
        for (String text : normal.keySet()) {
            assertThat(large.get(text)).as("%s in large print against %.1f px", text, normal.get(text))
                    .isGreaterThanOrEqualTo(1.3 * normal.get(text));
        }
    }

    /** The font size of every {@link #MEASURED} text, walking every screen with large print on or off (1920×1080, 繁體中文). */
    private Map<String, Double> typeSizes(boolean largePrint) throws Exception {
        Map<String, Double> sizes = new java.util.TreeMap<>();
        Path here = java.nio.file.Files.createTempDirectory(dir, "walk");
        HubLookupResponder.Scripted hub = new HubLookupResponder.Scripted();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        KioskScreenshots.Stop measure = (d, screen) -> {
            d.picture();
            for (String id : MEASURED.getOrDefault(screen, List.of())) {
                double size = d.onFx(() -> {
                    Node n = d.node(id);
                    return n instanceof Labeled l ? l.getFont().getSize()
                            : n instanceof javafx.scene.control.TextInputControl t ? t.getFont().getSize() : Double.NaN;
                });
                assertThat(size).as(screen + " " + id).isNotNaN();
                sizes.put(screen + " " + id, size);
            }
        };
        try (KioskDriver d = new KioskDriver(here, new Properties(), 1920, 1080,
                (k, ui) -> ui.enableSelfService(KioskScreenshots.desk(k, here, hub), worker, InstalledZhuyin.get()))) {
            if (largePrint) {
                KioskScreenshots.walkLargePrintEverywhere(d, hub, measure);
                assertThat(d.onFx(() -> d.ui.largePrintOn())).isTrue();
                d.advance(d.harness.settings.idleTimeout());
                assertThat(d.onFx(() -> d.ui.largePrintOn())).as("the idle reset ends large print").isFalse();
                assertThat(d.onFx(() -> d.node(".large-print"))).as("no screen is left in large type").isNull();
            } else {
                KioskScreenshots.walkHomeAndTicket(d, measure);
                KioskScreenshots.walkFailureAndRating(d, measure);
                KioskScreenshots.walkSelfService(d, hub, measure);
            }
        } finally {
            worker.shutdownNow();
        }
        return sizes;
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
