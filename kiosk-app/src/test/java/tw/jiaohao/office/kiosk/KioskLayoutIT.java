package tw.jiaohao.office.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
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
 * Every kiosk screen — home with a notice, home closed outside office hours, ticket, printer failure, the rating steps, every
 * self-service step with the letters keypad, refusals and receipts — opened at each panel size
 * in both languages, headless, and checked with {@link LayoutCheck}: inside the window, no
 * overlapping texts, no ellipsis not asked for, touch targets ≥ 15 mm at the panel's density
 * from the panel table (the kiosk's default {@code kiosk.screen-dpi = auto}).
 */
class KioskLayoutIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    static Stream<Arguments> panels() {
        return KioskScreenshots.SIZES.stream().flatMap(s -> Stream.of(Arguments.of(s[0], s[1], "zh"), Arguments.of(s[0], s[1], "en")));
    }

    @ParameterizedTest(name = "{0}×{1} {2}")
    @MethodSource("panels")
    void everyScreen_fitsThePanel_withTouchTargetsOf15mm(int width, int height, String lang) throws Exception {
        double touch = Panels.touchPixels(Panels.dpi(width, height));
        Properties keys = new Properties();
        keys.setProperty("kiosk.language", lang);
        HubLookupResponder.Scripted hub = new HubLookupResponder.Scripted();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        List<String> problems = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        KioskScreenshots.Stop check = (d, screen) -> {
            d.picture();
            seen.add(screen);
            problems.addAll(d.onFx(() -> LayoutCheck.problems(d.stage.getScene(), touch)).stream()
                    .map(p -> screen + ": " + p).toList());
        };
        try (KioskDriver d = new KioskDriver(dir, keys, KioskScreenshots.HOURS, width, height,
                (k, ui) -> ui.enableSelfService(KioskScreenshots.desk(k, dir, hub), worker))) {
            assertThat(d.onFx(() -> d.ui.fit().touch())).isEqualTo(touch);
            KioskScreenshots.walk(d, check);
            KioskScreenshots.walkSelfService(d, hub, check);
            KioskScreenshots.walkClosed(d, check);
        } finally {
            worker.shutdownNow();
        }
        assertThat(seen).contains("home", "home-printer-down", "ticket", "ticket-printer-failed", "rating-number", "rating-faces", "rating-thanks",
                "ss-kind", "ss-account", "ss-letters", "ss-address", "ss-transfer-checksum", "ss-summary", "ss-receipt", "ss-arrears",
                "ss-reason", "ss-date", "ss-contact", "ss-confirm-again", "ss-dispute", "ss-address-unverified", "home-closed");
        assertThat(problems).as("layout problems at %d×%d in %s", width, height, lang).isEmpty();
    }

    @Test
    void aPanelLyingOnItsSide_isLaidOutTurned_whenKioskRotationSaysSo() throws Exception {
        // the upright Touch Display 2 mounted landscape, its system display left as it is
        Properties keys = new Properties();
        keys.setProperty("kiosk.rotation", "90");
        double touch = Panels.touchPixels(Panels.dpi(720, 1280));
        List<String> problems = new ArrayList<>();
        try (KioskDriver d = new KioskDriver(dir, keys, 720, 1280)) {
            KioskFit fit = d.onFx(() -> d.ui.fit());
            assertThat(fit.width()).isEqualTo(1280);
            assertThat(fit.height()).isEqualTo(720);
            assertThat(fit.touch()).isEqualTo(touch);
            KioskScreenshots.walkHomeAndTicket(d, (driver, screen) -> {
                driver.picture();
                problems.addAll(driver.onFx(() -> LayoutCheck.problems(driver.stage.getScene(), touch)).stream()
                        .map(p -> screen + ": " + p).toList());
                // turned a quarter: a line of text runs down the window
                String text = screen.equals("home") ? "#home-prompt" : "#ticket-number";
                javafx.geometry.Bounds line = driver.onFx(() -> driver.node(text).localToScene(driver.node(text).getLayoutBounds()));
                assertThat(line.getHeight()).as(text + " on the window").isGreaterThan(line.getWidth());
            });
        }
        assertThat(problems).isEmpty();
    }
}
