package tw.jiaohao.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.alerts.Alert;
import tw.jiaohao.hub.alerts.AlertKind;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.User;
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
import tw.jiaohao.protocol.notice.NoticeBoard;

/**
 * The dashboard over HTTP against a running hub with its embedded broker: logins and roles,
 * CSRF, CSV exports, alerts from events and device status, and a notice reaching the
 * retained topic a kiosk subscribes to.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardWebIT {
    private static final JsonCodec CODEC = new JsonCodec();
    private Hub hub;
    private final LocalDate today = LocalDate.now(ZoneId.of("Asia/Taipei"));

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        hub = Hub.start(HubFixture.config(dir, "", "web-it", Map.of("broker.embedded.port", "0")), Clock.systemUTC());
        var auth = hub.dashboard().auth();
        auth.createUser(new User("boss", Role.HEAD_OFFICE, null), "boss-password-1".toCharArray());
        auth.createUser(new User("mgr", Role.OFFICE_MANAGER, "taipei-1"), "mgr-password-1".toCharArray());
        auth.createUser(new User("clerk", Role.STAFF, "taipei-1"), "clerk-password-1".toCharArray());
        try (TestClient office = new TestClient(hub.brokerUrl(), "web-it-offices")) {
            office.publishEvents(new SyntheticOffice("taipei-1", 1).day(today, 40));
            office.publishEvents(new SyntheticOffice("kaohsiung-3", 2).day(today, 30));
            office.publish(Topics.deviceStatus("kaohsiung-3", "kiosk-1"), CODEC.encode(new DeviceStatus(ProtocolVersion.CURRENT,
                    "kaohsiung-3", "kiosk-1", DeviceKind.KIOSK, true, Instant.now(), "1.0", PrinterCondition.PAPER_OUT, null)), true);
        }
        Poll.until(Duration.ofSeconds(60), "events of both offices stored", () -> hub.store().progress("taipei-1").isPresent()
                && hub.store().progress("kaohsiung-3").isPresent()
                && hub.store().progress("kaohsiung-3").get().contiguousSeq() == hub.store().progress("kaohsiung-3").get().maxSeq());
    }

    @AfterAll
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private WebClient as(String user, String password) throws Exception {
        WebClient c = new WebClient(hub.apiUrl());
        assertThat(c.login(user, password)).isEqualTo(200);
        return c;
    }

    @Test
    void withoutLogin_pagesRedirectAndApiRefuses() throws Exception {
        WebClient anon = new WebClient(hub.apiUrl());
        HttpResponse<String> page = anon.get("/offices");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/login"));
        assertThat(anon.get("/api/dashboard/offices").statusCode()).isEqualTo(401);
        assertThat(anon.get("/export/offices.csv").statusCode()).isEqualTo(401);
        assertThat(anon.get("/api/offices").statusCode()).isEqualTo(200); // web.ingest-api-public=true in the fixture
        assertThat(anon.get("/api/openapi.json").statusCode()).isEqualTo(200);
        assertThat(anon.login("boss", "wrong-password")).isEqualTo(401);
    }

    @Test
    void casesPage_withSelfServiceOff_saysHowToTurnItOn_insteadOfNoSuchPath() throws Exception {
        assertThat(new WebClient(hub.apiUrl()).get("/cases").statusCode()).isEqualTo(302);
        HttpResponse<String> page = as("clerk", "clerk-password-1").get("/cases?lang=en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"cases-off\"", "selfservice.enabled=true").doesNotContain("not found");
        assertThat(as("clerk", "clerk-password-1").get("/cases?lang=zh").body()).contains("未啟用自助申辦");
    }

    @Test
    void sessionCookie_isHttpOnlyAndSameSiteStrict() throws Exception {
        HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(hub.apiUrl() + "/api/login")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"username\":\"clerk\",\"password\":\"clerk-password-1\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(DashboardWeb.SESSION_COOKIE)).findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void headOffice_seesEveryOffice_managerAndStaffOnlyTheirOwn() throws Exception {
        assertThat(as("boss", "boss-password-1").get("/api/dashboard/offices").body()).contains("taipei-1", "kaohsiung-3");
        for (WebClient c : List.of(as("mgr", "mgr-password-1"), as("clerk", "clerk-password-1"))) {
            String overview = c.get("/api/dashboard/offices").body();
            assertThat(overview).contains("taipei-1").doesNotContain("kaohsiung-3");
            assertThat(c.get("/api/dashboard/offices/taipei-1/report").statusCode()).isEqualTo(200);
            assertThat(c.get("/api/dashboard/offices/kaohsiung-3/report").statusCode()).isEqualTo(403);
            assertThat(c.get("/offices/kaohsiung-3").statusCode()).isEqualTo(403);
            assertThat(c.get("/export/offices/kaohsiung-3/categories.csv").statusCode()).isEqualTo(403);
            assertThat(c.get("/export/offices.csv").body()).contains("taipei-1").doesNotContain("kaohsiung-3");
            assertThat(c.get("/api/alerts?all=1").body()).doesNotContain("kaohsiung-3");
            HttpResponse<String> notice = c.post("/api/notices", draft("GENERAL", "不得發布"), true);
            assertThat(notice.statusCode()).isEqualTo(403);
            assertThat(notice.body()).contains("HEAD_OFFICE");
        }
    }

    @Test
    void everyPost_needsTheCsrfToken() throws Exception {
        WebClient boss = as("boss", "boss-password-1");
        HttpResponse<String> r = boss.post("/api/notices", draft("GENERAL", "沒有權杖"), false);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("CSRF");
        assertThat(hub.dashboard().notices().recent(100)).noneMatch(n -> n.notice().titleZh().equals("沒有權杖"));
    }

    @Test
    void csvExports_haveTheTablesRows() throws Exception {
        WebClient mgr = as("mgr", "mgr-password-1");
        String q = "?from=" + today + "&to=" + today;
        for (String table : List.of("categories", "counters", "hours", "heatmap", "waits", "mix")) {
            HttpResponse<String> r = mgr.get("/export/offices/taipei-1/" + table + ".csv" + q);
            assertThat(r.statusCode()).as(table).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
            assertThat(r.body().lines().count()).as(table + " rows").isGreaterThan(1);
        }
        String categories = mgr.get("/export/offices/taipei-1/categories.csv" + q).body();
        long tickets = categories.lines().filter(l -> l.startsWith("all,")).mapToLong(l -> Long.parseLong(l.split(",")[2])).sum();
        assertThat(tickets).isEqualTo(40);
    }

    @Test
    void printerOutOfPaper_raisesAnAlert_onlyTheOfficesManagerOrHeadOfficeMayHandle_andARefusalLooksLikeAMissingAlert() throws Exception {
        Poll.until(Duration.ofSeconds(30), "paper-out alert", () -> hub.dashboard().alerts().list(null, true, 100).stream()
                .anyMatch(a -> a.kind() == AlertKind.PRINTER_PAPER_OUT && a.office().equals("kaohsiung-3")));
        Alert paper = hub.dashboard().alerts().list(null, true, 100).stream()
                .filter(a -> a.kind() == AlertKind.PRINTER_PAPER_OUT).findFirst().orElseThrow();
        WebClient mgr = as("mgr", "mgr-password-1");
        HttpResponse<String> refused = mgr.post("/api/alerts/" + paper.id() + "/handle", "{}", true);
        HttpResponse<String> missing = mgr.post("/api/alerts/99999999/handle", "{}", true);
        assertThat(refused.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
        assertThat(refused.body()).doesNotContain("kaohsiung").isEqualTo(missing.body().replace("99999999", String.valueOf(paper.id())));
        assertThat(as("clerk", "clerk-password-1").post("/api/alerts/" + paper.id() + "/handle", "{}", true).body()).doesNotContain("kaohsiung");
        WebClient boss = as("boss", "boss-password-1");
        HttpResponse<String> handled = boss.post("/api/alerts/" + paper.id() + "/handle", "{}", true);
        assertThat(handled.statusCode()).isEqualTo(200);
        assertThat(handled.body()).contains("\"handledBy\":\"boss\"");
    }

    @Test
    void notice_appearsOnTheRetainedTopicAKioskSubscribesTo_andWithdrawingEmptiesIt() throws Exception {
        WebClient boss = as("boss", "boss-password-1");
        HttpResponse<String> created = boss.post("/api/notices", draftFor("taipei-1"), true);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = CODEC.mapper().readTree(created.body()).path("notice").path("id").asText();
        try (TestClient kiosk = new TestClient(hub.brokerUrl(), "web-it-kiosk")) {
            kiosk.subscribe(Topics.notice("taipei-1"));
            NoticeBoard board = board(kiosk);
            assertThat(board.scope()).isEqualTo("taipei-1");
            assertThat(board.notices()).singleElement().satisfies(n -> {
                assertThat(n.id()).isEqualTo(id);
                assertThat(n.area()).isEqualTo("大安區");
            });
            assertThat(boss.post("/api/notices/" + id + "/withdraw", "{}", true).statusCode()).isEqualTo(200);
            assertThat(board(kiosk).notices()).isEmpty();
        }
    }

    private static NoticeBoard board(TestClient client) throws InterruptedException {
        TestClient.Received m = client.received.poll(20, TimeUnit.SECONDS);
        assertThat(m).as("a notice board on the retained topic").isNotNull();
        return CODEC.decodeOrThrow(m.payload(), NoticeBoard.class);
    }

    private static String draft(String kind, String title) {
        Instant start = Instant.now().plusSeconds(3600);
        return "{\"kind\":\"" + kind + "\",\"titleZh\":\"" + title + "\",\"startsAt\":\"" + start + "\",\"endsAt\":\""
                + start.plusSeconds(7200) + "\"}";
    }

    private static String draftFor(String office) {
        Instant start = Instant.now().plusSeconds(600);
        return new String(("{\"kind\":\"WATER_OUTAGE\",\"titleZh\":\"計畫性停水\",\"area\":\"大安區\",\"reason\":\"管線汰換\",\"startsAt\":\""
                + start + "\",\"endsAt\":\"" + start.plusSeconds(8 * 3600) + "\",\"outageStartsAt\":\"" + start
                + "\",\"outageEndsAt\":\"" + start.plusSeconds(8 * 3600) + "\",\"offices\":[\"" + office + "\"]}")
                .getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
