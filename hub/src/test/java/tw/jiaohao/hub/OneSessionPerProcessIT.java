package tw.jiaohao.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.office.testing.ConnectedClients;
import tw.jiaohao.office.testing.MosquittoProcess;

/**
 * The hub (ingest, dashboard, self-service, recovery: everything {@code HubMain} starts) holds
 * exactly one connection at the broker, counted by a test-started Mosquitto.
 */
class OneSessionPerProcessIT {
    static final Duration T = Duration.ofSeconds(30);

    @Test
    void theHubHoldsExactlyOneConnectionAtTheBroker(@TempDir Path dir) {
        try (MosquittoProcess mosquitto = MosquittoProcess.counting(dir.resolve("mosquitto"));
             ConnectedClients clients = new ConnectedClients(mosquitto.url(), "count-probe")) {
            clients.awaitOthers(0, T);
            tw.jiaohao.hub.cases.HubKeys.create(dir.resolve("keys"));
            try (Hub hub = Hub.start(HubFixture.config(dir, mosquitto.url(), "one-session-hub", Map.of(
                    "selfservice.enabled", "true", "selfservice.keys-dir", dir.resolve("keys").toString())), java.time.Clock.systemUTC())) {
                assertThat(hub.selfService()).as("self-service is part of this hub").isNotNull();
                tw.jiaohao.office.testing.Await.until("connected", T, hub::connected);
                clients.awaitOthers(1, T);
                assertThat(hub.session().metrics().connects()).isEqualTo(1);
            }
            clients.awaitOthers(0, T);
        }
    }
}
