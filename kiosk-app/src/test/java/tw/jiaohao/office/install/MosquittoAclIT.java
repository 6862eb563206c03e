package tw.jiaohao.office.install;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static tw.jiaohao.office.install.AclProbe.BAD_LOGIN;
import static tw.jiaohao.office.install.AclProbe.NOT_AUTHORIZED;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.access.TopicRights;
import tw.jiaohao.protocol.codec.JsonCodec;

/**
 * The files {@code mosquitto-config} generates, loaded by real Mosquitto processes
 * ({@link GeneratedTopology}: a head-office broker with TLS and office A's broker bridged to it;
 * office B exists only at head office).
 *
 * <p>"Cannot publish" is shown twice: Mosquitto answers the QoS 1 PUBLISH with reason 0x87 (not
 * authorized), and a spy allowed to read everything never receives the message although it does
 * receive an allowed message the same client published right after it (Mosquitto forwards one
 * client's messages in order, so the refused one would have arrived first). "Cannot read" is
 * shown the same way: Mosquitto 2.0 accepts any subscription and checks read rights per message,
 * so a subscriber to {@code #} receives only what its login may read.
 */
@Tag("system")
class MosquittoAclIT {
    @TempDir
    static Path dir;
    static GeneratedTopology topology;

    @BeforeAll
    static void startBrokers() throws Exception {
        topology = GeneratedTopology.start(dir, "office-a", "counters=1,2\ncounter.1.serves=A\ncounter.2.serves=A\n", "office-b");
    }

    @AfterAll
    static void stopBrokers() throws InterruptedException {
        if (topology != null) {
            topology.close();
        }
    }

    private static AclProbe device(String login) throws Exception {
        return topology.officeDevice(login);
    }

    @Test
    void anonymousAndWrongPasswordConnections_areRefused() {
        assertThat(AclProbe.connectCode(topology.officeUrl(), null, null, null)).isIn(NOT_AUTHORIZED, BAD_LOGIN);
        assertThat(AclProbe.connectCode(topology.officeUrl(), "office-a-node", "not-the-password", null)).isIn(NOT_AUTHORIZED, BAD_LOGIN);
        assertThat(AclProbe.connectCode(topology.centralUrl(), null, null, topology.tls)).isIn(NOT_AUTHORIZED, BAD_LOGIN);
        // a login of office A's broker is no login at head office
        assertThat(AclProbe.connectCode(topology.centralUrl(), "office-a-node", topology.officeCredentials.getProperty("office-a-node"),
                topology.tls)).isIn(NOT_AUTHORIZED, BAD_LOGIN);
    }

    @Test
    void counterUnit_publishesItsCommand_butNotAnEventNorAnotherCountersCommand() throws Exception {
        try (AclProbe spy = spy(); AclProbe counter = device("office-a-counter-1")) {
            assertThat(counter.publish(Topics.event("office-a"), "forged event")).isEqualTo(NOT_AUTHORIZED);
            assertThat(counter.publish(Topics.counterCommand("office-a", 2), "counter 2's command")).isEqualTo(NOT_AUTHORIZED);
            assertThat(counter.publish(Topics.counterCommand("office-a", 1), "own command")).isZero();

            assertThat(spy.next()).isEqualTo(Topics.counterCommand("office-a", 1) + " own command");
            assertThat(spy.none()).isTrue();
        }
    }

    @Test
    void everyDevice_subscribedToHash_receivesOnlyWhatItsLoginMayRead() throws Exception {
        List<String> devices = List.of("office-a-counter-1", "office-a-board-1");
        List<AclProbe> probes = new java.util.ArrayList<>();
        try (AclProbe node = device("office-a-node")) {
            for (String login : devices) {
                AclProbe p = device(login);
                probes.add(p);
                assertThat(p.subscribe("#")).as("Mosquitto accepts the filter; read rights apply per message").isLessThan(0x80);
            }
            assertThat(node.publish(Topics.replyTo("office-a-counter-2", "command"), "for counter 2")).isZero();
            assertThat(node.publish(Topics.event("office-a"), "an event")).isZero();
            assertThat(node.publish(Topics.state("office-a"), "the state")).isZero();
            for (AclProbe p : probes) {
                assertThat(p.next()).as("the state, which every device reads").isEqualTo(Topics.state("office-a") + " the state");
                assertThat(p.none()).as("neither the event nor another counter's reply").isTrue();
            }
        } finally {
            probes.forEach(AclProbe::close);
        }
    }

    @Test
    void counterUnit_readsTheRepliesToItselfOnly() throws Exception {
        try (AclProbe node = device("office-a-node"); AclProbe counter1 = device("office-a-counter-1")) {
            counter1.subscribe(Topics.ROOT + "/reply/#");
            assertThat(node.publish(Topics.replyTo("office-a-counter-2", "command"), "for counter 2")).isZero();
            assertThat(node.publish(Topics.replyTo("office-a-counter-1", "command"), "for counter 1")).isZero();
            assertThat(counter1.next()).isEqualTo(Topics.replyTo("office-a-counter-1", "command") + " for counter 1");
            assertThat(counter1.none()).isTrue();
        }
    }

