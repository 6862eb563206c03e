package tw.jiaohao.hub.estimates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.alerts.Alert;
import tw.jiaohao.hub.alerts.AlertKind;
import tw.jiaohao.hub.alerts.AlertService;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.hub.testing.SyntheticOffice;
import tw.jiaohao.hub.testing.TestClient;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.TicketId;

/**
 * The hub's quoted-vs-actual figures against a running hub (embedded broker, real SQLite, events
 * over MQTT): the JSON equals an independent computation from the raw events, the CSV and the page
 * say the same, another office's manager is refused, and the drift alert is raised once and
 * cleared when the figures recover. With {@code -Dscreenshots.dir=DIR} it writes the page in
 * both languages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuotedVsActualIT {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final String OFFICE = "est-it-1";
    private static final String OTHER = "est-it-2";
    private static final String DRIFTING = "est-it-3";
    private final LocalDate today = LocalDate.now(TAIPEI);
    private final LocalDate first = today.minusDays(3);
    private final LocalDate last = today.minusDays(1);
    private final ObjectMapper json = new ObjectMapper();
    private final List<OfficeEvent> officeEvents = new ArrayList<>();
    private final Path shots = System.getProperty("screenshots.dir") == null ? null : Path.of(System.getProperty("screenshots.dir"));
    private Hub hub;
    private Path work;
    private TestClient client;
    private long driftSeq;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        work = dir;
        hub = Hub.start(HubFixture.config(dir, "", "est-it", Map.of("broker.embedded.port", "0",
                "estimates.drift.check-minutes", "1440", "estimates.drift.min-tickets", "20")), Clock.systemUTC());
        var auth = hub.dashboard().auth();
        auth.createUser(new User("boss", Role.HEAD_OFFICE, null), "boss-password-1".toCharArray());
        auth.createUser(new User("mgr1", Role.OFFICE_MANAGER, OFFICE), "mgr1-password-1".toCharArray());
        auth.createUser(new User("mgr2", Role.OFFICE_MANAGER, OTHER), "mgr2-password-1".toCharArray());
        SyntheticOffice synthetic = new SyntheticOffice(OFFICE, 16);
        Random r = new Random(1616);
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (OfficeEvent e : synthetic.day(d, 80)) {
                officeEvents.add(withRange(e, r));
            }
        }
        client = new TestClient(hub.brokerUrl(), "est-it-offices");
        client.publishEvents(officeEvents);
        client.publishEvents(new SyntheticOffice(OTHER, 17).day(last, 20));
        Poll.until(Duration.ofSeconds(90), "events stored", () -> stored(OFFICE, officeEvents.get(officeEvents.size() - 1).seq())
                && hub.store().progress(OTHER).isPresent());
    }

    @AfterAll
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    private boolean stored(String office, long seq) {
        return hub.store().progress(office).map(p -> p.contiguousSeq() >= seq).orElse(false);
    }

    /** Most issued tickets get a range around their estimate (some none, as from an older node). */
    private static OfficeEvent withRange(OfficeEvent e, Random r) {
        if (e.type() != EventType.TICKET_ISSUED || r.nextInt(10) == 0) {
            return e;
        }
        int low = Math.max(0, e.estimateMinutes() - r.nextInt(25));
        int high = e.estimateMinutes() + r.nextInt(25);
        return new OfficeEvent(e.v(), e.eventId(), e.office(), e.seq(), e.type(), e.at(), e.officeDay(), e.ticketId(), e.ticketNumber(),
                e.category(), e.issuedAt(), e.counter(), e.peopleAhead(), e.estimateMinutes(), e.toCategory(), e.toTicketId(),
                e.toTicketNumber(), e.rating(), e.alert(), e.reason(), low, high);
    }

    /** The figures recomputed from the raw events: each TICKET_ISSUED against its ticket's first TICKET_CALLED. */
    private Map<String, List<double[]>> independent(int fromHour, int toHour) {
        Map<String, OfficeEvent> issued = new HashMap<>();
        Map<String, Instant> firstCall = new HashMap<>();
        for (OfficeEvent e : officeEvents) {
            if (e.type() == EventType.TICKET_ISSUED) {
                issued.put(e.ticketId(), e);
            } else if (e.type() == EventType.TICKET_CALLED) {
                firstCall.merge(e.ticketId(), e.at(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        Map<String, List<double[]>> byKey = new TreeMap<>(); // "category|hour" and "all|all"
        for (OfficeEvent i : issued.values()) {
            Instant called = firstCall.get(i.ticketId());
            int hour = i.issuedAt().atZone(TAIPEI).getHour();
            if (called == null || hour < fromHour || hour >= toHour) {
                continue;
            }
            double actual = (called.toEpochMilli() - i.issuedAt().toEpochMilli()) / 60_000.0;
            double[] t = {actual, i.estimateMinutes(), i.estimateLowMinutes() == null ? Double.NaN : i.estimateLowMinutes(),
                    i.estimateHighMinutes() == null ? Double.NaN : i.estimateHighMinutes()};
            byKey.computeIfAbsent(i.category() + "|" + hour, k -> new ArrayList<>()).add(t);
            byKey.computeIfAbsent("all|all", k -> new ArrayList<>()).add(t);
        }
        return byKey;
    }

    private static void assertFigures(JsonNode f, List<double[]> tickets, String what) {
        List<Double> errors = new ArrayList<>();
        List<Double> abs = new ArrayList<>();
        long ranged = 0;
        long covered = 0;
        for (double[] t : tickets) {
            errors.add(t[0] - t[1]);
            abs.add(Math.abs(t[0] - t[1]));
            if (!Double.isNaN(t[2])) {
                ranged++;
                covered += t[0] >= t[2] && t[0] <= t[3] ? 1 : 0;
            }
        }
        Collections.sort(abs);
        assertThat(f.get("tickets").asLong()).as(what + " tickets").isEqualTo(tickets.size());
        assertThat(f.get("meanAbsError").asDouble()).as(what + " MAE").isCloseTo(abs.stream().mapToDouble(d -> d).average().orElseThrow(), within(1e-9));
        assertThat(f.get("bias").asDouble()).as(what + " bias").isCloseTo(errors.stream().mapToDouble(d -> d).average().orElseThrow(), within(1e-9));
        assertThat(f.get("p90AbsError").asDouble()).as(what + " p90").isEqualTo(abs.get((int) Math.ceil(0.9 * abs.size()) - 1));
        assertThat(f.get("withinFive").asDouble()).as(what + " within 5")
                .isCloseTo(abs.stream().filter(a -> a <= 5).count() / (double) abs.size(), within(1e-12));
        assertThat(f.get("ranged").asLong()).as(what + " ranged").isEqualTo(ranged);
        if (ranged > 0) {
            assertThat(f.get("coverage").asDouble()).as(what + " coverage").isCloseTo(covered / (double) ranged, within(1e-12));
        } else {
            assertThat(f.get("coverage").isNull()).isTrue();
        }
    }

    @Test
    void theFiguresPerCategoryAndHour_equalAComputationFromTheRawEvents() throws Exception {
        Http boss = Http.login(hub.apiUrl(), "boss", "boss-password-1");
        for (int[] hours : new int[][] {{0, 24}, {14, 15}}) {
            HttpResponse<String> r = boss.get("/api/dashboard/offices/" + OFFICE + "/estimates?from=" + first + "&to=" + last
                    + "&hours=" + hours[0] + "-" + hours[1]);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode q = json.readTree(r.body());
            Map<String, List<double[]>> expected = independent(hours[0], hours[1]);
            assertFigures(q.get("total").get("figures"), expected.get("all|all"), "total " + hours[0] + "-" + hours[1]);
            int rows = 0;
            for (JsonNode row : q.get("rows")) {
                String key = row.get("category").asText() + "|" + row.get("hour").asInt();
                assertThat(expected).as("row " + key).containsKey(key);
                assertFigures(row.get("figures"), expected.get(key), key);
                rows++;
            }
            assertThat(rows).as("one row per category and hour with tickets").isEqualTo(expected.size() - 1);
            assertThat(q.get("byHour")).hasSize(hours[1] - hours[0]);
        }
        assertThat(independent(0, 24).get("all|all")).as("the data has enough tickets to mean something").hasSizeGreaterThan(150);
    }

    @Test
    void theCsv_carriesTheSameTotal_andTheEstimatesPageIsLinkedFromTheOfficePage() throws Exception {
        Http mgr = Http.login(hub.apiUrl(), "mgr1", "mgr1-password-1");
        String q = "?from=" + first + "&to=" + last;
        HttpResponse<String> csv = mgr.get("/export/offices/" + OFFICE + "/estimates/quoted-vs-actual.csv" + q);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("\uFEFF" + String.join(",", tw.jiaohao.hub.estimates.QuotedVsActualIT.CSV_HEADER));
        String total = lines.get(lines.size() - 1);
        JsonNode api = json.readTree(mgr.get("/api/dashboard/offices/" + OFFICE + "/estimates" + q).body()).get("total").get("figures");
        assertThat(total).startsWith("all,,all," + api.get("tickets").asLong() + ",");
        assertThat(total.split(",")[7]).isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", api.get("bias").asDouble()));
        HttpResponse<String> office = mgr.get("/offices/" + OFFICE + q);
        assertThat(office.statusCode()).isEqualTo(200);
        assertThat(office.body()).contains("id=\"link-estimates\" href=\"/offices/" + OFFICE + "/estimates?from=" + first);
    }

    static final List<String> CSV_HEADER = List.of("category", "label", "hour", "tickets", "meanQuotedMinutes", "meanActualMinutes",
            "meanAbsErrorMinutes", "biasMinutes", "p90AbsErrorMinutes", "withinFiveShare", "rangedTickets", "rangeCoverage");

    @Test
    void anotherOfficesManager_isRefusedThePageTheJsonAndTheCsv_andBadHoursAreA400() throws Exception {
        Http other = Http.login(hub.apiUrl(), "mgr2", "mgr2-password-1");
        assertThat(other.get("/api/dashboard/offices/" + OFFICE + "/estimates").statusCode()).isEqualTo(403);
        assertThat(other.get("/export/offices/" + OFFICE + "/estimates/quoted-vs-actual.csv").statusCode()).isEqualTo(403);
        assertThat(other.get("/offices/" + OFFICE + "/estimates").statusCode()).isEqualTo(403);
        assertThat(other.get("/api/dashboard/offices/" + OTHER + "/estimates").statusCode()).isEqualTo(200);
        assertThat(new Http(hub.apiUrl()).get("/api/dashboard/offices/" + OFFICE + "/estimates").statusCode()).isEqualTo(401);
        HttpResponse<String> bad = other.get("/api/dashboard/offices/" + OTHER + "/estimates?hours=15-14");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("0-24");
    }

    @Test
    void driftingEstimates_raiseOneAlert_andItIsClearedWhenTheyRecover() throws Exception {
        DriftCheck check = hub.dashboard().driftCheck();
        assertThat(check.check(DRIFTING)).as("no tickets yet: nothing decided").isEqualTo(DriftCheck.Verdict.TOO_FEW);
        // 30 tickets promised 9.5 minutes more than they waited, their range missing the wait
        publishDrift(30, 10);
        assertThat(check.check(DRIFTING)).isEqualTo(DriftCheck.Verdict.DRIFTING);
        assertThat(check.check(DRIFTING)).isEqualTo(DriftCheck.Verdict.DRIFTING);
        hub.dashboard().driftCheck().run();
        List<Alert> open = driftAlerts(true);
        assertThat(open).hasSize(1);
        assertThat(open.get(0).occurrences()).as("checked three times, raised once").isEqualTo(1);
        assertThat(open.get(0).detail()).contains("30 tickets").contains("bias -9.5 min");
        // 300 good tickets: bias -0.4 min, coverage 240/330 = 73 %: back within bounds
        publishDrift(300, 0);
        assertThat(check.check(DRIFTING)).isEqualTo(DriftCheck.Verdict.WITHIN);
        assertThat(driftAlerts(true)).isEmpty();
        List<Alert> all = driftAlerts(false);
        assertThat(all).hasSize(1);
        assertThat(all.get(0).handledBy()).isEqualTo(AlertService.CLEARED_BY_HUB);
        assertThat(check.check(DRIFTING)).isEqualTo(DriftCheck.Verdict.WITHIN);
        assertThat(driftAlerts(false)).as("a recovered office raises nothing").hasSize(1);
    }

    private List<Alert> driftAlerts(boolean openOnly) {
        return hub.dashboard().alerts().list(List.of(DRIFTING), openOnly, 100).stream()
                .filter(a -> a.kind() == AlertKind.ESTIMATE_DRIFT).toList();
    }

    /**
     * {@code n} tickets issued yesterday from 09:00, each called after 5.5–14.5 minutes; quoted
     * {@code over} minutes more than the whole minutes; with {@code over} = 0 the range holds 8 in 10 waits.
     */
    private void publishDrift(int n, int over) throws Exception {
        LocalDate day = last;
        List<OfficeEvent> events = new ArrayList<>();
        int offset = (int) driftSeq;
        for (int i = 0; i < n; i++) {
            int k = offset + i;
            String number = "A" + String.format("%03d", k + 1);
            String ticketId = TicketId.of(day, number);
            Instant issued = day.atTime(LocalTime.of(9, 0)).atZone(TAIPEI).toInstant().plusSeconds(60L * (k % 400));
            int wait = 5 + k % 10; // the actual wait is wait + 0.5 min
            int estimate = wait + over;
            boolean covers = over == 0 && k % 10 < 8;
            int low = covers ? estimate - 2 : over == 0 ? estimate : estimate - 2;
            int high = covers ? estimate + 2 : over == 0 ? estimate : estimate + 2;
            events.add(new OfficeEvent(ProtocolVersion.CURRENT, UUID.randomUUID(), DRIFTING, ++driftSeq, EventType.TICKET_ISSUED, issued,
                    day, ticketId, number, "A", issued, null, 0, estimate, null, null, null, null, null, null, low, high));
            Instant called = issued.plusSeconds(60L * wait + 30);
            events.add(new OfficeEvent(ProtocolVersion.CURRENT, UUID.randomUUID(), DRIFTING, ++driftSeq, EventType.TICKET_CALLED, called,
                    day, ticketId, number, "A", issued, 1, null, null, null, null, null, null, null));
        }
        client.publishEvents(events);
        long lastSeq = driftSeq;
        Poll.until(Duration.ofSeconds(60), "drift events stored", () -> stored(DRIFTING, lastSeq));
    }

    @Test
    void aManager_readsTheEstimatesPage_fromTheOfficePageLink_inBothLanguages() throws Exception {
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1440,1000",
                "--user-data-dir=" + Files.createTempDirectory(work, "chrome"), "--lang=zh-TW");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        try {
            d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            d.get(hub.apiUrl() + "/login");
            d.findElement(By.id("username")).sendKeys("mgr1");
            d.findElement(By.id("password")).sendKeys("mgr1-password-1");
            d.findElement(By.id("login")).click();
            new WebDriverWait(d, Duration.ofSeconds(20)).until(x -> x.getCurrentUrl().endsWith("/offices"));
            d.get(hub.apiUrl() + "/offices/" + OFFICE + "?lang=zh&from=" + first + "&to=" + last);
            d.findElement(By.id("link-estimates")).click();
            new WebDriverWait(d, Duration.ofSeconds(20)).until(x -> x.getCurrentUrl().contains("/estimates"));
            assertThat(d.findElement(By.tagName("h1")).getText()).startsWith("預估與實際等候");
            JsonNode api = json.readTree(Http.login(hub.apiUrl(), "mgr1", "mgr1-password-1")
                    .get("/api/dashboard/offices/" + OFFICE + "/estimates?" + d.getCurrentUrl().split("\\?", 2)[1]).body());
            JsonNode total = api.get("total").get("figures");
            assertThat(d.findElement(By.cssSelector("#card-est-tickets .value")).getText()).isEqualTo(total.get("tickets").asText());
            assertThat(d.findElement(By.cssSelector("#card-est-bias .value")).getText())
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%+.1f 分", total.get("bias").asDouble()));
            List<WebElement> cats = d.findElements(By.cssSelector("#table-est-categories tbody tr"));
            assertThat(cats).hasSize(api.get("byCategory").size() + 1);
            assertThat(d.findElement(By.cssSelector("#table-est-categories thead th:nth-child(9)")).getText()).isEqualTo("區間涵蓋率");
            d.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 3000));
            shot(d, "estimates-zh");
            d.manage().window().setSize(new org.openqa.selenium.Dimension(800, 1200));
            shot(d, "estimates-zh-800");
            d.get(d.getCurrentUrl() + "&lang=en");
            assertThat(d.findElement(By.tagName("h1")).getText()).startsWith("Quoted vs actual waits");
            assertThat(d.findElement(By.cssSelector("#table-est-categories thead th:nth-child(9)")).getText()).isEqualTo("Range coverage");
            assertThat(d.findElement(By.cssSelector("#card-est-coverage .value")).getText()).matches("\\d+(\\.\\d)? ?%");
            d.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 3000));
            shot(d, "estimates-en");
        } finally {
            d.quit();
        }
    }

    private void shot(ChromeDriver d, String page) throws Exception {
        if (shots == null) {
            return;
        }
        Files.createDirectories(shots);
        Path png = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, shots.resolve("hub-" + page + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A cookie-keeping HTTP client. */
    private static final class Http {
        private final String base;
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        Http(String base) {
            this.base = base;
        }

        static Http login(String base, String user, String password) throws Exception {
            Http h = new Http(base);
            HttpResponse<String> r = h.http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("login of " + user).isEqualTo(200);
            return h;
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
