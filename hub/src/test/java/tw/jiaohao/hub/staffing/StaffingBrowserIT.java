package tw.jiaohao.hub.staffing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tw.jiaohao.forecast.staffing.ArrivalForecast;
import tw.jiaohao.forecast.staffing.ArrivalForecaster;
import tw.jiaohao.forecast.staffing.DayCounts;
import tw.jiaohao.forecast.staffing.Outlook;
import tw.jiaohao.forecast.staffing.Plan;
import tw.jiaohao.forecast.staffing.StaffingEngine;
import tw.jiaohao.forecast.staffing.Target;
import tw.jiaohao.forecast.staffing.Words;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.hub.testing.SyntheticOffice;
import tw.jiaohao.hub.testing.TestClient;
import tw.jiaohao.hub.web.WebClient;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * Staffing advice and what-if at a running hub fed four weeks of a synthetic office over its
 * broker: the JSON, CSV and pages (headless Chromium) show the figures the engine gives when the
 * test calls it itself on the same stored tickets and counters; a manager of another office and
 * office staff are refused. With {@code -Dscreenshots.dir=DIR} it writes PNGs of both pages in
 * both languages. Tagged "system": needs /usr/bin/chromium and /usr/bin/chromedriver.
 */
@Tag("system")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffingBrowserIT {
    private static final JsonCodec CODEC = new JsonCodec();
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final String OFFICE = "stf-taipei";
    private static final String OTHER = "stf-tainan";
    private Hub hub;
    private Path work;
    private LocalDate date;
    private final Map<LocalDate, Integer> issuedPerDay = new HashMap<>();
    private final Path shots = System.getProperty("screenshots.dir") == null ? null : Path.of(System.getProperty("screenshots.dir"));

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        work = dir;
        hub = Hub.start(HubFixture.config(dir, "", "staffing-it", Map.of("broker.embedded.port", "0",
                "staffing.office-targets", OTHER + ":90/10")), Clock.systemUTC());
        var auth = hub.dashboard().auth();
        auth.createUser(new User("stf-boss", Role.HEAD_OFFICE, null), "boss-password-1".toCharArray());
        auth.createUser(new User("stf-chen", Role.OFFICE_MANAGER, OFFICE), "chen-password-1".toCharArray());
        auth.createUser(new User("stf-lin", Role.OFFICE_MANAGER, OTHER), "lin-password-1".toCharArray());
        auth.createUser(new User("stf-clerk", Role.STAFF, OFFICE), "clerk-password-1".toCharArray());
        LocalDate today = LocalDate.now(TAIPEI);
        date = today.plusDays(1);
        try (TestClient client = new TestClient(hub.brokerUrl(), "staffing-it-office")) {
            long seed = 5;
            for (String o : List.of(OFFICE, OTHER)) {
                SyntheticOffice sim = new SyntheticOffice(o, seed++);
                for (LocalDate d = today.minusDays(28); d.isBefore(today); d = d.plusDays(1)) {
                    List<OfficeEvent> day = sim.day(d, 60 + (d.getDayOfMonth() * 7) % 30);
                    if (o.equals(OFFICE)) {
                        issuedPerDay.put(d, (int) day.stream().filter(e -> e.type() == EventType.TICKET_ISSUED).count());
                    }
                    client.publishHistory(day);
                }
                client.publish(Topics.state(o), CODEC.encode(snapshot(o, today)), true);
            }
        }
        Poll.until(Duration.ofSeconds(120), "both offices stored and live", () -> hub.dashboard().live().offices().size() == 2
                && List.of(OFFICE, OTHER).stream().allMatch(o -> hub.store().progress(o)
                .map(p -> p.contiguousSeq() == p.maxSeq() && p.maxSeq() > 0).orElse(false)));
    }

    private static StateSnapshot snapshot(String office, LocalDate today) {
        List<StateSnapshot.CategoryView> cats = List.of(
                new StateSnapshot.CategoryView("A", "水費/一般", "Bills & general", false, 0, 0, null, null),
                new StateSnapshot.CategoryView("B", "過戶/停用/復用", "Ownership & suspension", false, 0, 0, null, null),
                new StateSnapshot.CategoryView("C", "報修/無水/水質", "Repairs & water quality", false, 0, 0, null, null),
                new StateSnapshot.CategoryView("D", "新裝/工程", "New connections", false, 0, 0, null, null));
        List<StateSnapshot.CounterView> counters = List.of(
                new StateSnapshot.CounterView(1, "1 號櫃台", List.of("A", "B"), true, null),
                new StateSnapshot.CounterView(2, "2 號櫃台", List.of("B", "A"), true, null),
                new StateSnapshot.CounterView(3, "3 號櫃台", List.of("C", "D"), true, null),
                new StateSnapshot.CounterView(4, "4 號櫃台", List.of("D", "C", "A"), false, null),
                new StateSnapshot.CounterView(5, "5 號櫃台", List.of("A"), false, null));
        return new StateSnapshot(ProtocolVersion.CURRENT, office, office, "Asia/Taipei", 1, Instant.now(), today, cats, counters, List.of());
    }

    @AfterAll
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    /** The test's own reading of the stored tickets (its own SQL on the hub's file), turned into the engine's inputs. */
    private StaffingInputs inputsFromTheStore() throws Exception {
        List<TicketHistory.Ticket> tickets = new ArrayList<>();
        long from = date.minusWeeks(8).atStartOfDay(TAIPEI).toInstant().toEpochMilli();
        long to = date.atStartOfDay(TAIPEI).toInstant().toEpochMilli();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + work.resolve("hub.db"));
             PreparedStatement ps = c.prepareStatement("SELECT category, issued_at_ms, called_at_ms, started_at_ms, finished_at_ms, "
                     + "service_counter, state FROM ticket WHERE office = ? ORDER BY issued_at_ms")) {
            ps.setString(1, OFFICE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long issued = rs.getLong(2);
                    if (issued < from || issued >= to) {
                        continue;
                    }
                    Long counter = nullable(rs, 6);
                    tickets.add(new TicketHistory.Ticket(rs.getString(1), issued, nullable(rs, 3), nullable(rs, 4), nullable(rs, 5),
                            counter == null ? null : counter.intValue(), rs.getString(7)));
                }
            }
        }
        return StaffingInputs.of(tickets, hub.dashboard().live().state(OFFICE).orElseThrow(), TAIPEI, 30).orElseThrow();
    }

    private static Long nullable(ResultSet rs, int column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    @Test
    void theAdviceAndWhatIfJsonAndCsvEqualTheEngineRunByTheTestOnTheSameHistory() throws Exception {
        StaffingInputs in = inputsFromTheStore();
        // the arrivals the engine learns from are the tickets the office issued (transfers make tickets of their own)
        for (DayCounts d : in.history()) {
            assertThat(d.total()).as("tickets on " + d.date()).isGreaterThanOrEqualTo(issuedPerDay.get(d.date()));
        }
        assertThat(in.history()).hasSize(28);
        ArrivalForecast f = ArrivalForecaster.forecast(in.office().categories(), in.history(), in.calendar(), date).orElseThrow();
        StaffingEngine engine = new StaffingEngine(in.office(), in.model());
        StaffingEngine.Advice expected = engine.advise(f, Target.DEFAULT);

        WebClient web = new WebClient(hub.apiUrl());
        assertThat(web.login("stf-chen", "chen-password-1")).isEqualTo(200);
        JsonNode got = CODEC.mapper().readTree(ok(web, "/api/dashboard/offices/" + OFFICE + "/staffing?date=" + date));
        assertThat(got.get("targetPercent").asInt()).isEqualTo(80);
        assertThat(got.get("targetMinutes").asDouble()).isEqualTo(15.0);
        assertSameHours(got, expected.plan(), expected.outlook(), expected.erlang());
        assertThat(got.get("dayShareWithin").asDouble()).isEqualTo(expected.outlook().dayShareWithin());
        assertThat(got.get("daysMeetingTarget").asDouble()).isEqualTo(expected.outlook().daysMeetingTarget());
        List<Words.Line> words = Words.lines(expected.plan(), Locale.ENGLISH);
        assertThat(got.get("lines")).hasSize(words.size());
        assertThat(got.get("lines").get(0).get("en").asText()).isEqualTo(words.get(0).text());

        int[] counts = expected.outlook().hours().stream().mapToInt(h -> expected.plan().count(h.hour())).toArray();
        int peak = peakIndex(f, in);
        counts[peak] = Math.max(0, counts[peak] - 1);
        Plan fewer = engine.planFromCounts(f, counts);
        Outlook fewerOutlook = engine.whatIf(fewer, f, Target.DEFAULT);
        JsonNode whatIf = CODEC.mapper().readTree(ok(web, "/api/dashboard/offices/" + OFFICE + "/staffing/what-if?date=" + date
                + "&counters=" + join(counts)));
        assertSameHours(whatIf, fewer, fewerOutlook, null);
        assertThat(whatIf.get("dayShareWithin").asDouble()).isEqualTo(fewerOutlook.dayShareWithin());

        String csv = ok(web, "/export/offices/" + OFFICE + "/staffing/advice.csv?date=" + date + "&lang=en");
        assertThat(csv).isEqualTo("\uFEFF" + tw.jiaohao.forecast.staffing.StaffingCsv.advice(expected, Locale.ENGLISH));

        assertThat(web.get("/api/dashboard/offices/" + OFFICE + "/staffing/what-if?date=" + date + "&counters=1,2").statusCode())
                .as("a count per hour missing").isEqualTo(400);
        assertThat(web.get("/api/dashboard/offices/" + OFFICE + "/staffing?date=" + date.minusDays(3)).statusCode())
                .as("a day in the past").isEqualTo(400);
    }

    @Test
    void aManagerOfAnotherOfficeAndOfficeStaffAreRefused_theOtherOfficeUsesItsOwnTarget() throws Exception {
        WebClient lin = new WebClient(hub.apiUrl());
        assertThat(lin.login("stf-lin", "lin-password-1")).isEqualTo(200);
        for (String path : List.of("/api/dashboard/offices/" + OFFICE + "/staffing", "/offices/" + OFFICE + "/staffing",
                "/offices/" + OFFICE + "/staffing/what-if", "/export/offices/" + OFFICE + "/staffing/advice.csv",
                "/api/dashboard/offices/" + OFFICE + "/staffing/what-if?counters=1")) {
            assertThat(lin.get(path).statusCode()).as(path).isEqualTo(403);
        }
        JsonNode own = CODEC.mapper().readTree(ok(lin, "/api/dashboard/offices/" + OTHER + "/staffing?date=" + date));
        assertThat(own.get("targetPercent").asInt()).isEqualTo(90);
        assertThat(own.get("targetMinutes").asDouble()).isEqualTo(10.0);

        WebClient clerk = new WebClient(hub.apiUrl());
        assertThat(clerk.login("stf-clerk", "clerk-password-1")).isEqualTo(200);
        assertThat(clerk.get("/api/dashboard/offices/" + OFFICE + "/staffing").statusCode()).isEqualTo(403);
        assertThat(clerk.get("/offices/" + OFFICE + "/staffing").statusCode()).isEqualTo(403);

        WebClient nobody = new WebClient(hub.apiUrl());
        assertThat(nobody.get("/api/dashboard/offices/" + OFFICE + "/staffing").statusCode()).isEqualTo(401);
    }

    @Test
    void theAdviceAndWhatIfPagesShowTheEnginesFiguresInBothLanguages() throws Exception {
        StaffingInputs in = inputsFromTheStore();
        ArrivalForecast f = ArrivalForecaster.forecast(in.office().categories(), in.history(), in.calendar(), date).orElseThrow();
        StaffingEngine engine = new StaffingEngine(in.office(), in.model());
        StaffingEngine.Advice expected = engine.advise(f, Target.DEFAULT);
        ChromeDriver d = browser();
        try {
            d.get(hub.apiUrl() + "/login");
            d.findElement(By.id("username")).sendKeys("stf-chen");
            d.findElement(By.id("password")).sendKeys("chen-password-1");
            d.findElement(By.id("login")).click();
            new WebDriverWait(d, Duration.ofSeconds(20)).until(x -> x.getCurrentUrl().endsWith("/offices"));
            d.get(hub.apiUrl() + "/offices/" + OFFICE);
            d.findElement(By.id("staffing-link")).click();
            new WebDriverWait(d, Duration.ofSeconds(60)).until(x -> !x.findElements(By.id("staffing-hours")).isEmpty());
            // the link opens tomorrow's advice: the date this test recomputed
            assertThat(d.findElement(By.cssSelector("#staffing-date input[name=date]")).getAttribute("value")).isEqualTo(date.toString());
            assertPageHours(d, expected.plan(), expected.outlook());
            List<Words.Line> zh = Words.lines(expected.plan(), Locale.TRADITIONAL_CHINESE);
            assertThat(d.findElements(By.cssSelector("#staffing-words li"))).extracting(WebElement::getText)
                    .containsExactlyElementsOf(zh.stream().map(Words.Line::text).toList());
            shots(d, "staffing-advice-zh");
            d.get(hub.apiUrl() + "/offices/" + OFFICE + "/staffing?date=" + date + "&lang=en");
            new WebDriverWait(d, Duration.ofSeconds(60)).until(x -> !x.findElements(By.id("staffing-hours")).isEmpty());
            assertThat(d.findElements(By.cssSelector("#staffing-words li"))).extracting(WebElement::getText)
                    .containsExactlyElementsOf(Words.lines(expected.plan(), Locale.ENGLISH).stream().map(Words.Line::text).toList());
            shots(d, "staffing-advice-en");

            int[] counts = expected.outlook().hours().stream().mapToInt(h -> expected.plan().count(h.hour())).toArray();
            int peak = peakIndex(f, in);
            counts[peak] = Math.max(0, counts[peak] - 1);
            Plan fewer = engine.planFromCounts(f, counts);
            Outlook fewerOutlook = engine.whatIf(fewer, f, Target.DEFAULT);
            d.findElement(By.id("to-whatif")).click();
            new WebDriverWait(d, Duration.ofSeconds(60)).until(x -> !x.findElements(By.id("whatif-counters")).isEmpty());
            WebElement field = d.findElement(By.id("whatif-counters"));
            field.clear();
            field.sendKeys(join(counts));
            d.findElement(By.id("whatif-go")).click();
            new WebDriverWait(d, Duration.ofSeconds(60)).until(x -> x.getCurrentUrl().contains("counters=")
                    && !x.findElements(By.id("staffing-hours")).isEmpty());
            assertPageHours(d, fewer, fewerOutlook);
            assertThat(d.findElement(By.id("staffing-day")).getText()).contains(Math.round(fewerOutlook.dayShareWithin() * 100) + " %");
            shots(d, "staffing-whatif-en");
            d.get(d.getCurrentUrl().replace("lang=en", "lang=zh") + (d.getCurrentUrl().contains("lang=") ? "" : "&lang=zh"));
            new WebDriverWait(d, Duration.ofSeconds(60)).until(x -> !x.findElements(By.id("staffing-hours")).isEmpty());
            assertPageHours(d, fewer, fewerOutlook);
            shots(d, "staffing-whatif-zh");
        } finally {
            d.quit();
        }
    }

    private static int peakIndex(ArrivalForecast f, StaffingInputs in) {
        int best = 0;
        for (int i = 0; i < in.office().hours(); i++) {
            if (f.total(in.office().firstHour() + i) > f.total(in.office().firstHour() + best)) {
                best = i;
            }
        }
        return best;
    }

    private static void assertPageHours(WebDriver d, Plan plan, Outlook outlook) {
        for (Outlook.Hour h : outlook.hours()) {
            String row = "#staffing-hours tr[data-hour='" + h.hour() + "'] ";
            assertThat(d.findElement(By.cssSelector(row + "td[data-f=counters]")).getText()).isEqualTo(String.valueOf(plan.count(h.hour())));
            assertThat(d.findElement(By.cssSelector(row + "td[data-f=within]")).getText())
                    .isEqualTo(Double.isNaN(h.shareWithin()) ? "—" : Math.round(h.shareWithin() * 100) + " %");
            assertThat(d.findElement(By.cssSelector(row + "td[data-f=p90]")).getText())
                    .startsWith(Double.isNaN(h.p90Minutes()) ? "—" : String.format(Locale.ROOT, "%.1f", Math.min(h.p90Minutes(), 1440)));
        }
    }

    private static void assertSameHours(JsonNode got, Plan plan, Outlook outlook, Plan erlang) {
        assertThat(got.get("hours")).hasSize(outlook.hours().size());
        for (int i = 0; i < outlook.hours().size(); i++) {
            Outlook.Hour h = outlook.hours().get(i);
            JsonNode g = got.get("hours").get(i);
            assertThat(g.get("hour").asInt()).isEqualTo(h.hour());
            assertThat(g.get("counters").asInt()).isEqualTo(plan.count(h.hour()));
            List<Integer> numbers = new ArrayList<>();
            g.get("numbers").forEach(n -> numbers.add(n.asInt()));
            assertThat(numbers).isEqualTo(plan.numbers(h.hour()));
            assertThat(g.get("ticketsExpected").asDouble()).isEqualTo(h.tickets());
            assertThat(g.get("shareWithin").isNull() ? Double.NaN : g.get("shareWithin").asDouble()).isEqualTo(h.shareWithin());
            assertThat(g.get("p50Minutes").isNull() ? Double.NaN : g.get("p50Minutes").asDouble()).isEqualTo(h.p50Minutes());
            assertThat(g.get("p90Minutes").isNull() ? Double.NaN : g.get("p90Minutes").asDouble()).isEqualTo(h.p90Minutes());
            if (erlang != null) {
                assertThat(g.get("erlangCounters").asInt()).isEqualTo(erlang.count(h.hour()));
            }
        }
    }

    private static String join(int[] counts) {
        return String.join(",", Arrays.stream(counts).mapToObj(String::valueOf).toList());
    }

    private static String ok(WebClient web, String path) throws Exception {
        var r = web.get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private ChromeDriver browser() throws Exception {
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory(work, "chrome"), "--lang=zh-TW");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(90));
        return d;
    }

    /** The page at the panel sizes offices use, from 800×480 to 1920×1080 and portrait. */
    private void shots(WebDriver d, String page) {
        if (shots == null) {
            return;
        }
        try {
            Files.createDirectories(shots);
            for (int[] size : new int[][] {{800, 480}, {1920, 1080}, {1080, 1920}}) {
                d.manage().window().setSize(new Dimension(size[0], size[1]));
                Path png = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE).toPath();
                Files.copy(png, shots.resolve("hub-" + page + "-" + size[0] + "x" + size[1] + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
            d.manage().window().setSize(new Dimension(1280, 900));
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot write screenshot " + page + ": " + e.getMessage(), e);
        }
    }
}
