package tw.jiaohao.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static tw.jiaohao.hub.testing.PersonalTestData.ACCOUNT_OK;
import static tw.jiaohao.hub.testing.PersonalTestData.HOUSE_OK;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.accounts.AccountImporter;
import tw.jiaohao.hub.accounts.SqliteAccountStore;
import tw.jiaohao.hub.alerts.AlertKind;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.hub.cases.HubKeys;
import tw.jiaohao.hub.server.Access;
import tw.jiaohao.hub.server.HubServer;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.LogCapture;
import tw.jiaohao.hub.testing.PersonalTestData;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.hub.testing.SyntheticOffice;
import tw.jiaohao.hub.testing.TestClient;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.device.PrinterCondition;
import tw.jiaohao.protocol.selfservice.PersonalDataSeal;

/**
 * Who can reach what on the hub's web server, over HTTP against a running hub (self-service on,
 * the ingest API not public): every route in Javalin's registry × every role and no login × path
 * variants (trailing slash, upper case, a percent-encoded letter, a doubled slash, a path
 * parameter), and the smaller leaks of issue 10 item 8.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebAccessIT {
    private static final JsonCodec CODEC = new JsonCodec();
    private static final String MINE = "taipei-1";
    private static final String OTHER = "kaohsiung-3";
    private final LocalDate today = LocalDate.now(ZoneId.of("Asia/Taipei"));
    private Hub hub;
    private String otherCase;
    private long otherAlert;
    private String otherNotice;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        HubKeys.create(dir.resolve("keys"));
        try (SqliteAccountStore accounts = SqliteAccountStore.open(dir.resolve("hub.db"))) {
            new AccountImporter(accounts, Clock.systemUTC(), 100).importFile(PersonalTestData.extract(dir), AccountImporter.Progress.NONE);
        }
        // the matrix posts to the login routes hundreds of times from one address: the throttle
        // (AuthTest) must not lock out the test's own users here
        hub = Hub.start(HubFixture.config(dir, "", "access-it", Map.of("broker.embedded.port", "0", "web.ingest-api-public", "false",
                "auth.max-failed-logins", "1000",
                "selfservice.enabled", "true", "selfservice.keys-dir", dir.resolve("keys").toString(),
                "selfservice.mqtt.client-id", "access-it-ss")), Clock.systemUTC());
        var auth = hub.dashboard().auth();
        auth.createUser(new User("boss", Role.HEAD_OFFICE, null), "boss-password-1".toCharArray());
        auth.createUser(new User("mgr", Role.OFFICE_MANAGER, MINE), "mgr-password-1".toCharArray());
        auth.createUser(new User("clerk", Role.STAFF, MINE), "clerk-password-1".toCharArray());
        var key = PersonalDataSeal.publicKeyFromPem(Files.readString(dir.resolve("keys").resolve(HubKeys.SEAL_PUBLIC)));
        var cases = hub.selfService().cases();
        cases.receive(tw.jiaohao.hub.cases.Requests.transfer(key, MINE, 1, ACCOUNT_OK, HOUSE_OK, Instant.now()));
        otherCase = cases.receive(tw.jiaohao.hub.cases.Requests.transfer(key, OTHER, 1, ACCOUNT_OK, HOUSE_OK, Instant.now())).caseNumber();
        try (TestClient office = new TestClient(hub.brokerUrl(), "access-it-offices")) {
            office.publishEvents(new SyntheticOffice(MINE, 1).day(today, 10));
            office.publishEvents(new SyntheticOffice(OTHER, 2).day(today, 10));
            office.publish(Topics.deviceStatus(OTHER, "kiosk-1"), CODEC.encode(new DeviceStatus(ProtocolVersion.CURRENT,
                    OTHER, "kiosk-1", DeviceKind.KIOSK, true, Instant.now(), "1.0", PrinterCondition.PAPER_OUT, null)), true);
        }
        Poll.until(Duration.ofSeconds(60), "both offices' events and the other office's alert", () ->
                hub.store().progress(MINE).isPresent() && hub.store().progress(OTHER).isPresent()
                        && hub.dashboard().alerts().list(List.of(OTHER), true, 10).stream().anyMatch(a -> a.kind() == AlertKind.PRINTER_PAPER_OUT));
        otherAlert = hub.dashboard().alerts().list(List.of(OTHER), true, 10).get(0).id();
        WebClient boss = as("boss");
        otherNotice = noticeId(boss.post("/api/notices", notice("只給高雄", List.of(OTHER)), true));
        noticeId(boss.post("/api/notices", notice("給台北", List.of(MINE)), true));
        noticeId(boss.post("/api/notices", notice("給全部", List.of()), true));
    }

    @AfterAll
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private WebClient as(String user) throws Exception {
        WebClient c = new WebClient(hub.apiUrl());
        assertThat(c.login(user, user + "-password-1")).isEqualTo(200);
        return c;
    }

    /**
     * The OpenAPI document describes every API and CSV route Javalin has, with its method, and
     * nothing that is not served: a route added without its description fails here. A described
     * path may name a file of a {@code {file}} route ({@code /export/offices.csv}).
     */
    @Test
    void theOpenApiDocument_describesEveryApiAndExportRoute_andNoOther() throws Exception {
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(new WebClient(hub.apiUrl()).get("/api/openapi.json").body());
        Set<String> described = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(
                m -> described.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        Set<String> served = new TreeSet<>();
        hub.server().routes().stream().filter(r -> r.path().startsWith("/api/") || r.path().startsWith("/export/"))
                .forEach(r -> served.add(r.method() + " " + r.path()));
        assertThat(served).as("routes without a description in openapi.json")
                .allSatisfy(route -> assertThat(described).anyMatch(d -> d.equals(route) || matches(route, d)));
        assertThat(described).as("descriptions of routes that are not served")
                .allSatisfy(d -> assertThat(served).anyMatch(route -> route.equals(d) || matches(route, d)));
    }

    /** A route template ({@code GET /export/{file}}) serving a described concrete path ({@code GET /export/offices.csv}). */
    private static boolean matches(String route, String described) {
        String[] r = route.split(" |/", -1);
        String[] d = described.split(" |/", -1);
        if (r.length != d.length) {
            return false;
        }
        for (int i = 0; i < r.length; i++) {
            if (!r[i].equals(d[i]) && !r[i].startsWith("{")) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyRegisteredRoute_hasAnAccessRule_andOnlyTheLoginTicketAndStaticPartsArePublic() {
        List<HubServer.Route> routes = hub.server().routes();
        assertThat(routes).as("the registry is read, not a hand list").hasSizeGreaterThan(35);
        assertThat(routes).allSatisfy(r -> assertThat(r.access()).as(r.method() + " " + r.path()).isNotNull());
        Set<String> open = new TreeSet<>();
        routes.stream().filter(r -> r.access().anyone()).forEach(r -> open.add(r.method() + " " + r.path()));
        assertThat(open).containsExactlyInAnyOrder("GET /", "GET /favicon.ico", "GET /login", "POST /login", "POST /api/login",
                "GET /api/openapi.json", "GET /lang/{lang}", "GET /t/{office}/{day}/{number}");
        assertThat(routes).filteredOn(r -> r.path().equals("/api/offices") || r.path().equals("/api/ingest"))
                .allSatisfy(r -> assertThat(r.access()).isEqualTo(Access.HEAD_OFFICE));
    }

    /**
     * Each route's path is filled in with the other office's ids (so an office user's rule fails on
     * the office) and sent in every variant by every client; whoever the rule does not allow gets
     * no 2xx and no redirect other than to the login page.
     */
    @Test
    void everyRoute_byEveryRole_andWithoutLogin_inEveryPathVariant_isReachableOnlyUnderItsRule() throws Exception {
        Map<String, WebClient> clients = new LinkedHashMap<>();
        clients.put("anonymous", new WebClient(hub.apiUrl()));
        clients.put("boss", as("boss"));
        clients.put("mgr", as("mgr"));
        clients.put("clerk", as("clerk"));
        Map<String, User> users = Map.of("boss", new User("boss", Role.HEAD_OFFICE, null), "mgr", new User("mgr", Role.OFFICE_MANAGER, MINE),
                "clerk", new User("clerk", Role.STAFF, MINE));
        List<String> breaches = new ArrayList<>();
        int sent = 0;
        int letThrough = 0;
        for (HubServer.Route route : hub.server().routes()) {
            if (route.path().contains("logout") || route.path().contains("withdraw") || route.path().endsWith("/handle")) {
                continue; // changes state for the other tests; covered below with throwaway sessions and fresh ids
            }
            String path = fill(route.path());
            for (Map.Entry<String, WebClient> c : clients.entrySet()) {
                boolean allowed = allows(route.access(), users.get(c.getKey()), route.path().contains("{office}") ? OTHER : null);
                for (String variant : variants(path)) {
                    for (String method : methods(route.method())) {
                        HttpResponse<String> r = c.getValue().send(method, variant);
                        sent++;
                        if (!allowed && reached(r)) {
                            breaches.add(c.getKey() + " " + method + " " + variant + " -> " + r.statusCode() + " " + r.headers().firstValue("Location").orElse(""));
                        }
                        if (allowed && variant.equals(path) && r.statusCode() != 401 && r.statusCode() != 403) {
                            letThrough++;
                            if (!route.access().anyone() && r.statusCode() == 200 && !route.path().equals("/api/dashboard/offices")) {
                                assertThat(r.headers().firstValue("Cache-Control")).as(method + " " + path).hasValue("no-store");
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("route matrix: %d routes, %d requests, %d let through under their rule, %d breaches%n",
                hub.server().routes().size(), sent, letThrough, breaches.size());
        assertThat(breaches).as("requests answered without their route's rule").isEmpty();
        assertThat(sent).isGreaterThan(1000);
        assertThat(letThrough).as("allowed users do get through (the matrix is not all refusals)").isGreaterThan(60);
        assertThat(hub.server().refused("no-rule")).isZero();
    }

    @Test
    void stateChangingRoutes_byEveryRoleWithoutTheRule_inEveryVariant_changeNothing() throws Exception {
        for (String user : List.of("mgr", "clerk")) {
            WebClient c = as(user);
            for (String path : List.of("/api/notices/" + otherNotice + "/withdraw", "/notices/" + otherNotice + "/withdraw")) {
                for (String v : variants(path)) {
                    assertThat(reached(c.send("POST", v))).as(user + " POST " + v).isFalse();
                }
            }
            if (user.equals("clerk")) {
                for (String v : variants("/api/alerts/" + otherAlert + "/handle")) {
                    assertThat(reached(c.send("POST", v))).as(user + " POST " + v).isFalse();
                }
            }
        }
        WebClient anon = new WebClient(hub.apiUrl());
        for (String path : List.of("/api/logout", "/logout", "/api/alerts/" + otherAlert + "/handle", "/api/notices/" + otherNotice + "/withdraw")) {
            for (String v : variants(path)) {
                assertThat(reached(anon.send("POST", v))).as("anonymous POST " + v).isFalse();
            }
        }
        // notices' defaults (head office only): a well-formed form with the session's token, from the other roles, to any office
        for (String user : List.of("mgr", "clerk")) {
            WebClient c = as(user);
            for (String office : List.of(MINE, OTHER)) {
                for (String v : variants("/settings/" + office + "/notice-defaults")) {
                    assertThat(reached(c.postForm(v, Map.of("nd.area", "大安區", "nd.leadDays", "3"), true)))
                            .as(user + " POST " + v).isFalse();
                }
            }
        }
        assertThat(hub.dashboard().notices().allDefaults()).as("no role but head office set notices' defaults").isEmpty();
        assertThat(reached(as("boss").postForm("/settings/" + OTHER + "/notice-defaults", Map.of("nd.area", "三民區", "nd.leadDays", "2"), true)))
                .as("head office may").isTrue();
        assertThat(hub.dashboard().notices().defaults(OTHER).map(d -> d.area())).contains("三民區");
        assertThat(hub.dashboard().notices().recent(100)).filteredOn(n -> n.notice().id().equals(otherNotice))
                .singleElement().satisfies(n -> assertThat(n.withdrawnAt()).isNull());
        assertThat(hub.dashboard().alerts().list(List.of(OTHER), true, 10)).anyMatch(a -> a.id() == otherAlert);
    }

    @Test
    void staticFilesAndTheChartScript_areServedWithoutALogin() throws Exception {
        WebClient anon = new WebClient(hub.apiUrl());
        assertThat(anon.get("/static/dashboard.css").statusCode()).isEqualTo(200);
        assertThat(anon.get("/webjars/chart.js/4.5.1/dist/chart.umd.min.js").statusCode()).isEqualTo(200);
        assertThat(anon.get("/static/../web/i18n/messages.properties").statusCode()).isNotEqualTo(200);
    }

    @Test
    void noticesApi_listsOnlyTheCallersOfficeAndGlobalNotices() throws Exception {
        for (String user : List.of("mgr", "clerk")) {
            String body = as(user).get("/api/notices").body();
            assertThat(body).as(user).contains("給台北", "給全部").doesNotContain("只給高雄", OTHER);
            assertThat(as(user).get("/export/notices.csv").body()).doesNotContain("只給高雄");
        }
        assertThat(as("boss").get("/api/notices").body()).contains("給台北", "給全部", "只給高雄");
    }

    @Test
    void caseMetrics_areTheCallersOfficeOnly_headOfficeSeesTheHubs() throws Exception {
        Map<String, Object> mine = CODEC.mapper().readValue(as("mgr").get("/api/cases/metrics").body(), new com.fasterxml.jackson.core.type.TypeReference<>() { });
        Map<String, Object> all = CODEC.mapper().readValue(as("boss").get("/api/cases/metrics").body(), new com.fasterxml.jackson.core.type.TypeReference<>() { });
        assertThat(((Number) mine.get("requestsStored")).longValue()).isEqualTo(1);
        assertThat(mine).doesNotContainKeys("lookupsAnswered", "requestsMalformed");
        assertThat(((Number) all.get("requestsStored")).longValue()).isEqualTo(2);
    }

    @Test
    void outOfRangeDatesAndNullBodies_get400WithAMessage_neverA500_norAStackTraceInTheLog() throws Exception {
        WebClient boss = as("boss");
        try (LogCapture log = new LogCapture(HubServer.class)) {
            badInput(boss);
            assertThat(log.events()).as("bad input is not a bug").noneMatch(e -> e.getThrowableProxy() != null)
                    .noneMatch(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR));
        }
    }

    private void badInput(WebClient boss) throws Exception {
        for (String path : List.of("/api/dashboard/offices/" + MINE + "/report?from=+999999999-01-01",
                "/api/dashboard/offices/" + MINE + "/report?to=-999999999-01-01", "/api/offices/" + MINE + "/days/+999999999-12-31",
                "/api/offices/" + MINE + "/figures?from=0001-01-01&to=9999-12-31", "/offices/" + MINE + "?from=+999999999-01-01",
                "/export/offices/" + MINE + "/categories.csv?from=1800-01-01")) {
            HttpResponse<String> r = boss.get(path);
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(400);
            assertThat(r.body()).as(path).contains("date");
        }
        for (String path : List.of("/api/notices", "/api/login", "/api/cases/" + MINE + "/" + otherCase + "/notes")) {
            for (String body : List.of("null", "[]", "\"x\"", "{\"startsAt\":\"+999999999-01-01T00:00:00Z\"}", "{",
                    "{\"kind\":\"GENERAL\",\"titleZh\":\"x\",\"startsAt\":\"+999999999-01-01T00:00:00Z\",\"endsAt\":\"+999999999-12-31T00:00:00Z\"}",
                    "{\"kind\":\"GENERAL\",\"titleZh\":\"x\",\"startsAt\":\"-999999999-01-01T00:00:00Z\",\"endsAt\":\"2026-12-31T00:00:00Z\"}")) {
                HttpResponse<String> r = boss.post(path, body, true);
                assertThat(r.statusCode()).as(path + " " + body + ": " + r.body()).isBetween(400, 404);
                assertThat(r.body()).as(path + " " + body).startsWith("{").contains("\"error\":");
            }
        }
    }

    // ---- the matrix ----------------------------------------------------------------------

    private static boolean allows(Access rule, User user, String office) {
        if (rule.anyone()) {
            return true;
        }
        return user != null && rule.roles().contains(user.role()) && (rule.officeParam() == null || user.canSee(office));
    }

    /** A 2xx, or a redirect anywhere but the login page. */
    private static boolean reached(HttpResponse<String> r) {
        int s = r.statusCode();
        if (s >= 200 && s < 300) {
            return true;
        }
        return s >= 300 && s < 400 && !r.headers().firstValue("Location").orElse("").startsWith("/login");
    }

    private String fill(String template) {
        return template.replace("{office}", OTHER).replace("{day}", today.toString()).replace("{date}", today.toString())
                .replace("{number}", "A001").replace("{case}", otherCase).replace("{id}", String.valueOf(otherAlert))
                .replace("{lang}", "en").replace("{user}", "nobody-here").replace("{file}", template.startsWith("/export/offices/") ? "categories.csv" : "offices.csv");
    }

    private static List<String> methods(String method) {
        return method.equals("GET") ? List.of("GET", "HEAD") : List.of(method);
    }

    /** The path as registered, with a trailing slash, in upper case, a letter percent-encoded, a doubled slash, a path parameter. */
    static List<String> variants(String path) {
        List<String> out = new ArrayList<>(List.of(path, path + "/", path.toUpperCase(Locale.ROOT), path.replace("/", "//"),
                path + ";x=1", path + "%2F"));
        int letter = -1;
        for (int i = 1; i < path.length(); i++) {
            if (Character.isLetter(path.charAt(i))) {
                letter = i;
                break;
            }
        }
        if (letter > 0) {
            out.add(path.substring(0, letter) + String.format("%%%02X", (int) path.charAt(letter)) + path.substring(letter + 1));
            out.add(path.substring(0, letter) + String.format("%%%02x", (int) path.charAt(letter)) + path.substring(letter + 1) + "/");
        }
        if (path.length() > 1) {
            out.add("/" + path.substring(1, 2).toUpperCase(Locale.ROOT) + path.substring(2));
        }
        return out;
    }

    private static String notice(String title, List<String> offices) {
        Instant start = Instant.now().plusSeconds(3600);
        StringBuilder o = new StringBuilder();
        for (String office : offices) {
            o.append(o.length() == 0 ? "" : ",").append('"').append(office).append('"');
        }
        return "{\"kind\":\"GENERAL\",\"titleZh\":\"" + title + "\",\"startsAt\":\"" + start + "\",\"endsAt\":\"" + start.plusSeconds(7200)
                + "\",\"offices\":[" + o + "]}";
    }

    private static String noticeId(HttpResponse<String> created) throws Exception {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return CODEC.mapper().readTree(created.body()).path("notice").path("id").asText();
    }
}
