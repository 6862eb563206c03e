package tw.jiaohao.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.auth.AuthService;
import tw.jiaohao.hub.db.HubDatabase;
import tw.jiaohao.hub.testing.LogCapture;
import tw.jiaohao.protocol.codec.JsonCodec;

/** The server part on its own: a feature's bug answers 500 without internals and logs its stack trace once a minute, not per request. */
class HubServerIT {
    @TempDir
    Path dir;

    @Test
    void aRouteThatFailsOnEveryRequest_answers500_andLogsItsStackTraceOnce() throws Exception {
        AuthService auth = AuthService.open(HubDatabase.open(dir.resolve("hub.db")), Clock.systemUTC(), Duration.ofHours(1), 5,
                Duration.ofMinutes(15));
        WebFeature broken = routes -> routes.get("/broken", Access.ANYONE, ctx -> {
            throw new IllegalStateException("a bug");
        });
        HubServer server = new HubServer(auth, new JsonCodec().mapper(), Clock.systemUTC(), (ctx, status, message) -> ctx.status(status),
                List.of(broken)).start("127.0.0.1", 0);
        HttpClient http = HttpClient.newHttpClient();
        try (LogCapture log = new LogCapture(HubServer.class)) {
            for (int i = 0; i < 50; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/broken")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(500);
                assertThat(r.body()).doesNotContain("a bug").doesNotContain("IllegalStateException");
            }
            assertThat(log.events()).filteredOn(e -> e.getLevel() == Level.ERROR).singleElement()
                    .satisfies(e -> assertThat(e.getThrowableProxy()).isNotNull());
            assertThat(server.refused("bug")).isEqualTo(50);
        } finally {
            server.close();
        }
    }
}
