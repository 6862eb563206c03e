package tw.jiaohao.office.kiosk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tw.jiaohao.office.testing.ContactSheet;
import javafx.application.Platform;
import tw.jiaohao.office.kiosk.SelfServiceScreen.Step;
import tw.jiaohao.office.selfservice.HubLookupResponder;
import tw.jiaohao.office.selfservice.RequestStore;
import tw.jiaohao.office.selfservice.SelfServiceDesk;
import tw.jiaohao.office.selfservice.SelfServiceSettings;
import tw.jiaohao.protocol.selfservice.PersonalDataSeal;
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
        if (args.length > 0 && args[0].equals("--name-entry-sizes")) {
            nameEntrySizes(Path.of(args.length > 1 ? args[1] : "docs/screenshots"));
            Platform.exit();
            return;
        }
        if (args.length > 0 && args[0].equals("--large-print")) {
            largePrint(Path.of(args.length > 1 ? args[1] : "docs/screenshots"));
            Platform.exit();
            return;
        }
        if (args.length > 0 && args[0].equals("--sizes")) {
            sizes(Path.of(args.length > 1 ? args[1] : "docs/screenshots"));
            Platform.exit();
            return;
        }
        KioskDriver.headless(1280, 800);
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        for (String lang : List.of("zh", "en")) {
            Path dir = Files.createTempDirectory("kiosk-shots");
            Properties keys = new Properties();
            keys.setProperty("kiosk.language", lang);
            keys.setProperty("kiosk.hub-public-url", "https://hub.example.com.tw");
            HubLookupResponder.Scripted hub = new HubLookupResponder.Scripted();
            ExecutorService worker = Executors.newSingleThreadExecutor();
            try (KioskDriver d = new KioskDriver(dir, keys, 1280, 800, (k, ui) -> ui.enableSelfService(desk(k, dir, hub), worker, InstalledZhuyin.get()))) {
                Stop shoot = (driver, screen) -> driver.snapshot(out.resolve("kiosk-" + screen + "-" + lang + ".png"));
                walk(d, shoot);
                walkSelfService(d, hub, shoot);
            } finally {
                worker.shutdownNow();
            }
        }
        Platform.exit();
        System.out.println("screenshots written to " + out.toAbsolutePath());
    }

    /** The real desk and request outbox on the harness's office, with the scripted hub look-up (no broker needed for pictures). */
    /** The panel sizes every screen is checked at (KioskLayoutIT) and pictured at. */
    static final List<int[]> SIZES = List.of(new int[] {800, 480}, new int[] {1024, 600}, new int[] {1280, 800},
            new int[] {1366, 768}, new int[] {1920, 1080}, new int[] {720, 1280}, new int[] {3840, 2160});

    /** Writes kiosk-sizes-zh.png and kiosk-sizes-en.png: the home, ticket and printer-down home screens at every size. */
    private static void sizes(Path out) throws Exception {
        KioskDriver.headless(3840, 2160);
        for (String lang : List.of("zh", "en")) {
            ContactSheet sheet = new ContactSheet(440, 3); // a row per size: home, ticket, printer down
            for (int[] size : SIZES) {
                Path dir = Files.createTempDirectory("kiosk-sizes");
                Properties keys = new Properties();
                keys.setProperty("kiosk.language", lang);
                keys.setProperty("kiosk.hub-public-url", "https://hub.example.com.tw");
                HubLookupResponder.Scripted hub = new HubLookupResponder.Scripted();
                ExecutorService worker = Executors.newSingleThreadExecutor();
                try (KioskDriver d = new KioskDriver(dir, keys, size[0], size[1], (k, ui) -> ui.enableSelfService(desk(k, dir, hub), worker, InstalledZhuyin.get()))) {
                    Stop add = (driver, screen) -> {
                        java.awt.image.BufferedImage picture = driver.picture();
                        sheet.add(size[0] + "×" + size[1] + " " + screen + " " + lang, picture);
                        // -Dshots.each=DIR: every picture at full size too, to look at closely
                        String each = System.getProperty("shots.each");
                        if (each != null) {
                            driver.snapshot(Path.of(each, "kiosk-" + size[0] + "x" + size[1] + "-" + screen + "-" + lang + ".png"));
                        }
                    };
                    walkHomeAndTicket(d, add);
                    walkPrinterDown(d, add);
                } finally {
                    worker.shutdownNow();
                }
            }
            sheet.write(out.resolve("kiosk-sizes-" + lang + ".png"));
        }
        System.out.println("contact sheets written to " + out.toAbsolutePath());
    }

    /**
     * The contact sheets of large print beyond the home screen: kiosk-sizes-large-print-<sheet>-<lang>.png, a row per
     * size of {@link KioskLargePrintIT#LARGE_PRINT_SIZES}, these screens in its columns.
     */
    static final java.util.Map<String, List<String>> LARGE_PRINT_SHEETS = java.util.Map.of(
            "rating", List.of("home-printer-down", "ticket-printer-failed", "rating-number", "rating-faces", "rating-thanks", "rating-refused"),
            "ss-1", List.of("ss-kind", "ss-account", "ss-letters", "ss-address", "ss-notice", "ss-zhuyin"),
            "ss-2", List.of("ss-zhuyin-given-name", "ss-transfer-checksum", "ss-summary", "idle-warning", "ss-receipt", "ss-arrears"),
            "ss-3", List.of("ss-reason", "ss-date", "ss-contact", "ss-confirm-again", "ss-receipt-printer-failed", "ss-dispute",
                    "ss-address-unverified", "ss-receipt-unverified"));
    /** The large-print screens also written at full size (1280×800): kiosk-large-print-<screen>-<lang>.png. */
    static final List<String> LARGE_PRINT_FULL_SIZE = List.of("ticket-printer-failed", "rating-faces", "ss-zhuyin", "ss-summary", "idle-warning");

    /**
     * Writes kiosk-sizes-large-print-<lang>.png (every large-print page and the ticket taken from it, a row per
     * size of {@link KioskLargePrintIT#LARGE_PRINT_SIZES}), kiosk-large-print-<lang>.png (1280×800, first page), and
     * the rest of the walk in large print: {@link #LARGE_PRINT_SHEETS} and {@link #LARGE_PRINT_FULL_SIZE}.
     */
    private static void largePrint(Path out) throws Exception {
        KioskDriver.headless(3840, 2160);
        for (String lang : List.of("zh", "en")) {
            ContactSheet sheet = new ContactSheet(440, 5);
            java.util.Map<String, ContactSheet> more = new java.util.TreeMap<>();
            java.util.Map<String, String> sheetOf = new java.util.HashMap<>();
            LARGE_PRINT_SHEETS.forEach((name, screens) -> {
                more.put(name, new ContactSheet(440, screens.size()));
                screens.forEach(screen -> sheetOf.put(screen, name));
            });
            for (int[] size : KioskLargePrintIT.LARGE_PRINT_SIZES) {
                Path dir = Files.createTempDirectory("kiosk-large");
                Properties keys = new Properties();
                keys.setProperty("kiosk.language", lang);
                keys.setProperty("kiosk.hub-public-url", "https://hub.example.com.tw");
                HubLookupResponder.Scripted hub = new HubLookupResponder.Scripted();
                ExecutorService worker = Executors.newSingleThreadExecutor();
                try (KioskDriver d = new KioskDriver(dir, keys, size[0], size[1],
                        (k, ui) -> ui.enableSelfService(desk(k, dir, hub), worker, InstalledZhuyin.get()))) {
                    int[] shown = {0};
                    boolean[] homeDone = {false};
                    walkLargePrintEverywhere(d, hub, (driver, screen) -> {
                        String each = System.getProperty("shots.each");
                        if (each != null) {
                            driver.snapshot(Path.of(each, "kiosk-" + size[0] + "x" + size[1] + "-large-" + screen + "-" + lang + ".png"));
                        }
                        if (!homeDone[0]) {
                            sheet.add(size[0] + "×" + size[1] + " " + screen + " " + lang, driver.picture());
                            if (size[0] == 1280 && shown[0]++ == 0) {
                                driver.snapshot(out.resolve("kiosk-large-print-" + lang + ".png"));
                            }
                            if (screen.equals("large-print-ticket")) {
                                homeDone[0] = true;
                                // a row per size: the sheet has five columns
                                for (int i = countPages(size); i < 5; i++) {
                                    sheet.add("", new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB));
                                }
                            }
                            return;
                        }
                        if (size[0] == 1280 && LARGE_PRINT_FULL_SIZE.contains(screen)) {
                            driver.snapshot(out.resolve("kiosk-large-print-" + screen + "-" + lang + ".png"));
                        }
                        String name = sheetOf.get(screen);
                        if (name != null) {
                            more.get(name).add(size[0] + "×" + size[1] + " " + screen + " " + lang, driver.picture());
                        }
                    });
                } finally {
                    worker.shutdownNow();
                }
            }
            sheet.write(out.resolve("kiosk-sizes-large-print-" + lang + ".png"));
            for (var e : more.entrySet()) {
                e.getValue().write(out.resolve("kiosk-sizes-large-print-" + e.getKey() + "-" + lang + ".png"));
            }
        }
        System.out.println("large-print pictures written to " + out.toAbsolutePath());
    }

    /** The large-print home pages (five categories, self-service and rating) and the ticket. */
    private static int countPages(int[] size) {
        int perPage = size[1] > size[0] ? HomeScreen.LARGE_PER_PAGE_UPRIGHT : HomeScreen.LARGE_PER_PAGE_WIDE;
        return (7 + perPage - 1) / perPage + 1;
    }

    /** A morning's queue: some waiting in every category, one served. */
    static void queue(KioskDriver d) throws Exception {
        KioskHarness k = d.harness;
        for (String c : List.of("A", "A", "A", "A", "A", "B", "B", "C", "C", "C", "D", "P", "P")) {
            k.office.engine.issue(c);
        }
        k.office.command(1, CommandAction.OPEN);
        k.office.command(1, CommandAction.CALL_NEXT);
        k.office.command(1, CommandAction.START);
        k.office.command(1, CommandAction.FINISH);
        d.waitUntil(() -> d.stage.getScene().lookup("#waiting-A") != null
                && ((javafx.scene.control.Labeled) d.node("#waiting-A")).getText().matches(".*\\d.*"));
    }

    /** Large print switched on at home: every page of categories, then a ticket taken from the last page. */
    static void walkLargePrint(KioskDriver d, Stop stop) throws Exception {
        queue(d);
        d.advance(Duration.ofSeconds(1));
        d.fire("#large-print");
        int page = 1;
        stop.at(d, "large-print-" + page);
        while (d.node("#large-pager") != null && d.node("#large-pager").getScene() != null
                && !d.text("#large-page").matches(".*" + page + "\\D*" + page + "\\D*")) {
            d.fire("#large-next");
            page++;
            stop.at(d, "large-print-" + page);
        }
        tap(d, "#category-P");
        d.waitUntil(() -> d.node("#ticket-number") != null && d.node("#ticket-number").getScene() != null
                && !"正在列印號碼牌…".equals(((javafx.scene.control.Labeled) d.node("#print-status")).getText())
                && !"Printing your ticket…".equals(((javafx.scene.control.Labeled) d.node("#print-status")).getText()));
        stop.at(d, "large-print-ticket");
        d.fire("#done");
        d.advance(Duration.ofSeconds(1));
    }

    /**
     * Large print switched on at home and kept through every other screen a customer sees: its pages and a
     * ticket ({@link #walkLargePrint}), the printer failing and rating ({@link #walkFailureAndRating}), and
     * every self-service step with the idle warning ({@link #walkSelfService}); the kiosk needs self-service.
     */
    static void walkLargePrintEverywhere(KioskDriver d, HubLookupResponder.Scripted hub, Stop stop) throws Exception {
        walkLargePrint(d, stop);
        walkFailureAndRating(d, stop);
        walkSelfService(d, hub, stop);
    }

    /** The screens issue 13 added or changed, pictured at every size: kiosk-sizes-<screen>-<lang>.png. */
    static final List<String> NAME_ENTRY_SCREENS = List.of("ss-notice", "ss-zhuyin", "ss-summary", "idle-warning");

    private static void nameEntrySizes(Path out) throws Exception {
        KioskDriver.headless(3840, 2160);
        for (String lang : List.of("zh", "en")) {
            java.util.Map<String, ContactSheet> sheets = new java.util.LinkedHashMap<>();
            for (String screen : NAME_ENTRY_SCREENS) {
                sheets.put(screen, new ContactSheet(440, 4));
            }
            for (int[] size : SIZES) {
                Path dir = Files.createTempDirectory("kiosk-sizes");
                Properties keys = new Properties();
                keys.setProperty("kiosk.language", lang);
                HubLookupResponder.Scripted hub = new HubLookupResponder.Scripted();
                ExecutorService worker = Executors.newSingleThreadExecutor();
                try (KioskDriver d = new KioskDriver(dir, keys, size[0], size[1],
                        (k, ui) -> ui.enableSelfService(desk(k, dir, hub), worker, InstalledZhuyin.get()))) {
                    d.advance(Duration.ofSeconds(1));
                    d.fire("#category-A");
                    d.waitUntil(() -> d.node("#done") != null && d.node("#done").getScene() != null);
                    walkSelfService(d, hub, (driver, screen) -> {
                        ContactSheet sheet = sheets.get(screen);
                        if (sheet != null) {
                            sheet.add(size[0] + "×" + size[1] + " " + screen + " " + lang, driver.picture());
                            String each = System.getProperty("shots.each");
                            if (each != null) {
                                driver.snapshot(Path.of(each, "kiosk-" + size[0] + "x" + size[1] + "-" + screen + "-" + lang + ".png"));
                            }
                        }
                    });
                } finally {
                    worker.shutdownNow();
                }
            }
            for (var e : sheets.entrySet()) {
                e.getValue().write(out.resolve("kiosk-sizes-" + e.getKey() + "-" + lang + ".png"));
            }
        }
        System.out.println("contact sheets written to " + out.toAbsolutePath());
    }

    /** What to do at each screen of the walk (take its picture, check its layout). */
    interface Stop {
        void at(KioskDriver d, String screen) throws Exception;
    }

    static SelfServiceDesk desk(KioskHarness k, Path dir, HubLookupResponder.Scripted hub) {
        try {
            Path pem = Files.writeString(dir.resolve("hub.pub.pem"), PersonalDataSeal.toPem(PersonalDataSeal.generateKeyPair().getPublic()));
            Properties p = new Properties();
            p.setProperty("selfservice.hub-public-key", pem.toString());
            var c = k.office.config;
            return new SelfServiceDesk(c.officeId(), c.nameZh(), c.zone(), SelfServiceSettings.from(p), hub, new RequestStore(k.office.db),
                    k.office.engine, k.hardware.printer(), k.clock, () -> { });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void walkSelfService(KioskDriver d, HubLookupResponder.Scripted hub, Stop stop) throws Exception {
        d.fire("#done");
        d.advance(Duration.ofSeconds(1));
        // transfer: kind, account, address, details with the checksum problem, summary, receipt
        tap(d, "#ss-entry");
        stop.at(d, "ss-kind");
        d.fire("#ss-kind-TRANSFER");
        type(d, "#ss-account", HubLookupResponder.ACCOUNT);
        stop.at(d, "ss-account");
        d.fire("#ss-key-abc");
        stop.at(d, "ss-letters");
        d.fire("#ss-key-123");
        d.fire("#ss-lookup");
        step(d, Step.ADDRESS);
        type(d, "#ss-house", "5");
        stop.at(d, "ss-address");
        d.fire("#ss-confirm-address");
        step(d, Step.NOTICE);
        stop.at(d, "ss-notice");
        d.fire("#ss-privacy-ok");
        step(d, Step.TRANSFER);
        // the name in 注音: the surname typed, its candidates on the bar
        zhuyin(d, "ㄌㄧㄣˊ");
        stop.at(d, "ss-zhuyin");
        candidate(d, "林");
        zhuyin(d, "ㄓˋ");
        stop.at(d, "ss-zhuyin-given-name");
        candidate(d, "志");
        type(d, "#ss-name", "陳小明");
        type(d, "#ss-id", "A123456788");
        type(d, "#ss-phone", HubLookupResponder.PHONE);
        stop.at(d, "ss-transfer-checksum");
        type(d, "#ss-id", HubLookupResponder.NATIONAL_ID);
        d.fire("#ss-next");
        step(d, Step.SUMMARY);
        stop.at(d, "ss-summary");
        // no touch: "need more time?" before anything is wiped
        d.advance(d.harness.settings.idleTimeout());
        d.advance(Duration.ofSeconds(3));
        d.waitUntil(() -> d.ui.idleWarningShown());
        stop.at(d, "idle-warning");
        d.fire("#idle-continue");
        d.waitUntil(() -> !d.ui.idleWarningShown());
        d.fire("#ss-submit");
        step(d, Step.RECEIPT);
        d.waitUntil(() -> !d.node("#ss-print-status").getStyleClass().isEmpty() && d.ui.metrics().requestsTaken() >= 1
                && !((javafx.scene.control.Labeled) d.node("#ss-print-status")).getText().matches("正在列印收據…|Printing your receipt…"));
        stop.at(d, "ss-receipt");
        d.fire("#ss-done");
        d.advance(Duration.ofSeconds(1));

        // arrears
        hub.arrears(true);
        tap(d, "#ss-entry");
        d.fire("#ss-kind-TRANSFER");
        type(d, "#ss-account", HubLookupResponder.ACCOUNT);
        d.fire("#ss-lookup");
        step(d, Step.REFUSED);
        stop.at(d, "ss-arrears");
        d.fire("#ss-home");
        hub.arrears(false);
        d.advance(Duration.ofSeconds(1));

        // suspension: reason, date, contact, second confirmation, receipt not printed
        tap(d, "#ss-entry");
        d.fire("#ss-kind-SUSPENSION");
        type(d, "#ss-account", HubLookupResponder.ACCOUNT);
        d.fire("#ss-lookup");
        step(d, Step.ADDRESS);
        type(d, "#ss-house", "5");
        d.fire("#ss-confirm-address");
        step(d, Step.NOTICE);
        d.fire("#ss-privacy-ok");
        step(d, Step.REASON);
        stop.at(d, "ss-reason");
        d.fire("#ss-reason-MOVING_OUT");
        d.fire("#ss-day-2026-03-05");
        stop.at(d, "ss-date");
        d.fire("#ss-next");
        type(d, "#ss-name", "林美華");
        type(d, "#ss-phone", HubLookupResponder.PHONE);
        stop.at(d, "ss-contact");
        d.fire("#ss-next");
        step(d, Step.CONFIRM_AGAIN);
        stop.at(d, "ss-confirm-again");
        d.fire("#ss-confirm-yes");
        step(d, Step.SUMMARY);
        d.harness.device.runOutOfPaper();
        d.fire("#ss-submit");
        d.waitUntil(() -> d.node("#ss-print-photo") != null && d.node("#ss-print-photo").isVisible());
        stop.at(d, "ss-receipt-printer-failed");
        d.harness.device.loadPaper();
        d.fire("#ss-done");
        d.advance(Duration.ofSeconds(1));

        // a dispute is refused
        tap(d, "#ss-entry");
        d.fire("#ss-kind-SUSPENSION");
        type(d, "#ss-account", HubLookupResponder.ACCOUNT);
        d.fire("#ss-lookup");
        step(d, Step.ADDRESS);
        type(d, "#ss-house", "5");
        d.fire("#ss-confirm-address");
        step(d, Step.NOTICE);
        d.fire("#ss-privacy-ok");
        step(d, Step.REASON);
        d.fire("#ss-reason-TENANT_DISPUTE");
        step(d, Step.REFUSED);
        stop.at(d, "ss-dispute");
        d.fire("#ss-home");
        d.advance(Duration.ofSeconds(1));

        // hub unreachable: taken, not yet verified
        hub.reachable(false);
        tap(d, "#ss-entry");
        d.fire("#ss-kind-TRANSFER");
        type(d, "#ss-account", HubLookupResponder.ACCOUNT);
        d.fire("#ss-lookup");
        step(d, Step.ADDRESS);
        type(d, "#ss-house", "5");
        stop.at(d, "ss-address-unverified");
        d.fire("#ss-confirm-address");
        step(d, Step.NOTICE);
        d.fire("#ss-privacy-ok");
        step(d, Step.TRANSFER);
        type(d, "#ss-name", "陳小明");
        type(d, "#ss-id", HubLookupResponder.NATIONAL_ID);
        type(d, "#ss-phone", HubLookupResponder.PHONE);
        d.fire("#ss-next");
        step(d, Step.SUMMARY);
        d.fire("#ss-submit");
        step(d, Step.RECEIPT);
        d.waitUntil(() -> !((javafx.scene.control.Labeled) d.node("#ss-print-status")).getText().matches("正在列印收據…|Printing your receipt…"));
        stop.at(d, "ss-receipt-unverified");
        d.fire("#ss-done");
        hub.reachable(true);
    }

    /** Taps a home-screen button; in large print it may be on another page: turns the pages until it shows. */
    static void tap(KioskDriver d, String selector) throws Exception {
        for (int turns = 0; turns < 8 && d.onFx(() -> d.node(selector) == null && d.node("#large-next") != null); turns++) {
            d.fire("#large-next");
        }
        d.fire(selector);
    }

    /** Taps the 注音 keys of {@code symbols}, turning the key page where a symbol is on the other one. */
    static void zhuyin(KioskDriver d, String symbols) throws Exception {
        for (char c : symbols.toCharArray()) {
            String key = "#ss-zy-" + Integer.toHexString(c);
            if (d.onFx(() -> d.node(key) == null)) {
                d.fire(d.onFx(() -> d.node("#ss-zy-finals") != null) ? "#ss-zy-finals" : "#ss-zy-initials");
            }
            d.fire(key);
        }
    }

    /** Taps {@code character} on the candidate bar, paging with "more" until it shows. */
    static void candidate(KioskDriver d, String character) throws Exception {
        for (int page = 0; page < 20; page++) {
            String id = d.onFx(() -> d.stage.getScene().getRoot().lookupAll(".zy-candidate").stream()
                    .filter(n -> n instanceof javafx.scene.control.Button b && b.getText().equals(character))
                    .map(javafx.scene.Node::getId).findFirst().orElse(null));
            if (id != null) {
                d.fire("#" + id);
                return;
            }
            d.fire("#ss-zy-more");
        }
        throw new IllegalStateException(character + " is not among the candidates");
    }

    private static void type(KioskDriver d, String field, String text) throws Exception {
        d.onFx(() -> {
            ((javafx.scene.control.TextField) d.node(field)).setText(text);
            return null;
        });
    }

    private static void step(KioskDriver d, Step step) throws Exception {
        d.waitUntil(() -> d.ui.selfServiceStep() == step);
    }

    /** Every screen of the ticket and rating flows (no self-service). */
    static void walk(KioskDriver d, Stop stop) throws Exception {
        walkHomeAndTicket(d, stop);
        walkFailureAndRating(d, stop);
    }

    /** A notice and a morning's queue on the home screen, then a ticket. */
    static void walkHomeAndTicket(KioskDriver d, Stop stop) throws Exception {
        KioskHarness k = d.harness;
        Instant now = k.clock.instant();
        k.hub.deliver(new NoticeBoard(1, "all", now, List.of(new Notice("outage-0303", NoticeKind.WATER_OUTAGE,
                "中正區計畫性停水", "Planned water outage, Zhongzheng District",
                "因管線汰換，3 月 3 日 9:00 至 17:00 停水，請提前儲水。",
                "Pipe replacement: no water on 3 March 9:00-17:00. Please store water beforehand.",
                "中正區忠孝東路一段", "管線汰換", now.minusSeconds(3600), now.plus(Duration.ofDays(2)),
                Instant.parse("2026-03-03T09:00:00Z"), Instant.parse("2026-03-03T01:00:00Z"),
                Instant.parse("2026-03-03T09:00:00Z")))));
        // a morning's queue: some waiting in every category, one served and rated later
        queue(d);
        d.waitUntil(() -> d.stage.getScene().lookup("#notice-banner").isVisible());
        d.advance(Duration.ofSeconds(1));
        stop.at(d, "home");

        d.fire("#category-A");
        d.waitUntil(() -> d.node("#ticket-number") != null && d.node("#ticket-number").getScene() != null
                && !"正在列印號碼牌…".equals(((javafx.scene.control.Labeled) d.node("#print-status")).getText())
                && !"Printing your ticket…".equals(((javafx.scene.control.Labeled) d.node("#print-status")).getText()));
        stop.at(d, "ticket");
        d.fire("#done");
        d.advance(Duration.ofSeconds(1));
    }

    /** Office hours for {@link #walkClosed}: open at the harness's start (Monday 10:00), closed before 08:30. */
    static final String HOURS = """
            hours.mon=08:30-17:00
            hours.tue=08:30-17:00
            """;

    /** Back home, then the next morning before opening: the home screen closed, its buttons disabled (needs {@link #HOURS}). */
    static void walkClosed(KioskDriver d, Stop stop) throws Exception {
        KioskHarness k = d.harness;
        d.advance(Duration.ofSeconds(1));
        d.waitUntil(() -> d.node("#home-prompt") != null && d.node("#home-prompt").getScene() != null);
        k.clock.set(Instant.parse("2026-03-02T23:00:00Z")); // Tuesday 07:00 in Taipei
        k.office.engine.republish();
        d.waitUntil(() -> ((javafx.scene.control.Labeled) d.node("#home-prompt")).getText().matches(".*08:30.*")
                && d.node("#category-A").isDisabled());
        stop.at(d, "home-closed");
    }

    /** The home screen while the printer is out of paper, then paper loaded again. */
    static void walkPrinterDown(KioskDriver d, Stop stop) throws Exception {
        KioskHarness k = d.harness;
        k.device.runOutOfPaper();
        d.advance(KioskUi.PRINTER_CHECK);
        d.waitUntil(() -> d.node("#printer-down") != null && d.node("#printer-down").isVisible());
        stop.at(d, "home-printer-down");
        k.device.loadPaper();
        d.advance(KioskUi.PRINTER_CHECK);
        d.waitUntil(() -> d.node("#printer-down") == null || !d.node("#printer-down").isVisible());
    }

    /** The printer out of paper (said on the home screen before the tap) and failing, then rating a ticket twice (the second refused). */
    static void walkFailureAndRating(KioskDriver d, Stop stop) throws Exception {
        KioskHarness k = d.harness;
        k.device.runOutOfPaper();
        d.advance(KioskUi.PRINTER_CHECK);
        d.waitUntil(() -> d.node("#printer-down") != null && d.node("#printer-down").isVisible());
        stop.at(d, "home-printer-down");
        tap(d, "#category-C");
        d.waitUntil(() -> d.node("#print-photo") != null && d.node("#print-photo").isVisible());
        stop.at(d, "ticket-printer-failed");
        k.device.loadPaper();
        d.fire("#done");
        d.advance(Duration.ofSeconds(1));

        tap(d, "#rate");
        d.fire("#key-P");
        d.fire("#key-0");
        d.fire("#key-0");
        d.fire("#key-1");
        stop.at(d, "rating-number");
        d.fire("#rating-next");
        stop.at(d, "rating-faces");
        d.fire("#face-VERY_SATISFIED");
        d.waitUntil(() -> d.harness.timers != null && d.ui.metrics().ratingsAccepted() == 1);
        stop.at(d, "rating-thanks");
        d.fire("#done");
        d.advance(Duration.ofSeconds(1));

        tap(d, "#rate");
        for (String key : List.of("#key-P", "#key-0", "#key-0", "#key-1")) {
            d.fire(key);
        }
        d.fire("#rating-next");
        d.fire("#face-SATISFIED");
        d.waitUntil(() -> d.ui.metrics().ratingsRefused() == 1);
        stop.at(d, "rating-refused");
    }
}
