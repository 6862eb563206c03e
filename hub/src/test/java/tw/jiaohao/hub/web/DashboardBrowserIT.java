package tw.jiaohao.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import tw.jiaohao.hub.report.WaitsByHour;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import static tw.jiaohao.hub.testing.PersonalTestData.ACCOUNT_OK;
import static tw.jiaohao.hub.testing.PersonalTestData.ADDRESS_OK;
import static tw.jiaohao.hub.testing.PersonalTestData.HOUSE_OK;
import static tw.jiaohao.hub.testing.PersonalTestData.NATIONAL_ID;
import static tw.jiaohao.hub.testing.PersonalTestData.PHONE;

import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.accounts.AccountImporter;
import tw.jiaohao.hub.accounts.SqliteAccountStore;
import tw.jiaohao.hub.cases.HubKeys;
import tw.jiaohao.hub.cases.Requests;
import tw.jiaohao.hub.testing.PersonalTestData;
import tw.jiaohao.protocol.selfservice.KioskCheck;
import tw.jiaohao.protocol.selfservice.PersonalDataSeal;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.hub.testing.Browsers;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.hub.testing.SyntheticOffice;
import tw.jiaohao.hub.testing.TestClient;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.device.PrinterCondition;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.TicketState;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * The dashboard in Debian's headless Chromium (Selenium) against a running hub: log in, each
 * role sees what it may and nothing else, charts are drawn, a CSV downloads, and a notice
 * written in the form appears on the retained topic the kiosks and boards subscribe to.
 * With {@code -Dscreenshots.dir=DIR} it also writes a PNG of every page (docs/hub/README.md).
 * Tagged "system": needs /usr/bin/chromium and /usr/bin/chromedriver.
 */
