package tw.jiaohao.protocol.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tw.jiaohao.protocol.access.TopicGrant.Access.READ;
import static tw.jiaohao.protocol.access.TopicGrant.Access.WRITE;

import java.util.List;
import org.junit.jupiter.api.Test;
import tw.jiaohao.protocol.Topics;

class TopicRightsTest {
    private static final BrokerLogin NODE = BrokerLogin.node("north", List.of("office-node", "kiosk"));
    private static final BrokerLogin COUNTER_1 = BrokerLogin.counter("north", 1);
    private static final List<BrokerLogin> NORTH = List.of(NODE, COUNTER_1, BrokerLogin.board("north", 1));

    @Test
    void aFilterMustLieWithinAGrantedOne_soNoDeviceMaySubscribeToHash() {
        List<TopicGrant> node = TopicRights.of(NODE, NORTH);
        assertThat(TopicRights.permits(node, READ, Topics.allCounterCommands("north"))).isTrue();
        assertThat(TopicRights.permits(node, READ, Topics.counterCommand("north", 3))).isTrue();
        assertThat(TopicRights.permits(node, READ, "$share/g/" + Topics.replay("north"))).isTrue();
        for (String wider : List.of("#", Topics.ROOT + "/#", Topics.ROOT + "/office/+/replay", Topics.ROOT + "/office/north/#",
                Topics.ROOT + "/office/north/counter/#", Topics.replay("south"))) {
            assertThat(TopicRights.permits(node, READ, wider)).as(wider).isFalse();
        }
        for (BrokerLogin l : NORTH) {
            assertThat(TopicRights.permits(TopicRights.of(l, NORTH), READ, "#")).as(l.username()).isFalse();
        }
    }

    @Test
    void publishing_needsAWriteGrantMatchingTheTopic_andNeverAcceptsAWildcardTopic() {
        List<TopicGrant> node = TopicRights.of(NODE, NORTH);
        assertThat(TopicRights.permits(node, WRITE, Topics.event("north"))).isTrue();
        assertThat(TopicRights.permits(node, WRITE, Topics.event("south"))).isFalse();
        assertThat(TopicRights.permits(node, WRITE, Topics.replyTo("north-counter-1", "command"))).isTrue();
        assertThat(TopicRights.permits(node, WRITE, Topics.replyTo("south-counter-1", "command"))).isFalse();
        assertThat(TopicRights.permits(node, WRITE, Topics.ROOT + "/office/+/event")).isFalse();
        assertThat(TopicRights.permits(node, WRITE, Topics.deviceStatus("north", "kiosk"))).isTrue();
        assertThat(TopicRights.permits(node, WRITE, Topics.deviceStatus("north", "north-board-1"))).isFalse();
        List<TopicGrant> counter = TopicRights.of(COUNTER_1, NORTH);
        assertThat(TopicRights.permits(counter, WRITE, Topics.counterCommand("north", 1))).isTrue();
        assertThat(TopicRights.permits(counter, WRITE, Topics.counterCommand("north", 2))).isFalse();
        assertThat(TopicRights.permits(counter, WRITE, Topics.event("north"))).isFalse();
    }

    @Test
    void selfServiceTopics_belongToTheNodeTheBridgeAndTheHubOnly() {
        List<TopicGrant> request = List.of(TopicGrant.write(Topics.request("north")), TopicGrant.read(Topics.requestAck("north")),
                TopicGrant.write(Topics.accountLookup()), TopicGrant.read(TopicRights.lookupReply("north")));
        assertThat(TopicRights.of(NODE, NORTH)).containsAll(request);
        assertThat(TopicRights.of(BrokerLogin.bridge("north"), List.of())).containsAll(request);
        for (BrokerLogin device : List.of(COUNTER_1, BrokerLogin.board("north", 1), BrokerLogin.kiosk("north", 1))) {
            assertThat(TopicRights.of(device, NORTH)).as(device.username()).doesNotContainAnyElementsOf(request);
        }
        List<TopicGrant> hub = TopicRights.of(BrokerLogin.hub("jiaohao-hub"), List.of());
        assertThat(TopicRights.permits(hub, READ, Topics.allOfficeRequests())).isTrue();
        assertThat(TopicRights.permits(hub, WRITE, Topics.requestAck("north"))).isTrue();
        assertThat(TopicRights.permits(hub, READ, Topics.accountLookup())).isTrue();
        assertThat(TopicRights.permits(hub, WRITE, TopicRights.lookupReply("north"))).isTrue();
    }

    @Test
    void loginFile_roundTrips_andNamesTheLineOfABadEntry() {
        String hash = PasswordHash.hash("secret", new byte[12], 101);
        String text = LoginFile.render("north", NORTH.stream().map(l -> new LoginFile.Entry(l, hash)).toList());
        assertThat(LoginFile.parse("north.logins", text)).extracting(LoginFile.Entry::login).containsExactlyElementsOf(NORTH);
        assertThat(PasswordHash.matches("secret", hash)).isTrue();
        assertThat(PasswordHash.matches("Secret", hash)).isFalse();
        assertThatThrownBy(() -> LoginFile.parse("north.logins", "# c\nnorth-node node north - - not-a-hash\n"))
                .isInstanceOf(AccessException.class).hasMessageStartingWith("north.logins line 2:").hasMessageContaining("$7$");
        assertThatThrownBy(() -> LoginFile.parse("north.logins", "north-node admin north - - " + hash + "\n"))
                .hasMessageContaining("line 1").hasMessageContaining("role 'admin'");
    }

    @Test
    void settings_areReadByTheNodeOfTheirOffice_andAnsweredByIt_onlyTheHubReadsEveryAnswer() {
        List<TopicGrant> node = TopicRights.of(NODE, NORTH);
        assertThat(TopicRights.permits(node, READ, Topics.settings("north"))).isTrue();
        assertThat(TopicRights.permits(node, READ, Topics.settings("south"))).isFalse();
        assertThat(TopicRights.permits(node, WRITE, Topics.settingsAck("north"))).isTrue();
        assertThat(TopicRights.permits(node, WRITE, Topics.settingsAck("south"))).isFalse();
        assertThat(TopicRights.permits(node, WRITE, Topics.settings("north"))).as("only head office publishes settings").isFalse();
        assertThat(TopicRights.permits(TopicRights.of(BrokerLogin.bridge("north"), List.of()), WRITE, Topics.settingsAck("north"))).isTrue();
        for (BrokerLogin device : List.of(COUNTER_1, BrokerLogin.board("north", 1), BrokerLogin.kiosk("north", 1))) {
            assertThat(TopicRights.permits(TopicRights.of(device, NORTH), WRITE, Topics.settingsAck("north"))).as(device.username()).isFalse();
            assertThat(TopicRights.permits(TopicRights.of(device, NORTH), READ, Topics.settings("north"))).as(device.username()).isFalse();
        }
        List<TopicGrant> hub = TopicRights.of(BrokerLogin.hub("jiaohao-hub"), List.of());
        assertThat(TopicRights.permits(hub, READ, Topics.allSettingsAcks())).isTrue();
        assertThat(TopicRights.permits(hub, WRITE, Topics.settings("north"))).isTrue();
    }
}
