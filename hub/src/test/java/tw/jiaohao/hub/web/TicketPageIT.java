package tw.jiaohao.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.MutableClock;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.hub.testing.SyntheticOffice;
import tw.jiaohao.hub.testing.TestClient;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.TicketState;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * The public ticket page of the kiosk's QR code over HTTP, without a login: a ticket's state
 * from the stored events and the office's retained state snapshot, people ahead and the
 * estimate, a friendly 404, and the per-address rate limit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TicketPageIT {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final JsonCodec CODEC = new JsonCodec();
    private static final int PER_MINUTE = 40;
    private Hub hub;
    // stands still, so the rate limit's minute cannot roll over during a test
    private final MutableClock clock = new MutableClock(Instant.now());
    private LocalDate today;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        hub = Hub.start(HubFixture.config(dir, "", "ticket-it", Map.of("broker.embedded.port", "0",
                "web.ticket-page-per-minute", String.valueOf(PER_MINUTE))), clock);
        today = LocalDate.now(clock.withZone(TAIPEI));
        Instant now = clock.instant();
        // A001 called to counter 2 and being served; A002, A003 and A004 waiting; B001 done; A004 issued last
        List<OfficeEvent> events = new ArrayList<>();
        long seq = 0;
        for (int i = 1; i <= 4; i++) {
            events.add(ticket("A00" + i, "A", now.minusSeconds(1000 - i * 60L)).type(EventType.TICKET_ISSUED)
                    .at(now.minusSeconds(1000 - i * 60L)).ahead(i - 1, 5 * i).build(++seq));
        }
        SyntheticOffice.Builder b1 = ticket("B001", "B", now.minusSeconds(2000));
        events.add(b1.type(EventType.TICKET_ISSUED).at(now.minusSeconds(2000)).ahead(0, 0).build(++seq));
        events.add(b1.type(EventType.TICKET_CALLED).at(now.minusSeconds(1900)).counter(3).build(++seq));
        events.add(b1.type(EventType.SERVICE_STARTED).at(now.minusSeconds(1880)).counter(3).build(++seq));
        events.add(b1.type(EventType.SERVICE_FINISHED).at(now.minusSeconds(1500)).counter(3).build(++seq));
        SyntheticOffice.Builder a1 = ticket("A001", "A", now.minusSeconds(940));
        events.add(a1.type(EventType.TICKET_CALLED).at(now.minusSeconds(300)).counter(2).build(++seq));
        long last = seq;
        try (TestClient office = new TestClient(hub.brokerUrl(), "ticket-it-office")) {
            office.publishEvents(events);
            office.publish(Topics.state("taipei-1"), CODEC.encode(snapshot(now, a1)), true);
        }
        Poll.until(Duration.ofSeconds(30), "events stored and the snapshot seen", () -> hub.dashboard().live().state("taipei-1").isPresent()
                && hub.store().progress("taipei-1").map(p -> p.contiguousSeq() == last).orElse(false));
    }

    private SyntheticOffice.Builder ticket(String number, String category, Instant issued) {
        return new SyntheticOffice.Builder("taipei-1", today, today + "/" + number, number, category, issued);
    }

    private StateSnapshot snapshot(Instant now, SyntheticOffice.Builder a1) {
        return new StateSnapshot(ProtocolVersion.CURRENT, "taipei-1", "台北服務所", "Asia/Taipei", 9, now, today,
                List.of(new StateSnapshot.CategoryView("A", "水費/一般", "Bills & general", false, 3, 12, "A004", "A001"),
                        new StateSnapshot.CategoryView("B", "過戶/停用", "Ownership", false, 0, 0, "B001", "B001")),
                List.of(new StateSnapshot.CounterView(2, "2 號櫃台", List.of("A"), true, new StateSnapshot.TicketView(
                                a1.ticketId(), "A001", "A", TicketState.SERVING, a1.issuedAt(), now.minusSeconds(200))),
                        new StateSnapshot.CounterView(3, "3 號櫃台", List.of("B"), true, null)),
                List.of());
    }

    @AfterAll
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aWaitingTicket_showsPeopleAheadAndTheEstimate_withoutALogin() throws Exception {
        HttpResponse<String> r = get("/t/taipei-1/" + today + "/A003");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).contains("id=\"number\">A003<", "等候中", "id=\"ahead\">1<", "id=\"now-calling\">A001<",
                "http-equiv=\"refresh\"", "台北服務所");
        // 12 min for the 3 waiting, 1 of them ahead: 4 min
        assertThat(r.body()).contains("id=\"estimate\">約 4 分鐘<");
        HttpResponse<String> en = get("/t/taipei-1/" + today + "/A004?lang=en");
        assertThat(en.body()).contains("People ahead of you", "id=\"ahead\">2<", "about 8 min", "lang=\"en\"");
    }

    @Test
    void aTicketAtACounter_saysWhichCounter_fromTheLiveSnapshot() throws Exception {
        HttpResponse<String> r = get("/t/taipei-1/" + today + "/A001?lang=en");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Being served at 2 號櫃台").doesNotContain("id=\"ahead\"");
    }

    @Test
    void aFinishedTicket_saysDone_andStopsRefreshing() throws Exception {
        HttpResponse<String> r = get("/t/taipei-1/" + today + "/B001");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("服務已完成").doesNotContain("http-equiv=\"refresh\"");
    }

    @Test
    void unknownOrMalformedTickets_getAFriendly404() throws Exception {
        for (String path : List.of("/t/taipei-1/" + today + "/A999", "/t/taipei-1/" + today.minusDays(1) + "/A001",
                "/t/nowhere/" + today + "/A001", "/t/taipei-1/2026-13-45/A001", "/t/taipei-1/" + today + "/%3Cscript%3E",
                "/t/Taipei_1/" + today + "/A001")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).contains("找不到這個號碼").doesNotContain("<script>");
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it uses up this minute's allowance
    void oneAddress_isLimitedPerMinute() throws Exception {
        long before = hub.dashboard().web().ticketPageLimited();
        int refused = 0;
        for (int i = 0; i < PER_MINUTE + 5; i++) {
            HttpResponse<String> r = get("/t/taipei-1/" + today + "/A002");
            if (r.statusCode() == 429) {
                refused++;
                assertThat(r.headers().firstValue("Retry-After")).contains("60");
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
            }
        }
        // the other tests of this class used part of this minute's allowance too
        assertThat(refused).isGreaterThanOrEqualTo(5);
        clock.set(clock.instant().plusSeconds(60));
        assertThat(get("/t/taipei-1/" + today + "/A002").statusCode()).as("the next minute").isEqualTo(200);
        assertThat(hub.dashboard().web().ticketPageLimited() - before).isEqualTo(refused);
    }
}
