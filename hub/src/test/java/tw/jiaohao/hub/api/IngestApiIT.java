package tw.jiaohao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.auth.AuthService;
import tw.jiaohao.hub.db.HubDatabase;
import tw.jiaohao.hub.ingest.IngestMetrics;
import tw.jiaohao.hub.server.HubServer;
import tw.jiaohao.hub.stats.OfficeFigures;
import tw.jiaohao.hub.store.OfficeOverview;
import tw.jiaohao.hub.store.SqliteHubStore;
import tw.jiaohao.hub.testing.FiguresAssert;
import tw.jiaohao.hub.testing.MutableClock;
import tw.jiaohao.hub.testing.ReferenceFigures;
import tw.jiaohao.hub.testing.SyntheticOffice;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;

class IngestApiIT {
    private static final JsonCodec CODEC = new JsonCodec();
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T04:00:00Z"));
    private SqliteHubStore store;
    private HubServer api;
    private final List<OfficeEvent> day1 = new ArrayList<>();
    private final List<OfficeEvent> day2 = new ArrayList<>();

    @BeforeEach
    void start() {
        store = new SqliteHubStore(dir.resolve("hub.db"), SqliteHubStore.Sync.NORMAL, CODEC, clock);
        SyntheticOffice office = new SyntheticOffice("taipei-1", 21);
        day1.addAll(office.day(DAY, 120));
        day2.addAll(office.day(DAY.plusDays(1), 80));
        store.write(day1, List.of());
        store.write(day2, List.of());
        AuthService auth = AuthService.open(HubDatabase.open(dir.resolve("hub.db")), clock, Duration.ofHours(1), 5, Duration.ofMinutes(15));
        api = new HubServer(auth, CODEC.mapper(), clock, (ctx, status, message) -> ctx.status(status).result(message),
                List.of(new IngestApi(store, new IngestMetrics(), clock, SyntheticOffice.TAIPEI, true))).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        api.close();
        store.close();
    }

    @Test
    void day_servesTheFiguresOfThatOfficeDay() throws Exception {
        HttpResponse<String> r = get("/api/offices/taipei-1/days/" + DAY.plusDays(1));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        FiguresAssert.matches(CODEC.mapper().readValue(r.body(), OfficeFigures.class), ReferenceFigures.of(day2));
    }

    @Test
    void range_mergesTheDays() throws Exception {
        HttpResponse<String> r = get("/api/offices/taipei-1/figures?from=" + DAY + "&to=" + DAY.plusDays(1));
        assertThat(r.statusCode()).isEqualTo(200);
        List<OfficeEvent> both = new ArrayList<>(day1);
        both.addAll(day2);
        FiguresAssert.matches(CODEC.mapper().readValue(r.body(), OfficeFigures.class), ReferenceFigures.of(both));
    }

    @Test
    void ticketsToday_followsTheOfficeDayInTaipei_acrossLocalMidnightAt1600Utc() throws Exception {
        long issued1 = day1.stream().filter(e -> e.type() == EventType.TICKET_ISSUED).count();
        long issued2 = day2.stream().filter(e -> e.type() == EventType.TICKET_ISSUED).count();
        clock.set(Instant.parse("2026-11-20T09:30:00Z")); // 17:30 in Taipei, late afternoon
        assertThat(offices().ticketsToday()).isEqualTo(issued1);
        clock.set(Instant.parse("2026-11-20T15:59:59Z")); // 23:59:59 in Taipei
        assertThat(offices().ticketsToday()).isEqualTo(issued1);
        clock.set(Instant.parse("2026-11-20T16:00:00Z")); // midnight in Taipei: the next office-day
        assertThat(offices().ticketsToday()).isEqualTo(issued2);
        assertThat(offices().maxSeq()).isEqualTo(day1.size() + day2.size());
        assertThat(offices().lastEventAt()).isEqualTo(day2.get(day2.size() - 1).at());
    }

    @Test
    void badOfficeOrDate_getsA400_unknownOfficeA404_withAMessage() throws Exception {
        assertError(get("/api/offices/Taipei_1/days/" + DAY), 400, "office id");
        assertError(get("/api/offices/taipei-1/days/2026-13-01"), 400, "YYYY-MM-DD");
        assertError(get("/api/offices/taipei-1/days/yesterday"), 400, "YYYY-MM-DD");
        assertError(get("/api/offices/nowhere/days/" + DAY), 404, "no office 'nowhere'");
        assertError(get("/api/offices/taipei-1/figures?from=" + DAY), 400, "to (YYYY-MM-DD) is required");
        assertError(get("/api/offices/taipei-1/figures?from=" + DAY + "&to=" + DAY.minusDays(1)), 400, "before");
        assertError(get("/api/nothing-here"), 404, "no such path");
    }

    @Test
    void aDayWithoutTickets_isZeroNotAnError() throws Exception {
        OfficeFigures f = CODEC.mapper().readValue(get("/api/offices/taipei-1/days/2020-01-01").body(), OfficeFigures.class);
        assertThat(f.total().tickets()).isZero();
        assertThat(f.total().waitP90Seconds()).isNull();
        assertThat(f.categories()).isEmpty();
    }

    private OfficeOverview offices() throws Exception {
        HttpResponse<String> r = get("/api/offices");
        assertThat(r.statusCode()).isEqualTo(200);
        OfficeOverview[] all = CODEC.mapper().readValue(r.body(), OfficeOverview[].class);
        assertThat(all).hasSize(1);
        return all[0];
    }

    private static void assertError(HttpResponse<String> r, int status, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).startsWith("{\"error\":").contains(message);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
