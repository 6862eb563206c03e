package tw.jiaohao.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static tw.jiaohao.hub.testing.PersonalTestData.*;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.accounts.AccountImporter;
import tw.jiaohao.hub.accounts.AccountStore;
import tw.jiaohao.hub.accounts.SqliteAccountStore;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.selfservice.PersonalDataSeal;

/**
 * The cases JSON API over real HTTP. The signed-in user comes from a test header here; the
 * dashboard's login supplies the {@link StaffResolver} in the product.
 */
class CasesApiIT {
    @TempDir
    Path dir;
    private AccountStore accounts;
    private CaseStore store;
    private Javalin app;
    private CaseService cases;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        HubKeys.create(dir.resolve("keys"));
        accounts = SqliteAccountStore.open(dir.resolve("hub.db"));
        new AccountImporter(accounts, Clock.systemUTC(), 100).importFile(extract(dir), AccountImporter.Progress.NONE);
        store = SqliteCaseStore.open(dir.resolve("hub.db"));
        cases = new CaseService(store, accounts, new CaseRules(Duration.ofHours(72), Duration.ofHours(24), Requests.TAIPEI),
                HubKeys.load(dir.resolve("keys")), CaseAccess.BY_ROLE, Clock.systemUTC(), new CaseMetrics());
        StaffResolver fromHeader = ctx -> {
            String h = ctx.header("X-Test-User");
            if (h == null) {
                return Optional.empty();
            }
            String[] p = h.split(":");
            return Optional.of(new Staff(p[0], Role.valueOf(p[1]), p.length > 2 ? p[2] : null));
        };
        CasesApi api = new CasesApi(cases, fromHeader);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(new JsonCodec().mapper(), false));
            api.addTo(tw.jiaohao.hub.server.Routes.unguarded(config));
        }).start("127.0.0.1", 0);
        var hubKey = PersonalDataSeal.publicKeyFromPem(Files.readString(dir.resolve("keys").resolve(HubKeys.SEAL_PUBLIC)));
        cases.receive(Requests.transfer(hubKey, "taipei-1", 1, ACCOUNT_OK, HOUSE_OK, Instant.now()));
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
        accounts.close();
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        if (user != null) {
            b.header("X-Test-User", user);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String user, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).header("X-Test-User", user)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void list_isMasked_andNeedsASignedInUser() throws Exception {
        assertThat(get("/api/cases", null).statusCode()).isEqualTo(401);
        HttpResponse<String> list = get("/api/cases?state=VERIFIED", "mgr:OFFICE_MANAGER:taipei-1");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("T-", "A12****789", "0912***678", "ageMinutes", "dueAt").doesNotContain(NATIONAL_ID, PHONE, ADDRESS_OK);
        assertThat(get("/api/cases?office=taipei-1", "mgr:OFFICE_MANAGER:kaohsiung-1").statusCode()).isEqualTo(403);
        assertThat(get("/api/cases?state=LOST", "mgr:OFFICE_MANAGER:taipei-1").statusCode()).isEqualTo(400);
        assertThat(get("/api/cases/summary", "head:HEAD_OFFICE").body()).contains("\"office\":\"taipei-1\"", "\"VERIFIED\":1");
    }

    @Test
    void caseView_showsPersonalDataOnlyToTheOfficesStaff() throws Exception {
        String number = cases.list(new Staff("h", Role.HEAD_OFFICE, null), null, java.util.Set.of()).get(0).caseNumber();
        assertThat(get("/api/cases/taipei-1/" + number, "clerk:STAFF:taipei-1").body()).contains(NATIONAL_ID, PHONE);
        assertThat(get("/api/cases/taipei-1/" + number, "head:HEAD_OFFICE").body()).doesNotContain(NATIONAL_ID, PHONE).contains("A12****789");
        assertThat(get("/api/cases/taipei-1/" + number, "mgr:OFFICE_MANAGER:kaohsiung-1").statusCode()).isEqualTo(403);
        assertThat(get("/api/cases/taipei-1/T-20000101-001", "mgr:OFFICE_MANAGER:taipei-1").statusCode()).isEqualTo(404);
    }

    @Test
    void stateChanges_recordWhoAndWhen_andRefuseWhatTheStateForbids() throws Exception {
        String number = cases.list(new Staff("h", Role.HEAD_OFFICE, null), null, java.util.Set.of()).get(0).caseNumber();
        String path = "/api/cases/taipei-1/" + number;
        assertThat(post(path + "/state", "clerk:STAFF:taipei-1", "{\"to\":\"DISPATCHED\"}").statusCode()).isEqualTo(403);
        HttpResponse<String> dispatched = post(path + "/state", "mgr:OFFICE_MANAGER:taipei-1", "{\"to\":\"DISPATCHED\",\"note\":\"外勤一組\"}");
        assertThat(dispatched.statusCode()).isEqualTo(200);
        assertThat(dispatched.body()).contains("\"actor\":\"mgr\"", "\"to\":\"DISPATCHED\"", "外勤一組");
        assertThat(post(path + "/state", "mgr:OFFICE_MANAGER:taipei-1", "{\"to\":\"VERIFIED\"}").statusCode()).isEqualTo(409);
        assertThat(post(path + "/state", "mgr:OFFICE_MANAGER:taipei-1", "not json").statusCode()).isEqualTo(400);
        assertThat(post(path + "/notes", "mgr:OFFICE_MANAGER:taipei-1", "{\"note\":\"已聯絡\"}").body()).contains("已聯絡");
        assertThat(post(path + "/state", "mgr:OFFICE_MANAGER:taipei-1", "{\"to\":\"DONE\"}").body()).contains("\"state\":\"DONE\"", "closedAt");
    }
}