    @Test
    void wallBoard_publishesItsStatus_butNotTheStateNorACommand() throws Exception {
        try (AclProbe spy = spy(); AclProbe board = device("office-a-board-1")) {
            assertThat(board.publish(Topics.state("office-a"), "forged state")).isEqualTo(NOT_AUTHORIZED);
            assertThat(board.publish(Topics.counterCommand("office-a", 1), "forged command")).isEqualTo(NOT_AUTHORIZED);
            assertThat(board.publish(Topics.deviceStatus("office-a", "office-a-board-1"), "online")).isZero();

            assertThat(spy.next()).isEqualTo(Topics.deviceStatus("office-a", "office-a-board-1") + " online");
            assertThat(spy.none()).isTrue();
        }
    }

    @Test
    void officeNode_cannotPublishUnderAnotherOffice() throws Exception {
        try (AclProbe spy = spy(); AclProbe node = device("office-a-node")) {
            assertThat(node.publish(Topics.event("office-b"), "forged")).isEqualTo(NOT_AUTHORIZED);
            assertThat(node.publish(Topics.state("office-b"), "forged")).isEqualTo(NOT_AUTHORIZED);
            assertThat(node.publish(Topics.request("office-b"), "forged request")).isEqualTo(NOT_AUTHORIZED);
            assertThat(node.publish(Topics.event("office-a"), "own event")).isZero();

            assertThat(spy.next()).isEqualTo(Topics.event("office-a") + " own event");
            assertThat(spy.none()).isTrue();
        }
    }

    @Test
    void officeNodesEvents_reachTheHubThroughTheTlsBridge() throws Exception {
        try (AclProbe hub = topology.hub(); AclProbe node = device("office-a-node")) {
            hub.subscribe(Topics.allOfficeEvents());
            assertThat(node.publish(Topics.event("office-a"), "event 1")).isZero();
            assertThat(node.publish(Topics.event("office-a"), "event 2")).isZero();

            assertThat(hub.next()).isEqualTo(Topics.event("office-a") + " event 1");
            assertThat(hub.next()).isEqualTo(Topics.event("office-a") + " event 2");
        }
    }

    @Test
    void hubsReplayRequestsAndNotices_reachOnlyTheirOffice() throws Exception {
        try (AclProbe node = device("office-a-node"); AclProbe hub = topology.hub()) {
            node.subscribe(Topics.replay("office-a"));
            node.subscribe(Topics.ROOT + "/hub/notice/+");
            assertThat(hub.publish(Topics.notice("office-b"), "for B")).isZero();
            assertThat(hub.publish(Topics.replay("office-b"), "replay B")).isZero();
            assertThat(hub.publish(Topics.replay("office-a"), "replay A")).isZero();
            assertThat(hub.publish(Topics.notice("office-a"), "for A")).isZero();

            assertThat(node.next()).isEqualTo(Topics.replay("office-a") + " replay A");
            assertThat(node.next()).isEqualTo(Topics.notice("office-a") + " for A");
            assertThat(node.none()).isTrue();
        }
    }

    @Test
    void officeBridgeLogin_cannotPublishUnderAnotherOffice_norReadAnotherOfficesTopics_atHeadOffice() throws Exception {
        // another client id than the bridge's own, which would take over its session
        try (AclProbe hub = topology.hub(); AclProbe bridge = AclProbe.connect(topology.centralUrl(), "office-a-bridge",
                topology.officeCredentials.getProperty("office-a-bridge"), topology.tls)) {
            hub.subscribe(Topics.allOfficeEvents());
            hub.subscribe(Topics.allOfficeRequests());
            bridge.subscribe("#");
            assertThat(bridge.publish(Topics.event("office-b"), "forged")).isEqualTo(NOT_AUTHORIZED);
            assertThat(bridge.publish(Topics.request("office-b"), "forged request")).isEqualTo(NOT_AUTHORIZED);
            assertThat(hub.publish(Topics.replay("office-b"), "replay B")).isZero();
            assertThat(hub.publish(TopicRights.lookupReply("office-b"), "look-up reply for B")).isZero();
            assertThat(hub.publish(Topics.replay("office-a"), "replay A")).isZero();
            assertThat(bridge.publish(Topics.event("office-a"), "own")).isZero();

            assertThat(hub.next()).isEqualTo(Topics.event("office-a") + " own");
            assertThat(hub.none()).isTrue();
            assertThat(bridge.next()).isEqualTo(Topics.replay("office-a") + " replay A");
            assertThat(bridge.none()).as("nothing of office B").isTrue();
        }
        assertThat(topology.officeBCredentials.getProperty("office-b-bridge"))
                .isNotEqualTo(topology.officeCredentials.getProperty("office-a-bridge"));
    }

