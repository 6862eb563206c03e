package tw.jiaohao.office;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hardware.HardwareFactory;
import tw.jiaohao.hardware.config.HardwareConfig;
import tw.jiaohao.messaging.Backoff;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.kiosk.MqttKioskLink;
import tw.jiaohao.office.selfservice.SelfServiceNode;
import tw.jiaohao.office.selfservice.SelfServiceSettings;
import tw.jiaohao.office.testing.Await;
import tw.jiaohao.office.testing.ConnectedClients;
import tw.jiaohao.office.testing.MosquittoProcess;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.selfservice.PersonalDataSeal;

/**
 * The kiosk process (office node, kiosk device, self-service: everything {@code KioskMain}
 * wires) holds exactly one connection at the broker, counted by a test-started Mosquitto.
 */
class OneSessionPerProcessIT {
    static final Duration T = Duration.ofSeconds(30);

    @Test
    void theKioskProcessHoldsExactlyOneConnectionAtTheBroker(@TempDir Path dir) throws Exception {
        try (MosquittoProcess mosquitto = MosquittoProcess.counting(dir.resolve("mosquitto"));
             ConnectedClients clients = new ConnectedClients(mosquitto.url(), "count-probe")) {
            clients.awaitOthers(0, T);
            OfficeConfig config = TestOffice.defaultConfig(dir).withBrokerUrl(mosquitto.url());
            KeyPair hubKey = PersonalDataSeal.generateKeyPair();
            Path pem = Files.writeString(dir.resolve("hub.pub.pem"), PersonalDataSeal.toPem(hubKey.getPublic()));
            Properties p = new Properties();
            p.setProperty("selfservice.hub-public-key", pem.toString());
            Properties hw = new Properties();
            hw.setProperty("hardware", "simulated");
            hw.setProperty("printer.simulated.output-dir", dir.resolve("paper").toString());
            try (HardwareFactory hardware = new HardwareFactory(HardwareConfig.from(hw));
                 OfficeNode node = OfficeNode.start(config, Clock.systemUTC(), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
                 MqttKioskLink kiosk = new MqttKioskLink(node.session(), config.officeId(), "kiosk-1");
                 SelfServiceNode selfService = SelfServiceNode.start(config, SelfServiceSettings.from(p), node.database(), node.service(),
                         hardware.printer(), Clock.systemUTC(), node.session());
                 tw.jiaohao.office.testing.TestClient watcher = new tw.jiaohao.office.testing.TestClient(mosquitto.url(), "status-watch", false)
                         .subscribe(Topics.deviceStatus(config.officeId(), "kiosk-1"))) {
                kiosk.start();
                Await.until("every feature connected", T, () -> node.link().isConnected() && kiosk.isConnected()
                        && selfService.link().connected());
                Await.until("the kiosk's own status published", T, () -> watcher.poll(Duration.ofMillis(100)) != null);
                clients.awaitOthers(2, T); // the process and the status watcher
                assertThat(node.session().metrics().connects()).isEqualTo(1);
            }
            clients.awaitOthers(0, T);
        }
    }
}
