package tw.jiaohao.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static tw.jiaohao.hub.testing.PersonalTestData.ACCOUNT_OK;
import static tw.jiaohao.hub.testing.PersonalTestData.ADDRESS_OK;
import static tw.jiaohao.hub.testing.PersonalTestData.HOUSE_OK;
import static tw.jiaohao.hub.testing.PersonalTestData.NATIONAL_ID;
import static tw.jiaohao.hub.testing.PersonalTestData.PHONE;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.accounts.AccountImporter;
import tw.jiaohao.hub.accounts.SqliteAccountStore;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.hub.cases.HubKeys;
import tw.jiaohao.hub.cases.Requests;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.PersonalTestData;
import tw.jiaohao.protocol.selfservice.PersonalDataSeal;

/**
 * The case pages and the cases API inside the dashboard, over HTTP with real logins: the
 * session and CSRF rules, the workflow through the HTML forms, the role limits, the masked CSV
 * and the open cases on the statistics page. (The same in Chromium: DashboardBrowserIT.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CasePagesIT {
    private Hub hub;
    private String apiCase;
    private String formCase;
    private String otherOfficeCase;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        HubKeys.create(dir.resolve("keys"));
        try (SqliteAccountStore accounts = SqliteAccountStore.open(dir.resolve("hub.db"))) {
            new AccountImporter(accounts, Clock.systemUTC(), 100).importFile(PersonalTestData.extract(dir), AccountImporter.Progress.NONE);
        }
        hub = Hub.start(HubFixture.config(dir, "", "cases-web-it", Map.of("broker.embedded.port", "0", "selfservice.enabled", "true",
                "selfservice.keys-dir", dir.resolve("keys").toString(), "selfservice.mqtt.client-id", "cases-web-it-ss")), Clock.systemUTC());
        var auth = hub.dashboard().auth();
        auth.createUser(new User("boss", Role.HEAD_OFFICE, null), "boss-password-1".toCharArray());
        auth.createUser(new User("clerk", Role.STAFF, "taipei-1"), "clerk-password-1".toCharArray());
        auth.createUser(new User("chen", Role.OFFICE_MANAGER, "taipei-1"), "chen-password-1".toCharArray());
        auth.createUser(new User("lin", Role.OFFICE_MANAGER, "kaohsiung-3"), "lin-password-1".toCharArray());
        var key = PersonalDataSeal.publicKeyFromPem(Files.readString(dir.resolve("keys").resolve(HubKeys.SEAL_PUBLIC)));
        var cases = hub.selfService().cases();
        apiCase = cases.receive(Requests.transfer(key, "taipei-1", 1, ACCOUNT_OK, HOUSE_OK, Instant.now())).caseNumber();
        formCase = cases.receive(Requests.transfer(key, "taipei-1", 2, ACCOUNT_OK, HOUSE_OK, Instant.now())).caseNumber();
        otherOfficeCase = cases.receive(Requests.transfer(key, "kaohsiung-3", 1, ACCOUNT_OK, HOUSE_OK, Instant.now())).caseNumber();
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

    @Test
    void theCasesApi_needsTheDashboardSession_andItsCsrfToken() throws Exception {
        WebClient anon = new WebClient(hub.apiUrl());
        assertThat(anon.get("/api/cases").statusCode()).isEqualTo(401);
        assertThat(anon.get("/cases").statusCode()).isEqualTo(302);
        WebClient chen = as("chen");
        String path = "/api/cases/taipei-1/" + apiCase + "/state";
        assertThat(chen.post(path, "{\"to\":\"DISPATCHED\"}", false).statusCode()).isEqualTo(403);
        assertThat(chen.get("/api/cases/taipei-1/" + apiCase).body()).contains("\"state\":\"VERIFIED\"");
        HttpResponse<String> moved = chen.post(path, "{\"to\":\"DISPATCHED\",\"note\":\"外勤一組\"}", true);
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(moved.body()).contains("\"actor\":\"chen\"", "\"state\":\"DISPATCHED\"");
        assertThat(chen.get("/api/cases/summary").body()).contains("\"office\":\"taipei-1\"").doesNotContain("kaohsiung-3");
    }

    @Test
    void theForms_moveACase_andARejectWithoutANote_saysWhatToFix() throws Exception {
        WebClient chen = as("chen");
        String view = "/cases/taipei-1/" + formCase;
        assertThat(chen.get(view).body()).contains("id=\"state-form\"", "name=\"_csrf\"", NATIONAL_ID, PHONE);
        assertThat(chen.postForm(view + "/state", Map.of("to", "REJECTED"), false).statusCode()).as("without the token").isEqualTo(403);
        HttpResponse<String> noNote = chen.postForm(view + "/state", Map.of("to", "REJECTED"), true);
        assertThat(noNote.statusCode()).isEqualTo(400);
        assertThat(noNote.body()).contains("id=\"case-error\"");
        HttpResponse<String> rejected = chen.postForm(view + "/state", Map.of("to", "REJECTED", "note", "地址不符，請臨櫃辦理"), true);
        assertThat(rejected.statusCode()).isEqualTo(302);
        assertThat(rejected.headers().firstValue("Location")).contains(view);
        assertThat(chen.postForm(view + "/notes", Map.of("note", "已電話通知"), true).statusCode()).isEqualTo(302);
        String after = chen.get(view).body();
        assertThat(after).contains("id=\"case-state\">已退件<", "地址不符，請臨櫃辦理", "已電話通知").doesNotContain("id=\"state-form\"");
        assertThat(chen.postForm(view + "/state", Map.of("to", "DONE"), true).statusCode()).as("closed").isEqualTo(409);
    }

    @Test
    void roleLimits_otherOffice403_headOfficeMasked_staffReadOnly() throws Exception {
        WebClient lin = as("lin");
        assertThat(lin.get("/cases/taipei-1/" + apiCase).statusCode()).isEqualTo(403);
        assertThat(lin.get("/api/cases/taipei-1/" + apiCase).statusCode()).isEqualTo(403);
        assertThat(lin.postForm("/cases/taipei-1/" + apiCase + "/notes", Map.of("note", "x"), true).statusCode()).isEqualTo(403);
        // case numbers are per office: tell the offices apart by the links
        assertThat(lin.get("/cases?state=all").body()).contains("/cases/kaohsiung-3/" + otherOfficeCase).doesNotContain("/cases/taipei-1/");

        WebClient boss = as("boss");
        String masked = boss.get("/cases/taipei-1/" + apiCase).body();
        assertThat(masked).contains("A12****789", "id=\"personal-masked\"").doesNotContain(NATIONAL_ID, PHONE, ADDRESS_OK);
        assertThat(boss.get("/cases?state=all").body()).contains("/cases/taipei-1/" + apiCase, "/cases/taipei-1/" + formCase,
                "/cases/kaohsiung-3/" + otherOfficeCase).doesNotContain(PHONE, NATIONAL_ID);

        WebClient clerk = as("clerk");
        String view = clerk.get("/cases/taipei-1/" + apiCase).body();
        assertThat(view).contains(NATIONAL_ID).doesNotContain("id=\"state-form\"").doesNotContain("id=\"note-form\"");
        assertThat(clerk.postForm("/cases/taipei-1/" + apiCase + "/notes", Map.of("note", "x"), true).statusCode()).isEqualTo(403);
    }

    @Test
    void theCsv_isMasked_andTheStatisticsPageShowsOpenCases() throws Exception {
        WebClient boss = as("boss");
        HttpResponse<String> csv = boss.get("/export/cases.csv?state=all");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).contains("caseNumber", "taipei-1," + apiCase, "kaohsiung-3," + otherOfficeCase, "0912***678").doesNotContain(PHONE, NATIONAL_ID, ADDRESS_OK);
        String offices = boss.get("/offices").body();
        assertThat(offices).contains("id=\"case-summary\"", "data-office=\"kaohsiung-3\"");
        assertThat(as("lin").get("/export/cases.csv?state=all").body()).contains("kaohsiung-3," + otherOfficeCase).doesNotContain("taipei-1");
    }
}
