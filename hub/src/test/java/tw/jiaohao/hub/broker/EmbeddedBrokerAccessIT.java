package tw.jiaohao.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tw.jiaohao.office.install.AclProbe.NOT_AUTHORIZED;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.HubConfig;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.office.install.AclProbe;
import tw.jiaohao.office.install.MosquittoConfigMain;
import tw.jiaohao.messaging.Backoff;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.access.TopicRights;
import tw.jiaohao.protocol.counter.CommandAction;

/**
 * The hub's embedded broker with the logins {@code bin/jiaohao mosquitto-config} generated for
 * two offices (A's devices connect straight to it; B also has a bridge login): the same logins
 * and topic rights as the generated Mosquitto ACL, attacked from this machine's loopback — the
 * place the outside review attacked from.
 */
class EmbeddedBrokerAccessIT {
    @TempDir
    static Path dir;
    static EmbeddedBroker broker;
    static Path logins;
    static Properties a;
    static Properties b;

    @BeforeAll
    static void start() throws IOException {
        logins = Files.createDirectories(dir.resolve("logins"));
        a = generate("office-a", "--no-bridge");
        b = generate("office-b", "--central", "localhost:8883");
        broker = new EmbeddedBroker(dir.resolve("broker"), "127.0.0.1", 1000, BrokerLogins.fromFiles(logins)).start(0);
    }

    /** Runs mosquitto-config for one office (counters 1 and 2, one board, one kiosk) and installs its .logins file. */
    private static Properties generate(String office, String... link) throws IOException {
        Path props = Files.writeString(dir.resolve(office + ".properties"), "office.id=" + office + "\ncounters=1,2\n"
                + "counter.1.serves=A\ncounter.2.serves=A\n");
        Path out = dir.resolve(office + "-gen");
        String[] base = {"--config", props.toString(), "--out", out.toString(), "--kiosks", "1"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(link)).toArray(String[]::new);
        MosquittoConfigMain.run(args, new SecureRandom());
        Files.copy(out.resolve("embedded/" + office + ".logins"), logins.resolve(office + ".logins"));
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(out.resolve("credentials.properties"))) {
            p.load(r);
        }
        return p;
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static AclProbe device(String login) throws Exception {
        Properties creds = login.startsWith("office-a") ? a : b;
        return AclProbe.connect(broker.url(), login, creds.getProperty(login), null);
    }

    /** Publishes once as {@code login} on a fresh connection and returns the PUBACK's reason code. */
    private static int publishAs(String login, String topic) throws Exception {
        try (AclProbe p = device(login)) {
            return p.publish(topic, "as " + login);
        }
    }

    private static AclProbe hub() throws Exception {
        return AclProbe.connect(broker.url(), broker.hubUsername(), broker.hubPassword(), null);
    }

    @Test
    void anonymousAndWrongPasswordClients_areRefused_evenFromThisMachine() {
        long before = broker.refusedConnections();
        assertThat(AclProbe.connectCode(broker.url(), null, null, null)).isEqualTo(NOT_AUTHORIZED);
        assertThat(AclProbe.connectCode(broker.url(), "office-a-node", "not-the-password", null)).isEqualTo(AclProbe.BAD_LOGIN);
        assertThat(AclProbe.connectCode(broker.url(), "office-z-node", "whatever", null)).isEqualTo(AclProbe.BAD_LOGIN);
        assertThat(AclProbe.connectCode(broker.url(), broker.hubUsername(), "guessed", null)).isEqualTo(AclProbe.BAD_LOGIN);
        assertThat(AclProbe.connectCode(broker.url(), "office-a-node", a.getProperty("office-a-node"), null)).isZero();
        assertThat(broker.refusedConnections() - before).isEqualTo(4);
    }

    @Test
    void anOfficesLogin_cannotPublishAnotherOfficesEvents_norReadAnotherOfficesTopics() throws Exception {
        try (AclProbe spy = hub(); AclProbe node = device("office-a-node")) {
            assertThat(spy.subscribe(Topics.allOfficeEvents())).isLessThan(0x80);
            assertThat(spy.subscribe(Topics.ROOT + "/office/+/state")).isLessThan(0x80);
            assertThat(publishAs("office-a-node", Topics.event("office-b"))).isEqualTo(NOT_AUTHORIZED);
            assertThat(publishAs("office-a-node", Topics.state("office-b"))).isEqualTo(NOT_AUTHORIZED);
            assertThat(publishAs("office-b-bridge", Topics.event("office-a"))).isEqualTo(NOT_AUTHORIZED);
            assertThat(node.publish(Topics.event("office-a"), "own event")).isZero();
            assertThat(spy.next()).isEqualTo(Topics.event("office-a") + " own event");
            assertThat(spy.none()).as("no refused message reached the hub").isTrue();

            for (String other : List.of(Topics.event("office-b"), Topics.state("office-b"), Topics.replay("office-b"),
                    Topics.notice("office-b"), Topics.allCounterCommands("office-b"), Topics.requestAck("office-b"),
                    TopicRights.lookupReply("office-b"), Topics.recoveryReply("office-b"), Topics.allOfficeEvents())) {
                assertThat(node.subscribe(other)).as(other).isEqualTo(NOT_AUTHORIZED);
            }
        }
    }