    @Test
    void selfServiceRequests_crossTheBridge_fromTheNodeOnly_andTheirAcknowledgementComesBack() throws Exception {
        try (AclProbe hub = topology.hub(); AclProbe node = device("office-a-node"); AclProbe board = device("office-a-board-1");
             AclProbe counter = device("office-a-counter-1")) {
            hub.subscribe(Topics.allOfficeRequests());
            node.subscribe(Topics.requestAck("office-a"));
            board.subscribe("#");
            assertThat(board.publish(Topics.request("office-a"), "board's request")).isEqualTo(NOT_AUTHORIZED);
            assertThat(counter.publish(Topics.request("office-a"), "counter's request")).isEqualTo(NOT_AUTHORIZED);
            assertThat(node.publish(Topics.request("office-a"), "sealed request")).isZero();
            assertThat(hub.next()).isEqualTo(Topics.request("office-a") + " sealed request");
            assertThat(hub.none()).isTrue();

            assertThat(hub.publish(Topics.requestAck("office-a"), "ack")).isZero();
            assertThat(node.next()).isEqualTo(Topics.requestAck("office-a") + " ack");
            assertThat(hub.publish(Topics.state("office-a"), "sentinel")).isEqualTo(NOT_AUTHORIZED);
            assertThat(node.publish(Topics.state("office-a"), "sentinel")).isZero();
            assertThat(board.next()).as("the board read neither the request nor its acknowledgement")
                    .isEqualTo(Topics.state("office-a") + " sentinel");
            assertThat(board.none()).isTrue();
        }
    }

    @Test
    void accountLookUp_keepsItsResponseTopicAndCorrelationData_throughTheBridge_bothWays() throws Exception {
        try (AclProbe hub = topology.hub(); AclProbe node = device("office-a-node"); AclProbe kiosk = device("office-a-board-1")) {
            hub.subscribe(Topics.accountLookup());
            node.subscribe(TopicRights.lookupReply("office-a"));
            assertThat(kiosk.publish(Topics.accountLookup(), "board's look-up")).isEqualTo(NOT_AUTHORIZED);
            MqttProperties request = new MqttProperties();
            request.setResponseTopic(TopicRights.lookupReply("office-a"));
            request.setCorrelationData("corr-42".getBytes(UTF_8));
            assertThat(node.publish(Topics.accountLookup(), "look-up", request)).isZero();

            assertThat(hub.next()).isEqualTo(Topics.accountLookup() + " look-up");
            MqttMessage received = hub.raw.poll(1, TimeUnit.SECONDS);
            assertThat(received.getProperties().getResponseTopic()).as("MQTT 5 bridge keeps the response topic")
                    .isEqualTo(TopicRights.lookupReply("office-a"));
            assertThat(received.getProperties().getCorrelationData()).isEqualTo("corr-42".getBytes(UTF_8));

            MqttProperties reply = new MqttProperties();
            reply.setCorrelationData(received.getProperties().getCorrelationData());
            assertThat(hub.publish(received.getProperties().getResponseTopic(), "reply", reply)).isZero();
            assertThat(node.next()).isEqualTo(TopicRights.lookupReply("office-a") + " reply");
            assertThat(node.raw.poll(1, TimeUnit.SECONDS).getProperties().getCorrelationData()).isEqualTo("corr-42".getBytes(UTF_8));
        }
    }

    @Test
    void aMessageLargerThanTheProtocolAllows_isRefusedByTheBroker() throws Exception {
        try (AclProbe spy = spy()) {
            try (AclProbe node = device("office-a-node")) {
                int code;
                try {
                    code = node.publish(Topics.event("office-a"), "x".repeat(JsonCodec.MAX_PAYLOAD_BYTES + 1));
                } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                    code = -1; // Mosquitto 2.0.11 answers with a reason code Paho refuses to read, and Paho drops the connection
                }
                assertThat(code).as("refused").isNotZero();
            }
            try (AclProbe node = device("office-a-node")) {
                assertThat(node.publish(Topics.event("office-a"), "x".repeat(JsonCodec.MAX_PAYLOAD_BYTES))).isZero();
            }
            assertThat(spy.next()).as("the largest allowed message").hasSize(Topics.event("office-a").length() + 1 + JsonCodec.MAX_PAYLOAD_BYTES);
            assertThat(spy.none()).as("the larger one never reached a reader").isTrue();
        }
    }

    private static AclProbe spy() throws Exception {
        AclProbe spy = device(GeneratedTopology.SPY);
        spy.subscribe(Topics.ROOT + "/#");
        return spy;
    }
}
