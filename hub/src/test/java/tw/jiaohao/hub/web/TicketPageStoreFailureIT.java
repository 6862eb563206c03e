package tw.jiaohao.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.auth.AuthService;
import tw.jiaohao.hub.db.HubDatabase;
import tw.jiaohao.hub.live.LiveBoard;
import tw.jiaohao.hub.server.Access;
import tw.jiaohao.hub.server.HubServer;
import tw.jiaohao.hub.server.WebFeature;
import tw.jiaohao.process.Bugs;
import tw.jiaohao.protocol.codec.JsonCodec;

/** The ticket page when the hub's store fails: "try again" with 503, never "unknown ticket". */
class TicketPageStoreFailureIT {
    @TempDir
    Path dir;

    @Test
    void aStoreThatFailsIsAnsweredWith503AndTryAgain_notWithUnknownTicket() throws Exception {
        TicketPage.Tickets failing = (office, id) -> {
            throw new IllegalStateException("database is locked");
        };
        TicketPage.Tickets empty = (office, id) -> Optional.empty();
        AuthService auth = AuthService.open(HubDatabase.open(dir.resolve("hub.db")), Clock.systemUTC(), Duration.ofHours(1), 5,
                Duration.ofMinutes(15));
        TicketPage broken = new TicketPage(failing, new LiveBoard(), Clock.systemUTC(), ZoneId.of("Asia/Taipei"), 100);
        TicketPage unknown = new TicketPage(empty, new LiveBoard(), Clock.systemUTC(), ZoneId.of("Asia/Taipei"), 100);
        WebFeature pages = routes -> {
            routes.get("/t/{office}/{day}/{number}", Access.ANYONE, broken::handle);
            routes.get("/u/{office}/{day}/{number}", Access.ANYONE, unknown::handle);
        };
        HubServer server = new HubServer(auth, new JsonCodec().mapper(), Clock.systemUTC(), (ctx, status, message) -> ctx.status(status),
                List.of(pages)).start("127.0.0.1", 0);
        HttpClient http = HttpClient.newHttpClient();
        long before = Bugs.count("ticket page look-up");
        try {
            HttpResponse<String> failed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/t/taipei-1/2026-12-03/A001?lang=en")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> notFound = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/u/taipei-1/2026-12-03/A001?lang=en")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(failed.statusCode()).isEqualTo(503);
            assertThat(failed.headers().firstValue("Retry-After")).contains("30");
            assertThat(failed.body()).contains("not available right now").doesNotContain("cannot find this ticket")
                    .doesNotContain("database is locked");
            assertThat(notFound.statusCode()).isEqualTo(404);
            assertThat(notFound.body()).contains("cannot find this ticket");
            assertThat(Bugs.count("ticket page look-up")).isEqualTo(before + 1);
        } finally {
            server.close();
        }
    }
}
