package tw.jiaohao.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tw.jiaohao.messaging.internal.TopicFilter;

class TopicFilterTest {
    @Test
    void wildcardsAndSharedSubscriptionsMatchAsTheBrokerDoes() {
        assertThat(TopicFilter.matches("a/+/c", "a/b/c")).isTrue();
        assertThat(TopicFilter.matches("a/+/c", "a/b/d")).isFalse();
        assertThat(TopicFilter.matches("a/#", "a")).isTrue();
        assertThat(TopicFilter.matches("a/#", "a/b/c")).isTrue();
        assertThat(TopicFilter.matches("a/b", "a/b/c")).isFalse();
        assertThat(TopicFilter.matches("a/b/c", "a/b")).isFalse();
        assertThat(TopicFilter.matches("$share/ingest/a/+/event", "a/o1/event")).isTrue();
        assertThat(TopicFilter.matches("#", "$SYS/broker/clients/connected")).isFalse();
        assertThat(TopicFilter.matches("a/+", "a/")).as("an empty level").isTrue();
        assertThat(TopicFilter.matches("a/+", "a")).isFalse();
        assertThat(TopicFilter.matches("a/+/+", "a/b")).isFalse();
        assertThat(TopicFilter.matches("+/+", "/x")).isTrue();
        assertThat(TopicFilter.matches("a/bc", "a/b")).isFalse();
        assertThat(TopicFilter.matches("a/b", "a/bc")).isFalse();
        assertThat(TopicFilter.matches("jiaohao/v1/office/+/device/+/status", "jiaohao/v1/office/o1/device/k1/status")).isTrue();
        assertThat(TopicFilter.matches("jiaohao/v1/office/+/event", "jiaohao/v1/office/o1/state")).isFalse();
    }
}
