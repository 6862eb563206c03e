package tw.jiaohao.hub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.alerts.Alert;
import tw.jiaohao.hub.alerts.AlertKind;
import tw.jiaohao.hub.broker.EmbeddedBroker;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.messaging.Backoff;
import tw.jiaohao.office.link.MqttLink;

/**
 * Head office is told when an office node's hardware fails: the node's status detail reaches
 * {@code /api/offices}, and each fault an operator must act on raises one OFFICE_NODE_FAULT alert.
 */
class OfficeNodeFaultsVisibleIT {
    private static final String OFFICE = "faults-visible";
    @TempDir
    Path dir;

    @Test
    void aNodeLowOnDisk_showsItsDetailInApiOffices_andRaisesOneOfficeNodeFaultAlert() throws Exception {
        try (EmbeddedBroker broker = new EmbeddedBroker(dir.resolve("broker")).start(0);
             Hub hub = HubFixture.start(dir.resolve("hub"), broker.url(), "hub-faults-visible")) {
            Properties p = new Properties();
            p.setProperty("storage.low-mb", "1000000"); // more than any test disk has free: "low" at once
            OfficeConfig config = OfficeConfigLoader.fromProperties(p).withOffice(OFFICE, dir.resolve("office.db"))
                    .withBrokerUrl(broker.url());
            try (OfficeNode node = OfficeNode.start(config, Clock.systemUTC(), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)))) {
                node.service().issue("A"); // the free space is looked at before every ticket
                HttpClient http = HttpClient.newHttpClient();
                String[] body = new String[1];
                Poll.until(Duration.ofSeconds(30), "the node's detail in /api/offices", () -> {
                    try {
                        body[0] = http.send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + "/api/offices")).build(),
                                HttpResponse.BodyHandlers.ofString()).body();
                    } catch (java.io.IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return body[0].contains("disk-low: ");
                });
                Poll.until(Duration.ofSeconds(30), "an office-node fault alert", () -> !faults(hub).isEmpty());
                List<Alert> faults = faults(hub);
                System.out.printf("operator told: /api/offices %s; alerts %s%n", body[0], faults.stream().map(Alert::detail).toList());
                assertThat(faults).hasSize(1);
                assertThat(faults.get(0).detail()).startsWith("disk-low: ").contains("MB free");
                assertThat(faults.get(0).device()).isEqualTo("office-node");
            }
        }
    }

    @Test
    void aNodeThatCannotOpenItsDamagedDatabase_isShownOfflineWithTheDamage_andRaisesAnOfficeNodeFaultAlert() throws Exception {
        Path db = dir.resolve("damaged.db");
        java.nio.file.Files.writeString(db, "x".repeat(5000));
        try (EmbeddedBroker broker = new EmbeddedBroker(dir.resolve("broker")).start(0);
             Hub hub = HubFixture.start(dir.resolve("hub"), broker.url(), "hub-faults-damaged")) {
            OfficeConfig config = OfficeConfigLoader.defaults().withOffice(OFFICE, db).withBrokerUrl(broker.url());
            String detail = null;
            try {
                OfficeNode.start(config, Clock.systemUTC(), Backoff.DEFAULT).close();
            } catch (tw.jiaohao.office.ticketing.DamagedDatabaseException e) {
                detail = e.statusDetail();
            }
            assertThat(detail).as("the damaged file is refused").isNotNull();
            // what bin/jiaohao office-node and kiosk do with it before they exit
            assertThat(MqttLink.reportCannotStart(config, Clock.systemUTC(), detail)).isTrue();
            Poll.until(Duration.ofSeconds(30), "a database-damaged alert", () -> !faults(hub).isEmpty());
            assertThat(faults(hub).get(0).detail()).startsWith("database-damaged: ").contains("jiaohao-restore");
            // the offline alert comes from the same status through its own path: waited for, not raced
            Poll.until(Duration.ofSeconds(30), "a device-offline alert", () -> hub.dashboard().alerts().list(null, true, 100).stream()
                    .anyMatch(x -> x.kind() == AlertKind.DEVICE_OFFLINE));
        }
    }

    private static List<Alert> faults(Hub hub) {
        return hub.dashboard().alerts().list(null, true, 100).stream().filter(a -> a.kind() == AlertKind.OFFICE_NODE_FAULT).toList();
    }
}