@Tag("system")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserIT {
    private static final JsonCodec CODEC = new JsonCodec();
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private Hub hub;
    private SharedChrome chrome;
    private String transferCase;
    private Path work;
    private final Map<String, List<OfficeEvent>> events = new HashMap<>();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        work = dir;
        // self-service on: the billing extract imported, the keys made as the installer does
        HubKeys.create(dir.resolve("keys"));
        try (SqliteAccountStore accounts = SqliteAccountStore.open(dir.resolve("hub.db"))) {
            new AccountImporter(accounts, Clock.systemUTC(), 100).importFile(PersonalTestData.extract(dir), AccountImporter.Progress.NONE);
        }
        hub = Hub.start(HubFixture.config(dir, "", "browser-it", Map.of("broker.embedded.port", "0", "selfservice.enabled", "true",
                "selfservice.keys-dir", dir.resolve("keys").toString(), "selfservice.mqtt.client-id", "browser-it-ss")), Clock.systemUTC());
        var auth = hub.dashboard().auth();
        auth.createUser(new User("boss", Role.HEAD_OFFICE, null), "boss-password-1".toCharArray());
        auth.createUser(new User("clerk", Role.STAFF, "taipei-1"), "clerk-password-1".toCharArray());
        auth.createUser(new User("chen", Role.OFFICE_MANAGER, "taipei-1"), "chen-password-1".toCharArray());
        auth.createUser(new User("lin", Role.OFFICE_MANAGER, "kaohsiung-3"), "lin-password-1".toCharArray());
        var hubKey = PersonalDataSeal.publicKeyFromPem(Files.readString(dir.resolve("keys").resolve(HubKeys.SEAL_PUBLIC)));
        var cases = hub.selfService().cases();
        transferCase = cases.receive(Requests.transfer(hubKey, "taipei-1", 1, ACCOUNT_OK, HOUSE_OK, Instant.now().minusSeconds(5400)))
                .caseNumber();
        cases.receive(Requests.suspension(hubKey, "taipei-1", 2, ACCOUNT_OK, Instant.now().minusSeconds(3 * 86400),
                LocalDate.now(TAIPEI).plusDays(3), KioskCheck.NOT_YET_VERIFIED));
        cases.receive(Requests.transfer(hubKey, "kaohsiung-3", 1, ACCOUNT_OK, HOUSE_OK, Instant.now().minusSeconds(600)));
        LocalDate today = LocalDate.now(TAIPEI);
        try (TestClient office = new TestClient(hub.brokerUrl(), "browser-it-offices")) {
            long seed = 11;
            for (String o : List.of("taipei-1", "taichung-2", "kaohsiung-3")) {
                SyntheticOffice sim = new SyntheticOffice(o, seed++);
                for (LocalDate d = today.minusDays(27); !d.isAfter(today); d = d.plusDays(1)) {
                    List<OfficeEvent> day = sim.day(d, 30 + (int) (seed * 7 + d.getDayOfMonth()) % 25);
                    events.computeIfAbsent(o, k -> new java.util.ArrayList<>()).addAll(day);
                    office.publishHistory(day);
                }
                office.publish(Topics.deviceStatus(o, "node"), CODEC.encode(new DeviceStatus(ProtocolVersion.CURRENT, o, "node",
                        DeviceKind.OFFICE_NODE, !o.equals("kaohsiung-3"), Instant.now(), "0.1.0", null, null)), true);
                office.publish(Topics.deviceStatus(o, "kiosk-1"), CODEC.encode(new DeviceStatus(ProtocolVersion.CURRENT, o, "kiosk-1",
                        DeviceKind.KIOSK, true, Instant.now(), "0.1.0", o.equals("taichung-2") ? PrinterCondition.PAPER_NEAR_END
                        : PrinterCondition.READY, null)), true);
                office.publish(Topics.state(o), CODEC.encode(snapshot(o, today)), true);
            }
        }
        Poll.until(Duration.ofSeconds(90), "three offices stored and live", () -> hub.dashboard().live().offices().size() == 3
                && List.of("taipei-1", "taichung-2", "kaohsiung-3").stream().allMatch(o -> hub.store().progress(o)
                .map(p -> p.contiguousSeq() == p.maxSeq() && p.maxSeq() > 0).orElse(false)));
    }

    private static StateSnapshot snapshot(String office, LocalDate today) {
        String name = switch (office) {
            case "taipei-1" -> "台北服務所";
            case "taichung-2" -> "台中服務所";
            default -> "高雄服務所";
        };
        Instant now = Instant.now();
        List<StateSnapshot.CategoryView> cats = List.of(
                new StateSnapshot.CategoryView("A", "水費/一般", "Bills & general", false, 6, 12, "A031", "A025"),
                new StateSnapshot.CategoryView("B", "過戶/停用/復用", "Ownership & suspension", false, 3, 18, "B012", "B009"),
                new StateSnapshot.CategoryView("C", "報修/無水/水質", "Repairs & water quality", false, 2, 9, "C008", "C006"),
                new StateSnapshot.CategoryView("D", "新裝/工程", "New connections", false, 1, 20, "D004", "D003"));
        List<StateSnapshot.CounterView> counters = List.of(
                new StateSnapshot.CounterView(1, "1 號櫃台", List.of("A", "B"), true, new StateSnapshot.TicketView(
                        today + "/A025", "A025", "A", TicketState.SERVING, now.minusSeconds(900), now.minusSeconds(120))),
                new StateSnapshot.CounterView(2, "2 號櫃台", List.of("B", "A"), true, new StateSnapshot.TicketView(
                        today + "/B009", "B009", "B", TicketState.SERVING, now.minusSeconds(1300), now.minusSeconds(300))),
                new StateSnapshot.CounterView(3, "3 號櫃台", List.of("C"), true, null),
                new StateSnapshot.CounterView(4, "4 號櫃台", List.of("D", "C"), false, null));
        return new StateSnapshot(ProtocolVersion.CURRENT, office, name, "Asia/Taipei", 1, now, today, cats, counters, List.of());
    }

    @AfterAll
    void stop() {
        try {
            if (chrome != null) {
                chrome.end();
            }
        } finally {
            if (hub != null) {
                hub.close();
            }
        }
    }

    /**
     * The test's browser: the class's one Chromium ({@link SharedChrome}; a Chromium start cost
     * ≈ 10 s of this class's 530 s at load ≈ 20, docs/BENCHMARKS.md "CI time"), handed over as a
     * new one would be: no cookie, so no session; an empty cache; a blank page in a 1440×1000
     * window; downloads into {@code downloads}. {@code quit()} gives it back for the next test.
     */
    private ChromeDriver browser(Path downloads) throws Exception {
        if (chrome == null || chrome.lost) {
            ChromeOptions o = Browsers.options(work, 1440, 1000);
            o.setExperimentalOption("prefs", Map.of("download.prompt_for_download", false));
            chrome = new SharedChrome(Browsers.driverService(), o);
            chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        }
        chrome.handOver(downloads);
        return chrome;
    }

    /**
     * One headless Chromium for the whole class. {@link #handOver} makes it what a fresh browser is
     * to the dashboard (the dashboard keeps no state in the browser but its session cookie: no
     * local or session storage); {@link #quit()}, which the tests call when done with a browser,
     * only leaves the page (if Chromium no longer answers, it is ended and the next test gets a
     * new one, and the test's own failure is the one reported); {@link #end()} stops Chromium.
     */
    private static final class SharedChrome extends ChromeDriver {
        private boolean lost;

        SharedChrome(ChromeDriverService service, ChromeOptions options) {
            super(service, options);
        }

        void handOver(Path downloads) {
            get("about:blank");
            executeCdpCommand("Network.clearBrowserCookies", Map.of());
            executeCdpCommand("Network.clearBrowserCache", Map.of());
            executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
            manage().window().setSize(new org.openqa.selenium.Dimension(1440, 1000));
            assertThat(manage().getCookies()).as("a browser handed over without a session").isEmpty();
        }

        @Override
        public void quit() {
            try {
                get("about:blank");
            } catch (org.openqa.selenium.WebDriverException e) {
                lost = true;
                end();
            }
        }

        void end() {
            try {
                super.quit();
            } catch (org.openqa.selenium.WebDriverException e) {
                // already gone
            }
        }
    }

    private void login(WebDriver d, String user, String password) {
        d.get(hub.apiUrl() + "/offices");
        assertThat(d.getCurrentUrl()).contains("/login");
        shot(d, "login");
        d.findElement(By.id("username")).sendKeys(user);
        d.findElement(By.id("password")).sendKeys(password);
        d.findElement(By.id("login")).click();
        try {
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> x.getCurrentUrl().endsWith("/offices"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("not logged in; at " + d.getCurrentUrl() + ": " + d.getPageSource(), e);
        }
    }

    @Test
    void headOffice_seesAllOffices_chartsDraw_csvDownloads_andANoticeReachesTheRetainedTopic() throws Exception {
        Path downloads = Files.createDirectories(work.resolve("downloads"));
        ChromeDriver d = browser(downloads);
        try {
            login(d, "boss", "boss-password-1");
            List<WebElement> rows = d.findElements(By.cssSelector("#offices-body tr"));
            assertThat(rows).extracting(r -> r.getAttribute("data-office")).containsExactly("kaohsiung-3", "taichung-2", "taipei-1");
            // "waiting now" is only from a snapshot of today's office day: when the run crossed Taipei's
            // midnight since the set-up, the offices speak again (as their nodes would) before it is read
            LocalDate today = LocalDate.now(TAIPEI);
            if (hub.dashboard().live().state("taipei-1").map(st -> st.officeDay().isBefore(today)).orElse(true)) {
                try (TestClient office = new TestClient(hub.brokerUrl(), "browser-it-offices-again")) {
                    for (String o : List.of("taipei-1", "taichung-2", "kaohsiung-3")) {
                        office.publish(Topics.state(o), CODEC.encode(snapshot(o, today)), true);
                    }
                }
                Poll.until(Duration.ofSeconds(20), "today's snapshots", () -> hub.dashboard().live().state("taipei-1")
                        .map(st -> st.officeDay().equals(today)).orElse(false));
                d.navigate().refresh();
            }
            assertThat(d.findElement(By.cssSelector("tr[data-office='taipei-1'] td[data-f='waitingNow']")).getText()).isEqualTo("12");
            assertThat(d.findElement(By.cssSelector("tr[data-office='kaohsiung-3'] td[data-f='online']")).getText()).isEqualTo("離線");
            new WebDriverWait(d, Duration.ofSeconds(15)).until(x -> x.findElement(By.id("offices-body")).getAttribute("data-refreshed") != null);
            shot(d, "offices");

            d.findElement(By.linkText("台北服務所")).click();
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> "true".equals(x.findElement(By.id("chart-mix")).getAttribute("data-drawn")));
            for (String chart : List.of("chart-hours", "chart-waits", "chart-mix")) {
                Object painted = ((JavascriptExecutor) d).executeScript("const c = document.getElementById(arguments[0]);"
                        + "const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "let n = 0; for (let i = 3; i < px.length; i += 4) { if (px[i] !== 0) n++; } return n;", chart);
                assertThat(((Number) painted).longValue()).as(chart + " painted pixels").isGreaterThan(500);
            }
            assertThat(d.findElements(By.cssSelector("#table-categories tbody tr"))).hasSizeGreaterThan(3);
            assertThat(d.findElements(By.cssSelector("#heatmap td.h9"))).isNotEmpty();
            d.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 2300));
            shot(d, "office");
            d.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 1000));

            d.findElement(By.id("csv-categories")).click();
            Poll.until(Duration.ofSeconds(20), "the CSV download", () -> listCsv(downloads).size() == 1);
            String csv = Files.readString(listCsv(downloads).get(0));
            assertThat(csv).contains("category,label,tickets").contains("\nall,");

            d.get(hub.apiUrl() + "/alerts");
            assertThat(d.findElements(By.cssSelector("#alerts tbody tr"))).isNotEmpty();
            // one row per late call, grouped by kind and office; a group of several is folded until opened
            var waitGroup = d.findElements(By.cssSelector("details.alert-group[data-kind='WAIT_OVER_TARGET']")).get(0);
            assertThat(waitGroup.findElements(By.cssSelector("tbody tr"))).hasSizeGreaterThan(1);
            assertThat(waitGroup.getAttribute("open")).isNull();
            assertThat(waitGroup.findElement(By.cssSelector("tbody tr")).isDisplayed()).isFalse();
            waitGroup.findElement(By.tagName("summary")).click();
            assertThat(waitGroup.findElement(By.cssSelector("tbody tr")).isDisplayed()).isTrue();
            assertThat(waitGroup.findElements(By.cssSelector("tbody tr td.num")).stream().map(e -> e.getText()).distinct().toList())
                    .as("each occurrence its own row").containsExactly("1");
            shot(d, "alerts");

            try (TestClient board = new TestClient(hub.brokerUrl(), "browser-it-board")) {
                board.subscribe(Topics.notice(Topics.ALL_OFFICES));
                d.get(hub.apiUrl() + "/notices");
                new org.openqa.selenium.support.ui.Select(d.findElement(By.id("kind"))).selectByValue("WATER_OUTAGE");
                d.findElement(By.id("titleZh")).sendKeys("大安區計畫性停水");
                d.findElement(By.id("titleEn")).sendKeys("Planned water outage, Da'an");
                d.findElement(By.id("area")).sendKeys("大安區 信義路三段");
                d.findElement(By.id("reason")).sendKeys("管線汰換工程");
                String start = java.time.LocalDateTime.now(TAIPEI).plusDays(1).withHour(9).withMinute(0).toString().substring(0, 16);
                String end = java.time.LocalDateTime.now(TAIPEI).plusDays(1).withHour(17).withMinute(0).toString().substring(0, 16);
                ((JavascriptExecutor) d).executeScript("document.getElementById('startsAt').value = arguments[0];"
                        + "document.getElementById('endsAt').value = arguments[1];"
                        + "document.getElementById('outageStartsAt').value = arguments[0];"
                        + "document.getElementById('outageEndsAt').value = arguments[1];"
                        + "document.getElementById('expectedRestoration').value = arguments[1];", start, end);
                d.findElement(By.id("publish")).click();
                new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> !x.findElements(By.id("notice-message")).isEmpty());
                NoticeBoard onTopic = null;
                for (int i = 0; i < 5 && (onTopic == null || onTopic.notices().isEmpty()); i++) {
                    TestClient.Received m = board.received.poll(20, TimeUnit.SECONDS);
                    assertThat(m).as("a board on hub/notice/all").isNotNull();
                    onTopic = CODEC.decodeOrThrow(m.payload(), NoticeBoard.class);
                }
                assertThat(onTopic.notices()).singleElement().satisfies(n -> {
                    assertThat(n.titleZh()).isEqualTo("大安區計畫性停水");
                    assertThat(n.area()).isEqualTo("大安區 信義路三段");
                });
                shot(d, "notices");
            }

            d.findElement(By.id("lang-switch")).click();
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> "en".equals(x.findElement(By.tagName("body")).getAttribute("data-lang")));
            d.get(hub.apiUrl() + "/offices");
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("All offices");
            shot(d, "offices-en");
        } finally {
            d.quit();
        }
    }

    @Test
    void aWaterOutage_isWrittenWithItsOutagePeriodApartFromTheDisplayWindow_andRefusedWithoutOne() throws Exception {
        ChromeDriver d = browser(Files.createDirectories(work.resolve("downloads-outage")));
        try (TestClient board = new TestClient(hub.brokerUrl(), "browser-it-outage-board")) {
            login(d, "boss", "boss-password-1");
            board.subscribe(Topics.notice("taichung-2"));
            d.get(hub.apiUrl() + "/notices?lang=en");
            java.time.LocalDate day = java.time.LocalDate.now(TAIPEI).plusDays(2);
            String shownFrom = java.time.LocalDate.now(TAIPEI).plusDays(1) + "T08:00";
            String shownUntil = day + "T18:00";
            new org.openqa.selenium.support.ui.Select(d.findElement(By.id("kind"))).selectByValue("WATER_OUTAGE");
            d.findElement(By.id("titleZh")).sendKeys("北屯區停水");
            d.findElement(By.id("titleEn")).sendKeys("Water outage, Beitun");
            d.findElement(By.id("area")).sendKeys("北屯區 崇德路");
            d.findElement(By.id("reason")).sendKeys("管線汰換工程");
            d.findElement(By.id("offices")).sendKeys("taichung-2");
            ((JavascriptExecutor) d).executeScript("document.getElementById('startsAt').value = arguments[0];"
                    + "document.getElementById('endsAt').value = arguments[1];", shownFrom, shownUntil);
            assertThat(d.findElement(By.cssSelector("#outage-period legend")).getText()).isEqualTo("Outage period");
            assertThat(d.findElement(By.cssSelector("#display-window legend")).getText()).isEqualTo("Display window");
            d.findElement(By.id("publish")).click();
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> !x.findElements(By.id("notice-error")).isEmpty());
            assertThat(d.findElement(By.id("notice-error")).getText()).contains("outageStartsAt").contains("water goes off");
            // what was typed is kept: only the outage period is added
            assertThat(d.findElement(By.id("titleZh")).getAttribute("value")).isEqualTo("北屯區停水");

            ((JavascriptExecutor) d).executeScript("document.getElementById('outageStartsAt').value = arguments[0];"
                    + "document.getElementById('outageEndsAt').value = arguments[1];"
                    + "document.getElementById('expectedRestoration').value = arguments[1];", day + "T09:00", day + "T17:00");
            d.findElement(By.id("publish")).click();
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> !x.findElements(By.id("notice-message")).isEmpty());
            NoticeBoard onTopic = null;
            for (int i = 0; i < 5 && (onTopic == null || onTopic.notices().isEmpty()); i++) {
                TestClient.Received m = board.received.poll(20, TimeUnit.SECONDS);
                assertThat(m).as("a board on hub/notice/taichung-2").isNotNull();
                onTopic = CODEC.decodeOrThrow(m.payload(), NoticeBoard.class);
            }
            assertThat(onTopic.notices()).singleElement().satisfies(n -> {
                assertThat(n.outageStartsAt()).isEqualTo(day.atTime(9, 0).atZone(TAIPEI).toInstant());
                assertThat(n.outageEndsAt()).isEqualTo(day.atTime(17, 0).atZone(TAIPEI).toInstant());
                assertThat(n.startsAt()).isEqualTo(java.time.LocalDateTime.parse(shownFrom).atZone(TAIPEI).toInstant());
            });
            WebElement row = d.findElement(By.cssSelector("#notices tr[data-notice='" + onTopic.notices().get(0).id() + "']"));
            assertThat(row.findElement(By.cssSelector("td.outage")).getText()).contains("09:00").contains("17:00");
            assertThat(row.getText()).contains("08:00").contains("18:00");
            d.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 1500));
            d.get(hub.apiUrl() + "/notices?lang=en"); // the redirect after publishing is in the session's language
            shot(d, "notices-en");
            d.get(hub.apiUrl() + "/notices?lang=zh");
            assertThat(d.findElement(By.cssSelector("#outage-period legend")).getText()).isEqualTo("停水期間");
            assertThat(d.findElement(By.cssSelector("#display-window legend")).getText()).isEqualTo("公告期間");
            shot(d, "notices");
        } finally {
            d.quit();
        }
    }

    @Test
    void aManager_asksHowLongPeopleWhoCameBetweenTwoAndThreeWaited_andReadsItInBothLanguages() throws Exception {
        ChromeDriver d = browser(Files.createDirectories(work.resolve("downloads-hours")));
        try {
            login(d, "chen", "chen-password-1");
            d.get(hub.apiUrl() + "/offices/taipei-1?lang=zh");
            WebElement hours = d.findElement(By.name("hours"));
            hours.clear();
            hours.sendKeys("14-15");
            d.findElement(By.cssSelector("#range button[type=submit]")).click();
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> x.getCurrentUrl().contains("hours=14-15"));
            List<WebElement> rows = d.findElements(By.cssSelector("#table-waits-by-hour tbody tr"));
            assertThat(rows).hasSize(2); // 14:00–15:00 and the total
            assertThat(rows.get(0).getAttribute("data-hour")).isEqualTo("14");
            WaitsByHour api = new WebClientFor(hub.apiUrl(), "chen", "chen-password-1").get(
                    "/api/dashboard/offices/taipei-1/waits-by-hour?" + d.getCurrentUrl().split("\\?", 2)[1]);
            List<WebElement> cells = rows.get(0).findElements(By.tagName("td"));
            assertThat(cells.get(0).getText()).isEqualTo(String.valueOf(api.hours().get(0).waited()));
            assertThat(cells.get(1).getText()).as("a duration, never a clock time").matches("(\\d+ 小時 \\d+ 分|\\d+ 分 \\d+ 秒|\\d+ 秒)");
            WebElement p90 = d.findElement(By.cssSelector("#table-waits-by-hour thead th:nth-child(4)"));
            assertThat(p90.getText()).isEqualTo("九成民眾等候不超過");
            assertThat(p90.getAttribute("title")).contains("第 90 百分位數");
            assertThat(d.findElements(By.cssSelector("#table-counters thead th")).stream().map(WebElement::getText))
                    .doesNotContain("取號數");
            d.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 2600));
            shot(d, "office-hours-zh");
            d.get(d.getCurrentUrl().replace("lang=zh", "lang=en"));
            assertThat(d.findElement(By.cssSelector("#table-waits-by-hour thead th:nth-child(4)")).getText()).isEqualTo("9 in 10 waited at most");
            assertThat(d.findElement(By.cssSelector("#table-waits-by-hour tbody tr td:nth-child(3)")).getText())
                    .matches("(\\d+ h \\d+ min|\\d+ min \\d+ s|\\d+ s)");
            shot(d, "office-hours-en");
        } finally {
            d.quit();
        }
    }

    /**
     * The office page's counters' time: every counter's customers, days, idle time and idle share
     * equal a sweep over the raw events the test sent, in words in both languages, each term
     * explained on hover; another office's manager is refused the figures.
     */
    @Test
    void aManager_seesEachCountersBusyAndIdleTime_equalToTheRawEvents_inBothLanguages() throws Exception {
        ChromeDriver d = browser(Files.createDirectories(work.resolve("downloads-counter-time")));
        try {
            login(d, "chen", "chen-password-1");
            LocalDate today = LocalDate.now(TAIPEI);
            LocalDate from = today.minusDays(13);
            d.get(hub.apiUrl() + "/offices/taipei-1?lang=zh&from=" + from + "&to=" + today);
            Map<Integer, long[]> ref = tw.jiaohao.hub.report.IndependentFigures.counterTime(events.get("taipei-1"), from, today);
            List<WebElement> rows = d.findElements(By.cssSelector("#table-counter-time tbody tr"));
            assertThat(rows).extracting(r -> Integer.parseInt(r.getAttribute("data-counter"))).containsExactlyElementsOf(ref.keySet());
            for (WebElement row : rows) {
                long[] r = ref.get(Integer.parseInt(row.getAttribute("data-counter")));
                assertThat(cell(row, "customers")).isEqualTo(String.valueOf(r[0]));
                assertThat(cell(row, "days")).isEqualTo(String.valueOf(r[1]));
                assertThat(cell(row, "idle")).isEqualTo(words(r[3] / 1000.0, true));
                assertThat(cell(row, "busy")).isEqualTo(words((r[2] - r[3]) / 1000.0, true));
                assertThat(cell(row, "idleShare")).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * r[3] / r[2]));
                assertThat(cell(row, "gapMean")).isEqualTo(r[4] == 0 ? "–" : words(r[3] / 1000.0 / r[4], true));
            }
            WebElement idle = d.findElement(By.cssSelector("#table-counter-time thead th:nth-child(5)"));
            assertThat(idle.getText()).isEqualTo("空檔時間");
            assertThat(idle.getAttribute("title")).contains("含休息");
            shots(d, "counter-time-zh", "table-counter-time");
            d.get(hub.apiUrl() + "/offices/taipei-1?lang=en&from=" + from + "&to=" + today);
            assertThat(d.findElement(By.cssSelector("#table-counter-time thead th:nth-child(7)")).getText())
                    .isEqualTo("Mean gap between customers");
            WebElement first = d.findElement(By.cssSelector("#table-counter-time tbody tr"));
            long[] r = ref.get(Integer.parseInt(first.getAttribute("data-counter")));
            assertThat(cell(first, "idle")).isEqualTo(words(r[3] / 1000.0, false));
            shots(d, "counter-time-en", "table-counter-time");
            assertThat(new WebClientFor(hub.apiUrl(), "lin", "lin-password-1").status("/api/dashboard/offices/taipei-1/counter-time"))
                    .as("another office's manager").isEqualTo(403);
        } finally {
            d.quit();
        }
    }

    /**
     * Head office puts two offices in a district on {@code /districts}; the manager of one then
     * reads their office against the district, the district's figures equal to the raw events of
     * both offices; managers and staff are refused the districts page, a visitor is sent to log in.
     */
    @Test
    void headOffice_putsOfficesInADistrict_andAManagerComparesTheirOfficeWithIt_inBothLanguages() throws Exception {
        ChromeDriver d = browser(Files.createDirectories(work.resolve("downloads-districts")));
        try {
            login(d, "boss", "boss-password-1");
            d.get(hub.apiUrl() + "/districts?lang=zh");
            for (String office : List.of("taipei-1", "taichung-2")) {
                WebElement input = d.findElement(By.cssSelector("tr[data-office='" + office + "'] input[name=district]"));
                input.clear();
                input.sendKeys("北區");
                d.findElement(By.cssSelector("tr[data-office='" + office + "'] button[type=submit]")).click();
                new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> x.getCurrentUrl().contains("done=" + office));
            }
            assertThat(d.findElement(By.id("districts-done")).getText()).contains("台中服務所");
            assertThat(d.findElement(By.cssSelector("tr[data-office='taipei-1'] td.others")).getText()).isEqualTo("台中服務所");
            assertThat(d.findElement(By.cssSelector("tr[data-office='kaohsiung-3'] td.others")).getText()).isEqualTo("—");
            WebElement input = d.findElement(By.cssSelector("tr[data-office='kaohsiung-3'] input[name=district]"));
            d.executeScript("arguments[0].removeAttribute('maxlength')", input);
            input.sendKeys("南".repeat(41));
            d.findElement(By.cssSelector("tr[data-office='kaohsiung-3'] button[type=submit]")).click();
            assertThat(d.findElement(By.id("districts-error")).getText()).as("a name too long is refused with the rule").contains("1-40");
            d.get(hub.apiUrl() + "/districts?lang=zh");
            shots(d, "districts-zh", "districts");
            d.get(hub.apiUrl() + "/districts?lang=en");
            assertThat(d.findElement(By.cssSelector("#districts thead th:nth-child(3)")).getText()).isEqualTo("Other offices in the district");
            shots(d, "districts-en", "districts");
            d.quit();

            d = browser(Files.createDirectories(work.resolve("downloads-districts-mgr")));
            login(d, "chen", "chen-password-1");
            assertThat(d.findElements(By.cssSelector("nav a[href='/districts']"))).as("no link for a manager").isEmpty();
            LocalDate today = LocalDate.now(TAIPEI);
            LocalDate from = today.minusDays(20);
            d.get(hub.apiUrl() + "/offices/taipei-1?lang=zh&from=" + from + "&to=" + today);
            var ref = tw.jiaohao.hub.report.IndependentFigures.total(events, List.of("taichung-2", "taipei-1"), from, today, TAIPEI);
            var mine = tw.jiaohao.hub.report.IndependentFigures.total(events, List.of("taipei-1"), from, today, TAIPEI);
            assertThat(d.findElement(By.cssSelector("#district-comparison")).isDisplayed()).isTrue();
            assertThat(districtCell(d, "tickets", 1)).isEqualTo(String.valueOf(mine.tickets()));
            assertThat(districtCell(d, "tickets", 2)).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", ref.tickets() / 2.0));
            assertThat(districtCell(d, "wait-mean", 1)).isEqualTo(words(mine.waitMeanSeconds(), true));
            assertThat(districtCell(d, "wait-mean", 2)).isEqualTo(words(ref.waitMeanSeconds(), true));
            assertThat(districtCell(d, "within", 2)).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f%%",
                    100.0 * ref.withinTarget(15 * 60) / ref.waitMeanCount()));
            assertThat(districtCell(d, "rating", 2)).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", ref.ratingMean()));
            assertThat(d.findElement(By.cssSelector("#district-comparison thead th:nth-child(3)")).getAttribute("title")).contains("2 個服務所");
            shots(d, "district-comparison-zh", "district-comparison");
            d.get(hub.apiUrl() + "/offices/taipei-1?lang=en&from=" + from + "&to=" + today);
            assertThat(districtCell(d, "wait-mean", 2)).isEqualTo(words(ref.waitMeanSeconds(), false));
            shots(d, "district-comparison-en", "district-comparison");
            d.get(hub.apiUrl() + "/districts");
            assertThat(d.findElement(By.tagName("h1")).getText()).as("a manager on /districts").isEqualTo("403");
            assertThat(new WebClientFor(hub.apiUrl(), "clerk", "clerk-password-1").status("/api/districts")).isEqualTo(403);
            assertThat(new WebClientFor(hub.apiUrl(), "clerk", "clerk-password-1").status("/districts")).isEqualTo(403);
            assertThat(new WebClient(hub.apiUrl()).get("/api/districts").statusCode()).as("no login").isEqualTo(401);
            d.manage().deleteAllCookies();
            d.get(hub.apiUrl() + "/districts");
            assertThat(d.getCurrentUrl()).as("a visitor is sent to log in").contains("/login");
        } finally {
            d.quit();
            User boss = new User("boss", Role.HEAD_OFFICE, null);
            hub.dashboard().districts().assign(boss, "taipei-1", "");
            hub.dashboard().districts().assign(boss, "taichung-2", "");
        }
    }

    /**
     * Head office compares every office, their district and the network on {@code /compare}, this
     * period against the one before, sorts by a column and reads it in both languages; the figures
     * equal the raw events; a manager sees their own office beside the totals only, staff are refused.
     */
    @Test
    void headOffice_comparesEveryOfficeWithItsDistrictAndTheNetwork_sortsIt_andAManagerSeesOnlyTheirOwn() throws Exception {
        User boss = new User("boss", Role.HEAD_OFFICE, null);
        hub.dashboard().districts().assign(boss, "taipei-1", "北區");
        hub.dashboard().districts().assign(boss, "taichung-2", "北區");
        ChromeDriver d = browser(Files.createDirectories(work.resolve("downloads-compare")));
        try {
            login(d, "boss", "boss-password-1");
            LocalDate today = LocalDate.now(TAIPEI);
            LocalDate from = today.minusDays(13);
            d.get(hub.apiUrl() + "/compare?lang=zh&from=" + from + "&to=" + today);
            assertThat(d.findElement(By.cssSelector("nav a[href='/compare']")).getAttribute("class")).contains("current");
            typeTheDates(d, from.plusDays(1), today, "年-月-日", "各服務所比較", "compare-dates-zh");
            d.get(hub.apiUrl() + "/compare?lang=zh&from=" + from + "&to=" + today);
            assertThat(compareKeys(d).subList(0, 3)).as("the offices, by name").containsExactly("taichung-2", "taipei-1", "kaohsiung-3");
            assertThat(compareKeys(d).subList(3, 5)).as("then the district and the network").containsExactly("北區", "network");
            for (String office : List.of("taipei-1", "kaohsiung-3")) {
                var now = tw.jiaohao.hub.report.IndependentFigures.total(events, List.of(office), from, today, TAIPEI);
                var before = tw.jiaohao.hub.report.IndependentFigures.total(events, List.of(office), from.minusDays(14), from.minusDays(1), TAIPEI);
                assertThat(compareCell(d, office, "now", "tickets")).isEqualTo(String.valueOf(now.tickets()));
                assertThat(compareCell(d, office, "before", "tickets")).isEqualTo(String.valueOf(before.tickets()));
                assertThat(compareCell(d, office, "now", "waitMean")).isEqualTo(words(now.waitMeanSeconds(), true));
            }
            var network = tw.jiaohao.hub.report.IndependentFigures.total(events, List.of("kaohsiung-3", "taichung-2", "taipei-1"), from, today, TAIPEI);
            assertThat(compareCell(d, "network", "now", "tickets")).isEqualTo(String.valueOf(network.tickets()));
            assertThat(compareCell(d, "network", "now", "rating")).startsWith(String.format(java.util.Locale.ROOT, "%.2f", network.ratingMean()));
            assertThat(d.findElement(By.cssSelector("#comparison thead a[data-sort=waitP90] abbr")).getAttribute("title")).contains("九成");
            assertThat(d.findElement(By.id("compare-periods")).getText()).contains(from.minusDays(14).toString()).contains(from.minusDays(1).toString());
            shots(d, "compare-zh", "comparison");

            d.findElement(By.cssSelector("#comparison thead a[data-sort=tickets]")).click();
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> x.getCurrentUrl().contains("dir=desc"));
            assertThat(compareTickets(d)).as("first click: most tickets first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
            d.findElement(By.cssSelector("#comparison thead a[data-sort=tickets]")).click();
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> x.getCurrentUrl().contains("dir=asc"));
            assertThat(compareTickets(d)).as("second click: fewest first").isSorted();
            assertThat(compareKeys(d).subList(3, 5)).as("district and network stay below").containsExactly("北區", "network");
            String csv = new WebClientFor(hub.apiUrl(), "boss", "boss-password-1").body("/compare/comparison.csv?from=" + from + "&to=" + today);
            assertThat(csv).contains("NETWORK,network").contains("DISTRICT,北區").contains("OFFICE,taipei-1");

            d.get(hub.apiUrl() + "/compare?lang=en&from=" + from + "&to=" + today);
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Offices compared");
            typeTheDates(d, from.plusDays(1), today, "YYYY-MM-DD", "Offices compared", "compare-dates-en");
            d.get(hub.apiUrl() + "/compare?lang=en&from=" + from + "&to=" + today);
            assertThat(compareCell(d, "network", "now", "waitMean")).isEqualTo(words(network.waitMeanSeconds(), false));
            assertThat(d.findElement(By.cssSelector("tr[data-row=network] th")).getText()).isEqualTo("Whole network (3 offices)");
            shots(d, "compare-en", "comparison");
            d.quit();

            d = browser(Files.createDirectories(work.resolve("downloads-compare-mgr")));
            login(d, "chen", "chen-password-1");
            d.get(hub.apiUrl() + "/compare?lang=zh&from=" + from + "&to=" + today);
            assertThat(compareKeys(d)).as("a manager: their office and the totals").containsExactly("taipei-1", "北區", "network");
            assertThat(d.getPageSource()).doesNotContain("kaohsiung-3").doesNotContain("台中服務所");
            shots(d, "compare-manager-zh", "comparison");
            assertThat(new WebClientFor(hub.apiUrl(), "clerk", "clerk-password-1").status("/compare")).isEqualTo(403);
            assertThat(new WebClientFor(hub.apiUrl(), "clerk", "clerk-password-1").status("/api/dashboard/compare")).isEqualTo(403);
        } finally {
            d.quit();
            hub.dashboard().districts().assign(boss, "taipei-1", "");
            hub.dashboard().districts().assign(boss, "taichung-2", "");
        }
    }

    /**
     * The range's dates read and are typed as year-month-day in the page's language, whatever the
     * browser's locale (Chromium's own date control follows the browser's, 12/04/2026 in an
     * English one): typed into the fields, they are the range the page then shows, in the same language.
     */
    private void typeTheDates(ChromeDriver d, LocalDate from, LocalDate to, String placeholder, String title, String shotName) {
        for (String name : List.of("from", "to")) {
            WebElement field = d.findElement(By.cssSelector("#range input[name=" + name + "]"));
            assertThat(field.getAttribute("placeholder")).isEqualTo(placeholder);
            field.clear();
            field.sendKeys((name.equals("from") ? from : to).toString());
        }
        d.findElement(By.cssSelector("#range button[type=submit]")).click();
        new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> x.getCurrentUrl().contains("from=" + from + "&to=" + to));
        assertThat(d.findElement(By.id("compare-periods")).getText()).contains(from.toString()).contains(to.toString());
        assertThat(d.findElement(By.tagName("h1")).getText()).as("the page keeps its language").isEqualTo(title);
        assertThat(d.findElement(By.cssSelector("#range input[name=from]")).getAttribute("value")).isEqualTo(from.toString());
        tw.jiaohao.hub.testing.Viewports.each(d, new int[][] {{800, 480}, {1920, 1080}, {1080, 1920}}, "range", size -> shot(d, shotName + "-" + size));
    }

    private static List<Long> compareTickets(WebDriver d) {
        return compareKeys(d).subList(0, 3).stream().map(o -> Long.parseLong(compareCell(d, o, "now", "tickets"))).toList();
    }

    private static List<String> compareKeys(WebDriver d) {
        return d.findElements(By.cssSelector("#comparison tbody tr[data-period=now]")).stream().map(r -> r.getAttribute("data-row")).toList();
    }

    private static String compareCell(WebDriver d, String row, String period, String figure) {
        return d.findElement(By.cssSelector("#comparison tr[data-row='" + row + "'][data-period=" + period + "] td[data-figure=" + figure + "]")).getText();
    }

    private static String districtCell(WebDriver d, String figure, int column) {
        return d.findElement(By.cssSelector("#district-comparison tr[data-figure=" + figure + "] td:nth-of-type(" + column + ")")).getText();
    }

    /** The element {@code id}'s section at 1280×800, 1920×1080 and 800×480 (the viewport itself at that size). */
    private void shots(ChromeDriver d, String name, String id) {
        tw.jiaohao.hub.testing.Viewports.each(d, new int[][] {{1280, 800}, {1920, 1080}, {800, 480}}, id, size -> shot(d, name + "-" + size));
    }

    private static String cell(WebElement row, String field) {
        return row.findElement(By.cssSelector("td[data-f=" + field + "]")).getText();
    }

    /** A duration in words as docs/hub/DASHBOARD.md states it: whole minutes from an hour on, else minutes and seconds. */
    private static String words(double seconds, boolean zh) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return zh ? s / 3600 + " 小時 " + s % 3600 / 60 + " 分" : s / 3600 + " h " + s % 3600 / 60 + " min";
        }
        if (s >= 60) {
            return zh ? s / 60 + " 分 " + s % 60 + " 秒" : s / 60 + " min " + s % 60 + " s";
        }
        return zh ? s + " 秒" : s + " s";
    }

    @Test
    void theDevicesPage_listsEveryKioskAndNodeWithItsState_headOfficeAllOffices_aManagerOnlyTheirs() throws Exception {
        ChromeDriver d = browser(Files.createDirectories(work.resolve("downloads-devices")));
        try {
            login(d, "boss", "boss-password-1");
            d.findElement(By.linkText("設備")).click();
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> x.getCurrentUrl().endsWith("/devices"));
            List<String> rows = d.findElements(By.cssSelector("#devices tbody tr")).stream().map(r -> r.getAttribute("data-device")).toList();
            assertThat(rows).containsExactly("kaohsiung-3/kiosk-1", "kaohsiung-3/node", "taichung-2/kiosk-1", "taichung-2/node",
                    "taipei-1/kiosk-1", "taipei-1/node");
            WebElement kaohsiungNode = d.findElement(By.cssSelector("tr[data-device='kaohsiung-3/node']"));
            assertThat(kaohsiungNode.getText()).contains("高雄服務所", "辦公室主機", "離線", "0.1.0");
            assertThat(d.findElement(By.cssSelector("tr[data-device='taichung-2/kiosk-1']")).getText()).contains("取號機", "在線", "紙將用盡");
            shot(d, "devices");
            d.get(hub.apiUrl() + "/devices?lang=en");
            assertThat(d.findElement(By.cssSelector("tr[data-device='taichung-2/kiosk-1']")).getText())
                    .contains("kiosk", "online", "paper nearly used up");
            shot(d, "devices-en");
        } finally {
            d.quit();
        }
        ChromeDriver m = browser(Files.createDirectories(work.resolve("downloads-devices-mgr")));
        try {
            login(m, "lin", "lin-password-1");
            m.get(hub.apiUrl() + "/devices");
            assertThat(m.findElements(By.cssSelector("#devices tbody tr")).stream().map(r -> r.getAttribute("data-device")))
                    .containsExactly("kaohsiung-3/kiosk-1", "kaohsiung-3/node");
        } finally {
            m.quit();
        }
    }

    /** The JSON of a page's figures as the signed-in user sees them. */
    private record WebClientFor(String base, String user, String password) {
        WaitsByHour get(String path) throws Exception {
            WebClient c = new WebClient(base);
            assertThat(c.login(user, password)).isEqualTo(200);
            return c.getJson(path, WaitsByHour.class);
        }

        String body(String path) throws Exception {
            WebClient c = new WebClient(base);
            assertThat(c.login(user, password)).isEqualTo(200);
            return c.get(path).body();
        }

        int status(String path) throws Exception {
            WebClient c = new WebClient(base);
            assertThat(c.login(user, password)).isEqualTo(200);
            return c.get(path).statusCode();
        }
    }

    @Test
    void staff_seeOnlyTheirOffice_andCannotWriteNoticesOrHandleOthersAlerts() throws Exception {
        ChromeDriver d = browser(Files.createDirectories(work.resolve("downloads-staff")));
        try {
            login(d, "clerk", "clerk-password-1");
            assertThat(d.findElements(By.cssSelector("#offices-body tr"))).extracting(r -> r.getAttribute("data-office"))
                    .containsExactly("taipei-1");
            d.get(hub.apiUrl() + "/offices/kaohsiung-3");
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("403");
            d.get(hub.apiUrl() + "/notices");
            assertThat(d.findElements(By.id("notice-form"))).isEmpty();
            d.get(hub.apiUrl() + "/alerts?all=1");
            assertThat(d.getPageSource()).doesNotContain("kaohsiung-3").doesNotContain("taichung-2");
            assertThat(d.findElements(By.cssSelector("button.handle"))).isEmpty();
            d.findElement(By.id("logout")).click();
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> x.getCurrentUrl().contains("/login"));
            d.get(hub.apiUrl() + "/offices");
            assertThat(d.getCurrentUrl()).contains("/login");
        } finally {
            d.quit();
        }
    }

    @Test
    void aHostileNextAfterLogin_landsOnThisSite_andPathVariantsOfAnotherOfficesPageAreRefused() throws Exception {
        ChromeDriver d = browser(Files.createDirectories(work.resolve("downloads-variants")));
        try {
            // a link that a browser would read as //evil.example once it drops the tab
            d.get(hub.apiUrl() + "/login?next=/%09/evil.example");
            d.findElement(By.id("username")).sendKeys("clerk");
            d.findElement(By.id("password")).sendKeys("clerk-password-1");
            d.findElement(By.id("login")).click();
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> x.getCurrentUrl().endsWith("/offices"));
            assertThat(d.getCurrentUrl()).startsWith(hub.apiUrl());
            for (String variant : List.of("/offices/kaohsiung-3/", "/offices/KAOHSIUNG-3", "/offices/kaohsiung%2D3", "/export/offices/kaohsiung-3/categories.csv/")) {
                d.get(hub.apiUrl() + variant);
                assertThat(d.getPageSource()).as(variant).doesNotContain("高雄服務所").doesNotContain("kaohsiung-3,");
                assertThat(d.findElement(By.tagName("body")).getText()).as(variant).containsAnyOf("403", "400", "404", "no such path",
                        "may not see");
            }
            d.get(hub.apiUrl() + "/offices/taipei-1/");
            assertThat(d.findElement(By.tagName("h1")).getText()).contains("台北服務所");
            d.findElement(By.id("logout")).click();
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> x.getCurrentUrl().contains("/login"));
            // a page asked for without a session comes back after the login, trailing slash and all
            d.get(hub.apiUrl() + "/offices/taipei-1/");
            assertThat(d.getCurrentUrl()).contains("/login?next=");
            d.findElement(By.id("username")).sendKeys("clerk");
            d.findElement(By.id("password")).sendKeys("clerk-password-1");
            d.findElement(By.id("login")).click();
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> x.getCurrentUrl().endsWith("/offices/taipei-1/"));
        } finally {
            d.quit();
        }
    }

    @Test
    void anOfficeManager_worksACase_fromTheListToDone_withPersonalDataOnlyInTheView() throws Exception {
        Path downloads = Files.createDirectories(work.resolve("downloads-cases"));
        ChromeDriver d = browser(downloads);
        try {
            login(d, "chen", "chen-password-1");
            // the statistics page: taipei-1's open cases, the oldest taken 3 days ago at the kiosk
            assertThat(d.findElement(By.cssSelector("#case-summary tr[data-office='taipei-1'] td[data-f='oldest']")).getText())
                    .startsWith("3 天");
            d.findElement(By.linkText("案件")).click();
            waitFor(d).until(x -> !x.findElements(By.id("cases")).isEmpty());
            assertThat(d.findElements(By.cssSelector("#cases tbody tr"))).extracting(r -> r.getAttribute("data-case"))
                    .hasSize(2).contains(transferCase);
            assertThat(d.findElement(By.id("cases")).getText()).doesNotContain("kaohsiung-3");
            String list = d.findElement(By.id("cases")).getText();
            assertThat(list).contains("0912***678", "過戶", "停用", "3 天").doesNotContain(PHONE, NATIONAL_ID, ADDRESS_OK);
            shot(d, "cases");

            d.findElement(By.id("cases-csv")).click();
            Poll.until(Duration.ofSeconds(20), "the cases CSV", () -> listCsv(downloads).size() == 1);
            String csv = Files.readString(listCsv(downloads).get(0));
            assertThat(csv).contains("caseNumber", transferCase, "0912***678").doesNotContain(PHONE, NATIONAL_ID, ADDRESS_OK);

            d.findElement(By.linkText(transferCase)).click();
            waitFor(d).until(x -> !x.findElements(By.id("case-summary")).isEmpty());
            assertThat(d.findElement(By.id("case-national-id")).getText()).isEqualTo(NATIONAL_ID);
            assertThat(d.findElement(By.id("case-phone")).getText()).isEqualTo(PHONE);
            assertThat(d.findElement(By.id("case-state")).getText()).isEqualTo("已查核");
            shot(d, "case");

            d.findElement(By.id("to-dispatched")).click();
            waitFor(d).until(x -> x.findElement(By.id("case-state")).getText().equals("已派工"));
            d.findElement(By.id("note")).sendKeys("已電話聯絡新用戶");
            d.findElement(By.id("add-note")).click();
            waitFor(d).until(x -> x.findElement(By.id("steps")).getText().contains("已電話聯絡新用戶"));
            d.findElement(By.id("to-rejected")).click(); // without a note: refused, says what to fix
            waitFor(d).until(x -> !x.findElements(By.id("case-error")).isEmpty());
            assertThat(d.findElement(By.id("case-state")).getText()).isEqualTo("已派工");
            d.findElement(By.id("state-note")).sendKeys("外勤二組完成");
            d.findElement(By.id("to-done")).click();
            waitFor(d).until(x -> x.findElement(By.id("case-state")).getText().equals("已結案"));
            assertThat(d.findElement(By.id("steps")).getText()).contains("chen", "已派工", "外勤二組完成");
            assertThat(d.findElements(By.id("state-form"))).isEmpty();
            shot(d, "cases-done");
        } finally {
            d.quit();
        }
    }

    @Test
    void caseRoleLimits_anotherOfficesManagerIsRefused_headOfficeSeesMaskedData_staffReadOnly() throws Exception {
        String view = hub.apiUrl() + "/cases/taipei-1/" + transferCase;
        ChromeDriver d = browser(Files.createDirectories(work.resolve("downloads-limits")));
        try {
            login(d, "lin", "lin-password-1");
            d.get(hub.apiUrl() + "/cases");
            assertThat(d.findElements(By.cssSelector("#cases tbody tr"))).hasSize(1);
            assertThat(d.getPageSource()).doesNotContain("/cases/taipei-1/"); // case numbers are per office
            d.get(view);
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("403");
            assertThat(d.getPageSource()).doesNotContain(NATIONAL_ID).doesNotContain(PHONE);
            d.get(hub.apiUrl() + "/api/cases/taipei-1/" + transferCase);
            assertThat(d.getPageSource()).contains("may not see office").doesNotContain(NATIONAL_ID);
        } finally {
            d.quit();
        }
        d = browser(Files.createDirectories(work.resolve("downloads-boss-cases")));
        try {
            login(d, "boss", "boss-password-1");
            d.get(view);
            assertThat(d.findElement(By.id("case-national-id")).getText()).isEqualTo("A12****789");
            assertThat(d.getPageSource()).doesNotContain(NATIONAL_ID).doesNotContain(PHONE).doesNotContain(ADDRESS_OK);
            assertThat(d.findElements(By.id("personal-masked"))).hasSize(1);
            d.get(hub.apiUrl() + "/cases?state=all");
            assertThat(d.findElements(By.cssSelector("#cases tbody tr"))).hasSize(3);
            shot(d, "cases-head-office");
        } finally {
            d.quit();
        }
        d = browser(Files.createDirectories(work.resolve("downloads-clerk-cases")));
        try {
            login(d, "clerk", "clerk-password-1");
            d.get(view);
            assertThat(d.findElement(By.id("case-national-id")).getText()).isEqualTo(NATIONAL_ID);
            assertThat(d.findElements(By.id("state-form"))).isEmpty();
            assertThat(d.findElements(By.id("note-form"))).isEmpty();
        } finally {
            d.quit();
        }
    }

    /** Waits up to 10 s, across page loads (an element found before a reload goes stale). */
    private static WebDriverWait waitFor(WebDriver d) {
        WebDriverWait w = new WebDriverWait(d, Duration.ofSeconds(10));
        w.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return w;
    }

    private static List<Path> listCsv(Path dir) {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".csv")).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static void shot(WebDriver d, String page) {
        Browsers.shot(d, page);
    }
}
