package tw.jiaohao.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tw.jiaohao.protocol.Topics;

class SubscriptionIdTest {
    /**
     * A persistent session's messages queued while the process was away carry the subscription
     * identifiers of the run that subscribed: a filter must get the same one in every run,
     * whatever else the process registers and in whatever order.
     */
    @Test
    void aFiltersSubscriptionIdentifierDependsOnTheFilterAlone_andIsAValidMqttIdentifier() {
        String[] filters = {Topics.allOfficeEvents(), Topics.shared("hubs", Topics.allOfficeEvents()), Topics.allDeviceStatus(),
            Topics.shared("hubs", Topics.allDeviceStatus()), Topics.ROOT + "/office/+/state", Topics.allSettingsAcks(),
            Topics.allOfficeRequests(), Topics.accountLookup(), Topics.allOfficeRecoveries(), ""};
        java.util.Set<Integer> ids = new java.util.HashSet<>();
        for (String f : filters) {
            int id = MqttSession.filterId(f);
            assertThat(id).as(f).isBetween(1, 268_435_455).isEqualTo(MqttSession.filterId(new String(f.toCharArray())));
            ids.add(id);
        }
        assertThat(ids).as("the hub's filters get distinct identifiers").hasSize(filters.length);
    }
}
