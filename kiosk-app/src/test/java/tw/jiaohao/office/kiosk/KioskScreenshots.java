package tw.jiaohao.office.kiosk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import javafx.application.Platform;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.notice.Notice;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.notice.NoticeKind;

/**
 * Writes {@code docs/screenshots/kiosk-<screen>-<zh|en>.png}: every kiosk screen in both
 * languages, rendered headless (Monocle) by the real UI on the real engine and simulated printer.
 * Command: see docs/kiosk/README-section.md. Argument: the output folder (default docs/screenshots).
 */
public final class KioskScreenshots {
    private KioskScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        // the JVM's own locale must not leak into the pictures (numbers, dates)
        java.util.Locale.setDefault(java.util.Locale.TRADITIONAL_CHINESE);
        KioskDriver.headless(1280, 800);
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        for (String lang : List.of("zh", "en")) {
            Path dir = Files.createTempDirectory("kiosk-shots");
            Properties keys = new Properties();
            keys.setProperty("kiosk.language", lang);
            keys.setProperty("kiosk.hub-public-url", "https://hub.example.com.tw");
            try (KioskDriver d = new KioskDriver(dir, keys, 1280, 800)) {
                shoot(d, out, lang);
            }
        }
        Platform.exit();
        System.out.println("screenshots written to " + out.toAbsolutePath());
    }

    private static void shoot(KioskDriver d, Path out, String lang) throws Exception {
        KioskHarness k = d.harness;
        Instant now = k.clock.instant();
        k.hub.deliver(new NoticeBoard(1, "all", now, List.of(new Notice("outage-0303", NoticeKind.WATER_OUTAGE,
                "中正區計畫性停水", "Planned water outage, Zhongzheng District",
                "因管線汰換，3 月 3 日 9:00 至 17:00 停水，請提前儲水。",
                "Pipe replacement: no water on 3 March 9:00-17:00. Please store water beforehand.",
                "中正區忠孝東路一段", "管線汰換", now.minusSeconds(3600), now.plus(Duration.ofDays(2)), null))));
        // a morning's queue: some waiting in every category, one served and rated later
        for (String c : List.of("A", "A", "A", "A", "A", "B", "B", "C", "C", "C", "D", "P", "P")) {
            k.office.engine.issue(c);
        }
        k.office.command(1, CommandAction.OPEN);
        k.office.command(1, CommandAction.CALL_NEXT);
        k.office.command(1, CommandAction.START);
        k.office.command(1, CommandAction.FINISH);
        d.waitUntil(() -> d.stage.getScene().lookup("#notice-banner").isVisible());
        d.waitUntil(() -> d.stage.getScene().lookup("#waiting-A") != null);
        d.advance(Duration.ofSeconds(1));
        d.snapshot(out.resolve("kiosk-home-" + lang + ".png"));

        d.fire("#category-A");
        d.waitUntil(() -> d.node("#ticket-number") != null && d.node("#ticket-number").getScene() != null
                && !"正在列印號碼牌…".equals(((javafx.scene.control.Labeled) d.node("#print-status")).getText())
                && !"Printing your ticket…".equals(((javafx.scene.control.Labeled) d.node("#print-status")).getText()));
        d.snapshot(out.resolve("kiosk-ticket-" + lang + ".png"));
        d.fire("#done");
        d.advance(Duration.ofSeconds(1));

        k.device.runOutOfPaper();
        d.fire("#category-C");
        d.waitUntil(() -> d.node("#print-photo") != null && d.node("#print-photo").isVisible());
        d.snapshot(out.resolve("kiosk-ticket-printer-failed-" + lang + ".png"));
        k.device.loadPaper();
        d.fire("#done");
        d.advance(Duration.ofSeconds(1));

        d.fire("#rate");
        d.fire("#key-P");
        d.fire("#key-0");
        d.fire("#key-0");
        d.fire("#key-1");
        d.snapshot(out.resolve("kiosk-rating-number-" + lang + ".png"));
        d.fire("#rating-next");
        d.snapshot(out.resolve("kiosk-rating-faces-" + lang + ".png"));
        d.fire("#face-VERY_SATISFIED");
        d.waitUntil(() -> d.harness.timers != null && d.ui.metrics().ratingsAccepted() == 1);
        d.snapshot(out.resolve("kiosk-rating-thanks-" + lang + ".png"));
        d.fire("#done");
        d.advance(Duration.ofSeconds(1));

        d.fire("#rate");
        for (String key : List.of("#key-P", "#key-0", "#key-0", "#key-1")) {
            d.fire(key);
        }
        d.fire("#rating-next");
        d.fire("#face-SATISFIED");
        d.waitUntil(() -> d.ui.metrics().ratingsRefused() == 1);
        d.snapshot(out.resolve("kiosk-rating-refused-" + lang + ".png"));
    }
}
