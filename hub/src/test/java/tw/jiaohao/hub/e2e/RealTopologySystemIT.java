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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.accounts.AccountImporter;
import tw.jiaohao.hub.accounts.SqliteAccountStore;
import tw.jiaohao.hub.cases.HubKeys;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.link.StartupCheck.Outcome;
import tw.jiaohao.office.selfservice.AccountLookupPort;
import tw.jiaohao.office.selfservice.RequestStore;
import tw.jiaohao.office.selfservice.SelfServiceLink;
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
    private static final String OFFICE = "topo-office";

    @TempDir
    Path dir;
    BridgedOffice topo;

    @AfterEach
    void stop() throws InterruptedException {
        if (topo != null) {
            topo.close();
        }
    }

    @Test
    void eventsRecoveryAndLookUps_crossTheGeneratedTlsBridge_andARestoredDatabaseReusesNoNumber() throws Exception {
        HubKeys.create(dir.resolve("keys"));
        try (SqliteAccountStore accounts = SqliteAccountStore.open(dir.resolve("hub/hub.db"))) {
            new AccountImporter(accounts, Clock.systemUTC(), 100).importFile(extract(dir), AccountImporter.Progress.NONE);
        }
        topo = BridgedOffice.start(dir, OFFICE, Map.of("selfservice.enabled", "true",
                "selfservice.keys-dir", dir.resolve("keys").toString()));
        Path db = dir.resolve("office.db");
        Path backup = dir.resolve("office-backup.db");
        OfficeConfig config = topo.config(db, "");
        BridgedOffice.Ledger ledger = new BridgedOffice.Ledger();
        long seqAtCrash;
        try (OfficeNode node = BridgedOffice.node(config)) {
            assertThat(node.startupCheck().done().get(30, TimeUnit.SECONDS)).as("the hub answered through the bridge")
                    .isEqualTo(Outcome.UP_TO_DATE);
            ledger.work(node.service(), OFFICE, 10);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
                s.executeUpdate("backup to " + backup); // the backup timer's online copy
            }
            ledger.work(node.service(), OFFICE, 8);
            seqAtCrash = node.engine().lastSeq();
            topo.verify("real topology, before the card died", node, ledger);
        }
        long seqInBackup;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backup); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT MAX(seq) FROM events")) {
            seqInBackup = r.getLong(1);
        }
        // the card dies; the backup is copied back by hand (the mark beside the database survived)
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
        Files.copy(backup, db, StandardCopyOption.REPLACE_EXISTING);

        try (OfficeNode node = BridgedOffice.node(config)) {
            long t0 = System.nanoTime();
            assertThat(node.startupCheck().done().get(30, TimeUnit.SECONDS)).as("re-imported through the bridge")
                    .isEqualTo(Outcome.IMPORTED);
            long recoveryMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(node.engine().lastSeq()).isEqualTo(seqAtCrash);
            ledger.work(node.service(), OFFICE, 6);
            BridgedOffice.Counts counts = topo.verify("real topology, after the backup was copied back", node, ledger);

            // account look-ups: the node's self-service link on the office broker, the hub at head office
            // (on the node's own session, as in the kiosk process)
            try (SelfServiceLink link = new SelfServiceLink(node.session(), OFFICE, new RequestStore(node.database()),
                    Duration.ofMinutes(5), Clock.systemUTC()).start()) {
                Poll.until(BridgedOffice.WAIT, "the self-service link connected", link::connected);
                AccountLookupReply ok = replied(link.lookup(ACCOUNT_OK, HOUSE_OK, Duration.ofSeconds(15)));
                assertThat(ok.outcome()).isEqualTo(LookupOutcome.FOUND);
                assertThat(ok.addressMatch()).isTrue();
                assertThat(ok.arrears()).isFalse();
                AccountLookupReply arrears = replied(link.lookup(ACCOUNT_ARREARS, null, Duration.ofSeconds(15)));
                assertThat(arrears.arrears()).isTrue();
            }
            System.out.printf("real topology (office Mosquitto -TLS, MQTT 5 bridge-> head-office Mosquitto -TLS-> hub): backup held seq "
                    + "%d, %d events re-imported at start in %d ms; 2 account look-ups answered through the bridge; %s%n",
                    seqInBackup, seqAtCrash - seqInBackup, recoveryMillis, counts);
        }
    }

    private static AccountLookupReply replied(AccountLookupPort.Answer answer) {
        assertThat(answer).isInstanceOf(AccountLookupPort.Answer.Replied.class);
        return ((AccountLookupPort.Answer.Replied) answer).reply();
    }
}
