package tw.jiaohao.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void officeTopics_roundTripThroughParse() {
        assertThat(Topics.event("taipei-1")).isEqualTo("jiaohao/v1/office/taipei-1/event");
        assertThat(Topics.parse(Topics.event("taipei-1"))).contains(new Topics.Parsed(Topics.Kind.EVENT, "taipei-1", null, null));
        assertThat(Topics.parse(Topics.state("t"))).contains(new Topics.Parsed(Topics.Kind.STATE, "t", null, null));
        assertThat(Topics.parse(Topics.replay("t"))).contains(new Topics.Parsed(Topics.Kind.REPLAY, "t", null, null));
        assertThat(Topics.parse(Topics.counterCommand("t", 12))).contains(new Topics.Parsed(Topics.Kind.COUNTER_COMMAND, "t", 12, null));
        assertThat(Topics.parse(Topics.deviceStatus("t", "kiosk-1"))).contains(new Topics.Parsed(Topics.Kind.DEVICE_STATUS, "t", null, "kiosk-1"));
        assertThat(Topics.parse(Topics.notice(Topics.ALL_OFFICES))).contains(new Topics.Parsed(Topics.Kind.NOTICE, "all", null, null));
        assertThat(Topics.parse(Topics.settings("t"))).contains(new Topics.Parsed(Topics.Kind.SETTINGS, "t", null, null));
        assertThat(Topics.settingsAck("t")).isEqualTo("jiaohao/v1/office/t/settings/ack");
        assertThat(Topics.parse(Topics.settingsAck("t"))).contains(new Topics.Parsed(Topics.Kind.SETTINGS_ACK, "t", null, null));
        assertThat(Topics.parse(Topics.accountLookup())).contains(new Topics.Parsed(Topics.Kind.ACCOUNT_LOOKUP, null, null, null));
        assertThat(Topics.parse(Topics.recovery("t"))).contains(new Topics.Parsed(Topics.Kind.RECOVERY, "t", null, null));
        assertThat(Topics.parse(Topics.recoveryReply("t"))).contains(new Topics.Parsed(Topics.Kind.RECOVERY_REPLY, "t", null, null));
    }

    @Test
    void parse_foreignOrMalformedTopics_areEmpty() {
        assertThat(Topics.parse(null)).isEmpty();
        assertThat(Topics.parse("other/v1/office/t/event")).isEmpty();
        assertThat(Topics.parse("jiaohao/v1/office/T!/event")).isEmpty();
        assertThat(Topics.parse("jiaohao/v1/office/t/counter/0/command")).isEmpty();
        assertThat(Topics.parse("jiaohao/v1/office/t/counter/x/command")).isEmpty();
        assertThat(Topics.parse("jiaohao/v1/office/t/event/extra")).isEmpty();
        assertThat(Topics.parse("jiaohao/v1/office//event")).isEmpty();
    }

    @Test
    void builders_refuseIdentifiersThatWouldBreakTopics() {
        assertThatThrownBy(() -> Topics.event("a/b")).isInstanceOf(InvalidMessageException.class).hasMessageStartingWith("office:");
        assertThatThrownBy(() -> Topics.event("+")).isInstanceOf(InvalidMessageException.class);
        assertThatThrownBy(() -> Topics.counterCommand("t", 100)).hasMessageContaining("1..99");
    }

    @Test
    void subscriptionFilters_matchTheTopicsTheyCover() {
        assertThat(Topics.allOfficeEvents()).isEqualTo("jiaohao/v1/office/+/event");
        assertThat(Topics.allCounterCommands("t")).isEqualTo("jiaohao/v1/office/t/counter/+/command");
        assertThat(Topics.noticesFor("t")).containsExactly("jiaohao/v1/hub/notice/t", "jiaohao/v1/hub/notice/all");
    }
}
