package tw.jiaohao.office.install;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.protocol.Topics;

/**
 * The files {@code mosquitto-config} generates, loaded by real Mosquitto processes: a head-office
 * broker with a TLS listener (certificates made with openssl for this run) and office A's broker
 * bridged to it, laid out as on Debian (a main file with {@code persistence_location} that
 * includes the generated {@code jiaohao.conf}). Office B exists only at head office.
 *
 * <p>"Cannot publish" is shown twice: Mosquitto answers the QoS 1 PUBLISH with reason 0x87 (not
 * authorized), and a spy allowed to read everything never receives the message although it does
 * receive an allowed message the same client published right after it (Mosquitto forwards one
 * client's messages in order, so the refused one would have arrived first).
 */
@Tag("system")
class MosquittoAclIT {
    private static final int NOT_AUTHORIZED = 0x87;
    private static final int BAD_LOGIN = 0x86;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static MosquittoProcess central;
    static MosquittoProcess officeA;
    static Properties officeCredentials;
    static Properties centralCredentials;
    static Properties officeBCredentials;
    static String spyPassword;
    static SSLSocketFactory tls;
    static final AtomicInteger clientIds = new AtomicInteger();
    private final List<MqttAsyncClient> clients = new java.util.ArrayList<>();

    @BeforeAll
    static void startBrokers() throws Exception {
        assumeTrue(Files.isExecutable(MosquittoProcess.BINARY), "Mosquitto is not installed at " + MosquittoProcess.BINARY
                + "; apt-get install mosquitto to run this system test");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is needed to make this test's certificates");
        Path tlsDir = Files.createDirectories(dir.resolve("tls"));
        makeCertificates(tlsDir);
        tls = trusting(tlsDir.resolve("ca.crt"));

        int centralPort = MosquittoProcess.freePort();
        Path centralGen = dir.resolve("central-gen");
        SecureRandom random = new SecureRandom();
        MosquittoConfigMain.run(new String[] {"--central-broker", "--out", centralGen.toString(),
                "--listen-port", String.valueOf(centralPort), "--files-dir", centralGen.toString(),
                "--cafile", tlsDir.resolve("ca.crt").toString(), "--certfile", tlsDir.resolve("broker.crt").toString(),
                "--keyfile", tlsDir.resolve("broker.key").toString()}, random);

        int officePort = MosquittoProcess.freePort();
        Path officeGen = dir.resolve("office-a-gen");
        Path officeBGen = dir.resolve("office-b-gen");
        for (String office : List.of("office-a", "office-b")) {
            Path props = dir.resolve(office + ".properties");
            Files.writeString(props, "office.id=" + office + "\n");
            MosquittoConfigMain.run(new String[] {"--config", props.toString(),
                    "--out", (office.equals("office-a") ? officeGen : officeBGen).toString(),
                    "--central", "localhost:" + centralPort, "--central-cafile", tlsDir.resolve("ca.crt").toString(),
                    "--listen-port", String.valueOf(officePort), "--files-dir", (office.equals("office-a") ? officeGen : officeBGen).toString()}, random);
        }
        // head office: the hub's files with each office's block appended, as docs/INSTALL.md says
        Files.writeString(centralGen.resolve("passwd"), Files.readString(centralGen.resolve("hub.passwd"))
                + Files.readString(officeGen.resolve("central/office-a.passwd")) + Files.readString(officeBGen.resolve("central/office-b.passwd")));
        Files.writeString(centralGen.resolve("acl"), Files.readString(centralGen.resolve("hub.acl"))
                + Files.readString(officeGen.resolve("central/office-a.acl")) + Files.readString(officeBGen.resolve("central/office-b.acl")));

        // a test-only login on office A's broker that may read everything
        spyPassword = new MosquittoPasswords(random).newPassword();
        Files.writeString(officeGen.resolve("passwd"), new MosquittoPasswords(random).line("test-spy", spyPassword) + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(officeGen.resolve("acl"), "\nuser test-spy\ntopic read jiaohao/v1/#\n", java.nio.file.StandardOpenOption.APPEND);

        officeCredentials = load(officeGen.resolve(MosquittoConfigMain.CREDENTIALS));
        officeBCredentials = load(officeBGen.resolve(MosquittoConfigMain.CREDENTIALS));
        centralCredentials = load(centralGen.resolve(MosquittoConfigMain.CREDENTIALS));

        central = MosquittoProcess.start(mainConf("central", centralGen), centralPort, dir.resolve("central.log"));
        officeA = MosquittoProcess.start(mainConf("office-a", officeGen), officePort, dir.resolve("office-a.log"));
        awaitBridge();
    }

    /** The bridge is up once a message the hub publishes at head office reaches office A's broker. */
    private static void awaitBridge() throws Exception {
        MosquittoAclIT setup = new MosquittoAclIT();
        try {
            Received office = setup.received(setup.connect(officeUrl(), "test-spy", spyPassword, null), Topics.notice(Topics.ALL_OFFICES));
            MqttAsyncClient hub = setup.hub();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                assertThat(publish(hub, Topics.notice(Topics.ALL_OFFICES), "probe")).isZero();
                if (office.messages.poll(200, TimeUnit.MILLISECONDS) != null) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("office A's bridge did not connect to head office:\n" + officeA.log());
                }
            }
        } finally {
            setup.disconnect();
        }
    }

    @AfterAll
    static void stopBrokers() throws InterruptedException {
        if (officeA != null) {
            officeA.close();
        }
        if (central != null) {
            central.close();
        }
    }

    @AfterEach
    void disconnect() {
        for (MqttAsyncClient c : clients) {
            try {
                c.disconnect().waitForCompletion(2000);
                c.close();
            } catch (MqttException e) {
                // already gone
            }
        }
    }

    @Test
    void anonymousAndWrongPasswordConnections_areRefused() {
        assertThatThrownBy(() -> connect(officeUrl(), null, null, null))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isIn(NOT_AUTHORIZED, BAD_LOGIN));
        assertThatThrownBy(() -> connect(officeUrl(), "office-a-node", "not-the-password", null))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isIn(NOT_AUTHORIZED, BAD_LOGIN));
        assertThatThrownBy(() -> connect(centralUrl(), null, null, tls))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isIn(NOT_AUTHORIZED, BAD_LOGIN));
        // a login of office A's broker is no login at head office
        assertThatThrownBy(() -> connect(centralUrl(), "office-a-node", officeCredentials.getProperty("office-a-node"), tls))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isIn(NOT_AUTHORIZED, BAD_LOGIN));
    }

    @Test
    void counterUnit_publishesItsCommand_butNotAnEventNorAnotherCountersCommand() throws Exception {
        Received spy = spy();
        MqttAsyncClient counter = officeDevice("office-a-counter-1");
        assertThat(publish(counter, Topics.event("office-a"), "forged event")).isEqualTo(NOT_AUTHORIZED);
        assertThat(publish(counter, Topics.counterCommand("office-a", 2), "counter 2's command")).isEqualTo(NOT_AUTHORIZED);
        assertThat(publish(counter, Topics.counterCommand("office-a", 1), "own command")).isZero();

        assertThat(spy.next()).isEqualTo(Topics.counterCommand("office-a", 1) + " own command");
        assertThat(spy.none()).isTrue();
    }

    @Test
    void counterUnit_readsTheRepliesToItselfOnly() throws Exception {
        MqttAsyncClient node = officeDevice("office-a-node");
        Received counter1 = received(officeDevice("office-a-counter-1"), Topics.ROOT + "/reply/#");
        assertThat(publish(node, Topics.replyTo("office-a-counter-2", "command"), "for counter 2")).isZero();
        assertThat(publish(node, Topics.replyTo("office-a-counter-1", "command"), "for counter 1")).isZero();
        assertThat(counter1.next()).isEqualTo(Topics.replyTo("office-a-counter-1", "command") + " for counter 1");
        assertThat(counter1.none()).isTrue();
    }

    @Test
    void wallBoard_publishesItsStatus_butNotTheStateNorACommand() throws Exception {
        Received spy = spy();
        MqttAsyncClient board = officeDevice("office-a-board-1");
        assertThat(publish(board, Topics.state("office-a"), "forged state")).isEqualTo(NOT_AUTHORIZED);
        assertThat(publish(board, Topics.counterCommand("office-a", 1), "forged command")).isEqualTo(NOT_AUTHORIZED);
        assertThat(publish(board, Topics.deviceStatus("office-a", "office-a-board-1"), "online")).isZero();

        assertThat(spy.next()).isEqualTo(Topics.deviceStatus("office-a", "office-a-board-1") + " online");
        assertThat(spy.none()).isTrue();
    }

    @Test
    void officeNode_cannotPublishUnderAnotherOffice() throws Exception {
        Received spy = spy();
        MqttAsyncClient node = officeDevice("office-a-node");
        assertThat(publish(node, Topics.event("office-b"), "forged")).isEqualTo(NOT_AUTHORIZED);
        assertThat(publish(node, Topics.state("office-b"), "forged")).isEqualTo(NOT_AUTHORIZED);
        assertThat(publish(node, Topics.event("office-a"), "own event")).isZero();

        assertThat(spy.next()).isEqualTo(Topics.event("office-a") + " own event");
        assertThat(spy.none()).isTrue();
    }

    @Test
    void officeNodesEvents_reachTheHubThroughTheTlsBridge() throws Exception {
        Received hub = received(hub(), Topics.allOfficeEvents());
        MqttAsyncClient node = officeDevice("office-a-node");
        assertThat(publish(node, Topics.event("office-a"), "event 1")).isZero();
        assertThat(publish(node, Topics.event("office-a"), "event 2")).isZero();

        assertThat(hub.next()).isEqualTo(Topics.event("office-a") + " event 1");
        assertThat(hub.next()).isEqualTo(Topics.event("office-a") + " event 2");
    }

    @Test
    void hubsReplayRequestsAndNotices_reachOnlyTheirOffice() throws Exception {
        Received node = received(officeDevice("office-a-node"), Topics.replay("office-a"), Topics.ROOT + "/hub/notice/+");
        MqttAsyncClient hub = hub();
        assertThat(publish(hub, Topics.notice("office-b"), "for B")).isZero();
        assertThat(publish(hub, Topics.replay("office-b"), "replay B")).isZero();
        assertThat(publish(hub, Topics.replay("office-a"), "replay A")).isZero();
        assertThat(publish(hub, Topics.notice("office-a"), "for A")).isZero();

        assertThat(node.next()).isEqualTo(Topics.replay("office-a") + " replay A");
        assertThat(node.next()).isEqualTo(Topics.notice("office-a") + " for A");
        assertThat(node.none()).isTrue();
    }

    @Test
    void officeBridgeLogin_cannotPublishUnderAnotherOffice_atHeadOffice() throws Exception {
        Received hub = received(hub(), Topics.allOfficeEvents());
        // another client id than the bridge's own, which would take over its session
        MqttAsyncClient bridge = connect(centralUrl(), "office-a-bridge", officeCredentials.getProperty("office-a-bridge"), tls);
        assertThat(publish(bridge, Topics.event("office-b"), "forged")).isEqualTo(NOT_AUTHORIZED);
        assertThat(publish(bridge, Topics.event("office-a"), "own")).isZero();

        assertThat(hub.next()).isEqualTo(Topics.event("office-a") + " own");
        assertThat(hub.none()).isTrue();
        assertThat(officeBCredentials.getProperty("office-b-bridge")).isNotEqualTo(officeCredentials.getProperty("office-a-bridge"));
    }

    // ---- fixtures

    private static void makeCertificates(Path tlsDir) throws IOException, InterruptedException {
        openssl(tlsDir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                "-subj", "/CN=jiaohao-test-ca");
        openssl(tlsDir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "broker.key", "-out", "broker.csr", "-subj", "/CN=localhost");
        Files.writeString(tlsDir.resolve("ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        openssl(tlsDir, "x509", "-req", "-in", "broker.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "broker.crt", "-days", "2", "-extfile", "ext");
    }

    private static void openssl(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + out);
        }
    }

    private static SSLSocketFactory trusting(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("jiaohao-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLSv1.2");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx.getSocketFactory();
    }

    /** A Debian-like main file: persistence folder, then the generated files' folder included. */
    private static Path mainConf(String name, Path generated) throws IOException {
        Path data = Files.createDirectories(dir.resolve(name + "-data"));
        // the JUnit temp folder is private to this user, so Mosquitto keeps this user instead of dropping to 'mosquitto'
        return Files.writeString(dir.resolve(name + "-main.conf"), "user " + System.getProperty("user.name") + "\n"
                + "persistence_location " + data + "/\n"
                + "include_dir " + generated + "\n");
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }

    private static String officeUrl() {
        return "tcp://127.0.0.1:" + officeA.port;
    }

    private static String centralUrl() {
        return "ssl://localhost:" + central.port;
    }

    private MqttAsyncClient officeDevice(String login) throws MqttException {
        return connect(officeUrl(), login, officeCredentials.getProperty(login), null);
    }

    private MqttAsyncClient hub() throws MqttException {
        return connect(centralUrl(), MosquittoFiles.HUB_LOGIN, centralCredentials.getProperty(MosquittoFiles.HUB_LOGIN), tls);
    }

    private Received spy() throws MqttException {
        return received(connect(officeUrl(), "test-spy", spyPassword, null), Topics.ROOT + "/#");
    }

    private MqttAsyncClient connect(String url, String user, String password, SSLSocketFactory socketFactory) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(url, "acl-test-" + clientIds.incrementAndGet(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.getBytes(UTF_8));
        }
        if (socketFactory != null) {
            o.setSocketFactory(socketFactory);
        }
        try {
            c.connect(o).waitForCompletion(10_000);
        } catch (MqttException e) {
            c.close(true);
            throw e;
        }
        clients.add(c);
        return c;
    }

    /**
     * Publishes at QoS 1 and returns the PUBACK's reason code, with every success code (below
     * 0x80, e.g. 0x10 "no matching subscribers") reported as 0.
     */
    private static int publish(MqttAsyncClient c, String topic, String payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload.getBytes(UTF_8));
        m.setQos(1);
        IMqttToken token = c.publish(topic, m);
        try {
            token.waitForCompletion(10_000);
        } catch (MqttException e) {
            if (e.getReasonCode() >= 0x80 && e.getReasonCode() <= 0xA2) {
                return e.getReasonCode();
            }
            throw e;
        }
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 || codes[0] < 0x80 ? 0 : codes[0];
    }

    private Received received(MqttAsyncClient c, String... filters) throws MqttException {
        Received r = new Received();
        c.setCallback(r);
        int[] qos = new int[filters.length];
        java.util.Arrays.fill(qos, 1);
        c.subscribe(filters, qos).waitForCompletion(10_000);
        return r;
    }

    /** Messages one client received, as "topic payload". */
    private static final class Received implements MqttCallback {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

        String next() throws InterruptedException {
            String m = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(m).as("a message within " + WAIT).isNotNull();
            return m;
        }

        /** True if nothing else has arrived (call after the sentinel was received). */
        boolean none() {
            return messages.isEmpty();
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            messages.add(topic + " " + new String(message.getPayload(), UTF_8));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
