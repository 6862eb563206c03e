package tw.jiaohao.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static tw.jiaohao.hub.testing.PersonalTestData.ACCOUNT_ARREARS;
import static tw.jiaohao.hub.testing.PersonalTestData.ACCOUNT_OK;
import static tw.jiaohao.hub.testing.PersonalTestData.HOUSE_OK;
import static tw.jiaohao.hub.testing.PersonalTestData.extract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.HubConfig;
import tw.jiaohao.hub.accounts.AccountImporter;
import tw.jiaohao.hub.accounts.SqliteAccountStore;
import tw.jiaohao.hub.cases.HubKeys;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.office.install.GeneratedTopology;
import tw.jiaohao.office.install.MosquittoFiles;
import tw.jiaohao.messaging.Backoff;
import tw.jiaohao.office.link.StartupCheck.Outcome;
import tw.jiaohao.office.selfservice.AccountLookupPort;
import tw.jiaohao.office.selfservice.RequestStore;
import tw.jiaohao.office.selfservice.SelfServiceLink;
import tw.jiaohao.office.ticketing.IssuedTicket;
import tw.jiaohao.office.ticketing.OfficeService;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.selfservice.AccountLookupReply;
import tw.jiaohao.protocol.selfservice.LookupOutcome;

/**
 * The real topology, as installed: office Mosquitto from the files {@code mosquitto-config}
 * generates (one login per device, ACL, TLS bridge speaking MQTT 5) bridged to a head-office
 * Mosquitto from its generated files; the hub connected to the head-office broker over TLS with
 * its generated login (trusting the CA through {@code javax.net.ssl.trustStore}, as
 * docs/INSTALL.md sets it up); the office node on the office broker with its generated login.
 * Events reach the hub; a restored office database catches up through the bridge at start
 * (issue 18, item 1: with an MQTT 3.1.1 bridge the response topic was stripped and the node
 * re-issued numbers); an account look-up keeps its response topic and correlation data both ways.
 */
