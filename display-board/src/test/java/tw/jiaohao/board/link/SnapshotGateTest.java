package tw.jiaohao.board.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.state.StateSnapshot;

class SnapshotGateTest {
    private final JsonCodec codec = new JsonCodec();
    private final LinkMetrics metrics = new LinkMetrics(new tw.jiaohao.messaging.SessionMetrics());
    private final SnapshotGate gate = new SnapshotGate(metrics);

    private static StateSnapshot snapshot(String office, long seq) {
        return new StateSnapshot(1, office, "台北", "Asia/Taipei", seq, Instant.parse("2026-11-23T02:00:00Z"),
                LocalDate.of(2026, 11, 23), List.of(), List.of(), List.of());
    }

    private boolean admit(String topicOffice, byte[] payload) {
        return gate.admit(codec.decode(Topics.state(topicOffice), payload, StateSnapshot.class)).isPresent();
    }

    @Test
    void olderSnapshotsAreDroppedAndNewerOrEqualOnesPass() {
        assertThat(admit("o1", codec.encode(snapshot("o1", 5)))).isTrue();
        assertThat(admit("o1", codec.encode(snapshot("o1", 4)))).isFalse();
        assertThat(admit("o1", codec.encode(snapshot("o1", 5)))).as("same seq: a change without an event").isTrue();
        assertThat(admit("o1", codec.encode(snapshot("o1", 6)))).isTrue();
        assertThat(admit("o1", codec.encode(snapshot("o1", 1)))).isFalse();
        assertThat(metrics.snapshotsShown()).isEqualTo(3);
        assertThat(metrics.snapshotsStale()).isEqualTo(2);
    }

    @Test
    void malformedPayloadsAreCountedAndDoNotMoveTheSequence() {
        assertThat(admit("o1", codec.encode(snapshot("o1", 5)))).isTrue();
        assertThat(admit("o1", "{\"v\":1,".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(admit("o1", new byte[0])).isFalse();
        assertThat(admit("o1", codec.encode(snapshot("o2", 9)))).as("another office's snapshot").isFalse();
        assertThat(metrics.snapshotsMalformed()).isEqualTo(3);
        assertThat(admit("o1", codec.encode(snapshot("o1", 6)))).isTrue();
    }
}