    @Test
    void aRefusedPublish_keepsTheConnection_soACounterNamingAForeignReplyTopicCannotKnockTheNodeOff() throws Exception {
        try (AclProbe spy = hub(); AclProbe node = device("office-a-node")) {
            assertThat(spy.subscribe(Topics.allOfficeEvents())).isLessThan(0x80);
            // a counter command's response topic names another office's counter: the node's reply is refused
            assertThat(node.publish(Topics.replyTo("office-b-counter-1", "command"), "reply")).isEqualTo(NOT_AUTHORIZED);
            assertThat(node.publish(Topics.event("office-a"), "next event, same connection")).isZero();
            assertThat(spy.next()).isEqualTo(Topics.event("office-a") + " next event, same connection");
            assertThat(spy.none()).isTrue();
        }
    }

    @Test
    void aLastWillOutsideTheLoginsRights_isRefusedAtConnect() throws Exception {
        assertThat(connectWithWill("office-a-board-1", Topics.state("office-a"))).as("a board's will as the state").isEqualTo(NOT_AUTHORIZED);
        assertThat(connectWithWill("office-a-board-1", Topics.deviceStatus("office-a", "office-a-board-1"))).isZero();
    }

    private static int connectWithWill(String login, String willTopic) throws Exception {
        var c = new org.eclipse.paho.mqttv5.client.MqttClient(broker.url(), "will-" + login, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        var o = new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
        o.setUserName(login);
        o.setPassword(a.getProperty(login).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        o.setWill(willTopic, new org.eclipse.paho.mqttv5.common.MqttMessage("offline".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            c.connect(o);
            c.disconnect();
            return 0;
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            return e.getReasonCode();
        } finally {
            c.close();
        }
    }

    @Test
    void everyDevice_isRefusedAHashSubscription() throws Exception {
        for (String login : List.of("office-a-node", "office-a-kiosk-1", "office-a-board-1", "office-a-counter-1", "office-b-bridge")) {
            try (AclProbe device = device(login)) {
                assertThat(device.subscribe("#")).as(login + " #").isEqualTo(NOT_AUTHORIZED);
                assertThat(device.subscribe(Topics.ROOT + "/#")).as(login + " root/#").isEqualTo(NOT_AUTHORIZED);
                assertThat(device.subscribe(Topics.ROOT + "/reply/#")).as(login + " reply/#").isEqualTo(NOT_AUTHORIZED);
            }
        }
    }

    @Test
    void counterUnitsAndBoards_doOnlyTheirOwnJob() throws Exception {
        assertThat(publishAs("office-a-counter-1", Topics.event("office-a"))).isEqualTo(NOT_AUTHORIZED);
        assertThat(publishAs("office-a-counter-1", Topics.counterCommand("office-a", 2))).isEqualTo(NOT_AUTHORIZED);
        assertThat(publishAs("office-a-counter-1", Topics.counterCommand("office-a", 1))).isZero();
        assertThat(publishAs("office-a-board-1", Topics.state("office-a"))).isEqualTo(NOT_AUTHORIZED);
        assertThat(publishAs("office-a-board-1", Topics.counterCommand("office-a", 1))).isEqualTo(NOT_AUTHORIZED);
        assertThat(publishAs("office-a-board-1", Topics.deviceStatus("office-a", "office-a-counter-1"))).isEqualTo(NOT_AUTHORIZED);
        assertThat(publishAs("office-a-board-1", Topics.deviceStatus("office-a", "office-a-board-1"))).isZero();
        try (AclProbe counter = device("office-a-counter-1"); AclProbe board = device("office-a-board-1")) {
            assertThat(counter.subscribe(Topics.replyTo("office-a-counter-2", "command"))).isEqualTo(NOT_AUTHORIZED);
            assertThat(counter.subscribe(Topics.replyTo("office-a-counter-1", "command"))).isLessThan(0x80);
            assertThat(board.subscribe(Topics.replyTo("office-a-counter-1", "command"))).isEqualTo(NOT_AUTHORIZED);
            assertThat(board.subscribe(Topics.state("office-a"))).isLessThan(0x80);
        }
    }

    @Test
    void selfServiceTopics_areOpenToExactlyTheNodeTheBridgeAndTheHub() throws Exception {
        assertThat(publishAs("office-a-node", Topics.request("office-a"))).isZero();
        assertThat(publishAs("office-a-node", Topics.accountLookup())).isZero();
        assertThat(publishAs("office-a-node", Topics.request("office-b"))).isEqualTo(NOT_AUTHORIZED);
        assertThat(publishAs("office-b-bridge", Topics.request("office-b"))).isZero();
        assertThat(publishAs("office-b-bridge", Topics.request("office-a"))).isEqualTo(NOT_AUTHORIZED);
        try (AclProbe node = device("office-a-node"); AclProbe bridge = device("office-b-bridge"); AclProbe hub = hub()) {
            assertThat(node.subscribe(Topics.requestAck("office-a"))).isLessThan(0x80);
            assertThat(node.subscribe(TopicRights.lookupReply("office-a"))).isLessThan(0x80);
            assertThat(bridge.subscribe(TopicRights.lookupReply("office-a"))).isEqualTo(NOT_AUTHORIZED);
            assertThat(hub.subscribe(Topics.allOfficeRequests())).isLessThan(0x80);
            assertThat(hub.subscribe(Topics.accountLookup())).isLessThan(0x80);
            assertThat(hub.publish(Topics.requestAck("office-a"), "ack")).isZero();
            assertThat(hub.publish(TopicRights.lookupReply("office-a"), "reply")).isZero();
        }
        for (String login : List.of("office-a-kiosk-1", "office-a-board-1", "office-a-counter-1")) {
            assertThat(publishAs(login, Topics.request("office-a"))).as(login).isEqualTo(NOT_AUTHORIZED);
            assertThat(publishAs(login, Topics.accountLookup())).as(login).isEqualTo(NOT_AUTHORIZED);
            try (AclProbe device = device(login)) {
                assertThat(device.subscribe(Topics.requestAck("office-a"))).as(login).isEqualTo(NOT_AUTHORIZED);
                assertThat(device.subscribe(TopicRights.lookupReply("office-a"))).as(login).isEqualTo(NOT_AUTHORIZED);
            }
        }
    }

    @Test
    void theNodesLogin_publishesTheStatusOfItsKioskUi_butNotOfAnotherDevice() throws Exception {
        assertThat(publishAs("office-a-node", Topics.deviceStatus("office-a", "office-node"))).isZero();
        assertThat(publishAs("office-a-node", Topics.deviceStatus("office-a", "kiosk"))).isZero();
        assertThat(publishAs("office-a-node", Topics.deviceStatus("office-a", "office-a-board-1"))).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void aMessageLargerThanTheProtocolAllows_isRefused_andReachesNoReader() throws Exception {
        try (AclProbe spy = hub()) {
            assertThat(spy.subscribe(Topics.allOfficeEvents())).isLessThan(0x80);
            // a raw MQTT 3.1.1 client: Paho would refuse to send more than the broker's advertised maximum itself
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", broker.port())) {
                socket.setSoTimeout(10_000);
                var out = socket.getOutputStream();
                var in = socket.getInputStream();
                out.write(packet(0x10, concat(str("MQTT"), new byte[] {4, (byte) 0xC2, 0, 60}, str("raw-oversize"),
                        str("office-a-node"), str(a.getProperty("office-a-node")))));
                byte[] connack = in.readNBytes(4);
                assertThat(connack[3]).as("CONNACK accepted").isZero();
                boolean closed;
                try {
                    out.write(packet(0x30, concat(str(Topics.event("office-a")), new byte[EmbeddedBroker.MAX_PACKET_BYTES])));
                    out.flush();
                    closed = in.read() == -1;
                } catch (java.net.SocketException e) {
                    // the broker may close as soon as it reads the packet's length, while the rest is still being written
                    closed = true;
                }
                assertThat(closed).as("the broker closed the connection").isTrue();
            }
            assertThat(publishAs("office-a-node", Topics.event("office-a"))).isZero();
            assertThat(spy.next()).isEqualTo(Topics.event("office-a") + " as office-a-node");
            assertThat(spy.none()).as("the oversized message reached no reader").isTrue();
        }
    }

    private static byte[] str(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return concat(new byte[] {(byte) (b.length >> 8), (byte) b.length}, b);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    /** An MQTT packet: type byte, remaining length (variable-length integer), body. */
    private static byte[] packet(int type, byte[] body) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        o.write(type);
        int n = body.length;
        do {
            int digit = n % 128;
            n /= 128;
            o.write(n > 0 ? digit | 0x80 : digit);
        } while (n > 0);
        o.writeBytes(body);
        return o.toByteArray();
    }

    @Test
    void aLoginRemovedFromItsFile_isRefusedAtItsNextConnection_andABrokenEditKeepsTheLoginsBefore() throws Exception {
        Path file = dir.resolve("office-c.logins");
        Properties c = generateInto("office-c", file);
        EmbeddedBroker own = new EmbeddedBroker(dir.resolve("broker-c"), "127.0.0.1", 1000, BrokerLogins.fromFiles(file)).start(0);
        try (own) {
            assertThat(AclProbe.connectCode(own.url(), "office-c-counter-2", c.getProperty("office-c-counter-2"), null)).isZero();
            Files.write(file, Files.readAllLines(file).stream().filter(l -> !l.startsWith("office-c-counter-2 ")).toList());
            assertThat(AclProbe.connectCode(own.url(), "office-c-counter-2", c.getProperty("office-c-counter-2"), null))
                    .isEqualTo(AclProbe.BAD_LOGIN);
            assertThat(AclProbe.connectCode(own.url(), "office-c-counter-1", c.getProperty("office-c-counter-1"), null)).isZero();

            // a broken edit keeps the logins read before (and is logged once, not per connection)
            Files.writeString(file, "office-c-counter-1 counter\n", java.nio.file.StandardOpenOption.APPEND);
            assertThat(AclProbe.connectCode(own.url(), "office-c-counter-1", c.getProperty("office-c-counter-1"), null)).isZero();
            assertThat(AclProbe.connectCode(own.url(), "office-c-counter-2", c.getProperty("office-c-counter-2"), null))
                    .isEqualTo(AclProbe.BAD_LOGIN);
        }
    }

    private static Properties generateInto(String office, Path target) throws IOException {
        Properties p = generate(office, "--no-bridge");
        Files.move(logins.resolve(office + ".logins"), target);
        return p;
    }

    @Test
    void withoutLogins_aBindBeyondLoopback_isAConfigurationErrorNamingKeyRuleAndValue() {
        assertThatThrownBy(() -> HubConfig.from(Map.of("broker.embedded.bind", "0.0.0.0")))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("broker.embedded.bind has '0.0.0.0'")
                .hasMessageContaining("expected a loopback address")
                .hasMessageContaining("broker.embedded.logins is empty");
        assertThatThrownBy(() -> new EmbeddedBroker(dir, "192.168.1.10", 10, BrokerLogins.anonymousLoopback()))
                .isInstanceOf(HubException.class).hasMessageContaining("broker.embedded.bind has '192.168.1.10'");
        assertThat(HubConfig.from(Map.of("broker.embedded.bind", "0.0.0.0", "broker.embedded.logins", logins.toString()))
                .embeddedBrokerLogins()).isEqualTo(logins);
        assertThatThrownBy(() -> BrokerLogins.fromFiles(dir.resolve("missing.logins")))
                .isInstanceOf(HubException.class).hasMessageContaining("broker.embedded.logins has '" + dir.resolve("missing.logins"));
    }

    @Test
    void aHubWithLogins_ingestsTheEventsOfANodeLoggedInWithItsGeneratedLogin() throws Exception {
        Path hubDir = dir.resolve("hub");
        HubConfig config = HubFixture.config(hubDir, "", "hub-logins", Map.of("broker.embedded.port", "0",
                "broker.embedded.logins", logins.toString()));
        try (Hub hub = Hub.start(config, Clock.systemUTC())) {
            Properties p = new Properties();
            p.setProperty("office.id", "office-a");
            p.setProperty("counters", "1,2");
            p.setProperty("counter.1.serves", "A");
            p.setProperty("counter.2.serves", "A");
            p.setProperty("mqtt.broker", hub.brokerUrl());
            p.setProperty("mqtt.username", "office-a-node");
            p.setProperty("mqtt.password", a.getProperty("office-a-node"));
            p.setProperty("database.path", dir.resolve("office-a.db").toString());
            try (OfficeNode node = OfficeNode.start(OfficeConfigLoader.fromProperties(p), Clock.systemUTC(),
                    new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)))) {
                node.service().execute("office-a", 1, CommandAction.OPEN);
                node.service().issue("A");
                long last = node.engine().lastSeq();
                Poll.until(Duration.ofSeconds(30), "the hub holds the node's events", () -> HubFixture.contiguous(hub, "office-a") == last);
            }
        }
    }
}