@Tag("system")
class RealTopologySystemIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String OFFICE = "topo-office";
    private static final String OFFICE_PROPS = "counters=1,2\ncounter.1.serves=A,B\ncounter.2.serves=A\n";
    private static final JsonCodec CODEC = new JsonCodec();
    private static final List<String> TLS_PROPERTIES = List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
            "javax.net.ssl.trustStoreType");

    @TempDir
    Path dir;
    GeneratedTopology topology;
    private final Map<String, String> savedTls = new HashMap<>();

    @BeforeEach
    void topology() throws Exception {
        topology = GeneratedTopology.start(dir.resolve("brokers"), OFFICE, OFFICE_PROPS, "topo-other");
        // the hub's Paho clients read the trust store from these, as with -Djavax.net.ssl.trustStore in jiaohao.env
        TLS_PROPERTIES.forEach(k -> savedTls.put(k, System.getProperty(k)));
        System.setProperty("javax.net.ssl.trustStore", topology.trustStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", GeneratedTopology.TRUST_STORE_PASSWORD);
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    }

    @AfterEach
    void stop() throws InterruptedException {
        savedTls.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void eventsRecoveryAndLookUps_crossTheGeneratedTlsBridge_andARestoredDatabaseReusesNoNumber() throws Exception {
        HubKeys.create(dir.resolve("keys"));
        try (SqliteAccountStore accounts = SqliteAccountStore.open(dir.resolve("hub/hub.db"))) {
            new AccountImporter(accounts, Clock.systemUTC(), 100).importFile(extract(dir), AccountImporter.Progress.NONE);
        }
        HubConfig hubConfig = HubFixture.config(dir.resolve("hub"), topology.centralUrl(), "hub-topo", Map.of(
                "mqtt.username", MosquittoFiles.HUB_LOGIN,
                "mqtt.password", topology.centralCredentials.getProperty(MosquittoFiles.HUB_LOGIN),
                "selfservice.enabled", "true",
                "selfservice.keys-dir", dir.resolve("keys").toString()));
        Path db = dir.resolve("office.db");
        Path backup = dir.resolve("office-backup.db");
        OfficeConfig config = officeConfig(db);
        List<String> numbers = new ArrayList<>();
        try (Hub hub = Hub.start(hubConfig, Clock.systemUTC())) {
            long seqAtCrash;
            try (OfficeNode node = start(config)) {
                assertThat(node.startupCheck().done().get(30, TimeUnit.SECONDS)).as("the hub answered through the bridge")
                        .isEqualTo(Outcome.UP_TO_DATE);
                work(node.service(), numbers, 10);
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
                    s.executeUpdate("backup to " + backup); // the backup timer's online copy
                }
                work(node.service(), numbers, 8);
                seqAtCrash = node.engine().lastSeq();
                Poll.until(WAIT, "the hub holds every event", () -> HubFixture.contiguous(hub, OFFICE) == seqAtCrash);
            }
            long seqInBackup;
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backup); Statement s = c.createStatement();
                 var r = s.executeQuery("SELECT MAX(seq) FROM events")) {
                seqInBackup = r.getLong(1);
            }
            // the card dies; the backup is restored
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(db + suffix));
            }
            Files.copy(backup, db, StandardCopyOption.REPLACE_EXISTING);

            try (OfficeNode node = start(config)) {
                long t0 = System.nanoTime();
                assertThat(node.startupCheck().done().get(30, TimeUnit.SECONDS)).as("re-imported through the bridge")
                        .isEqualTo(Outcome.IMPORTED);
                long recoveryMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertThat(node.engine().lastSeq()).isEqualTo(seqAtCrash);
                work(node.service(), numbers, 6);
                assertThat(new HashSet<>(numbers)).as("no ticket number issued twice: " + numbers).hasSameSizeAs(numbers);
                long last = node.engine().lastSeq();
                Poll.until(WAIT, "the hub holds the new events", () -> HubFixture.contiguous(hub, OFFICE) == last);
                List<OfficeEvent> officeEvents = node.engine().range(1, last, Integer.MAX_VALUE).stream()
                        .map(e -> CODEC.decodeOrThrow(e.payload(), OfficeEvent.class)).toList();
                assertThat(officeEvents).extracting(OfficeEvent::seq).as("seqs gap-free, none reused").doesNotHaveDuplicates()
                        .hasSize((int) last);
                assertThat(hub.store().events(OFFICE, 1, Integer.MAX_VALUE)).as("the office and the hub hold the same history")
                        .containsExactlyElementsOf(officeEvents);

                // account look-ups: the node's self-service link on the office broker, the hub at head office
                try (SelfServiceLink link = new SelfServiceLink(node.session(), OFFICE,
                        new RequestStore(node.database()), Duration.ofMinutes(5), Clock.systemUTC()).start()) {
                    Poll.until(WAIT, "the self-service link connected", link::connected);
                    AccountLookupReply ok = replied(link.lookup(ACCOUNT_OK, HOUSE_OK, Duration.ofSeconds(15)));
                    assertThat(ok.outcome()).isEqualTo(LookupOutcome.FOUND);
                    assertThat(ok.addressMatch()).isTrue();
                    assertThat(ok.arrears()).isFalse();
                    AccountLookupReply arrears = replied(link.lookup(ACCOUNT_ARREARS, null, Duration.ofSeconds(15)));
                    assertThat(arrears.arrears()).isTrue();
                }
                System.out.printf("real topology (office Mosquitto -TLS, MQTT 5 bridge-> head-office Mosquitto -TLS-> hub):"
                        + " %d events at the hub = %d at the office; backup held seq %d, %d events re-imported at start in %d ms;"
                        + " %d ticket numbers issued, %d distinct; 2 account look-ups answered through the bridge%n",
                        hub.store().events(OFFICE, 1, Integer.MAX_VALUE).size(), officeEvents.size(), seqInBackup,
                        seqAtCrash - seqInBackup, recoveryMillis, numbers.size(), new HashSet<>(numbers).size());
            }
        }
    }

    private static AccountLookupReply replied(AccountLookupPort.Answer answer) {
        assertThat(answer).isInstanceOf(AccountLookupPort.Answer.Replied.class);
        return ((AccountLookupPort.Answer.Replied) answer).reply();
    }

    /** The office's configuration with the node's generated login on the office broker. */
    private OfficeConfig officeConfig(Path db) {
        Properties p = new Properties();
        p.setProperty("office.id", OFFICE);
        OFFICE_PROPS.lines().forEach(l -> p.setProperty(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        p.setProperty("mqtt.url", topology.officeUrl());
        p.setProperty("mqtt.username", OFFICE + "-node");
        p.setProperty("mqtt.password", topology.officeCredentials.getProperty(OFFICE + "-node"));
        p.setProperty("database.path", db.toString());
        return OfficeConfigLoader.fromProperties(p);
    }

    private static OfficeNode start(OfficeConfig config) {
        return OfficeNode.start(config, Clock.systemUTC(), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
    }

    /** Issues {@code n} tickets; every other one is called and served at counter 1. */
    private static void work(OfficeService office, List<String> numbers, int n) {
        office.execute(OFFICE, 1, CommandAction.OPEN);
        for (int i = 0; i < n; i++) {
            IssuedTicket t = office.issue(i % 3 == 0 ? "B" : "A");
            numbers.add(t.ticketId());
            if (i % 2 == 0 && office.execute(OFFICE, 1, CommandAction.CALL_NEXT).ok()) {
                office.execute(OFFICE, 1, CommandAction.START);
                office.execute(OFFICE, 1, CommandAction.FINISH);
            }
        }
    }
}
