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
    }
}
