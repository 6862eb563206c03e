package tw.jiaohao.office.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.RecoveryReply;

/** Only the run that continues the node's own history is taken from a recovery reply. */
class RecoveryRunTest {
    private static final JsonCodec CODEC = new JsonCodec();
    @TempDir
    Path dir;

    @Test
    void theRunStopsAtAHole_orAnImplausibleSeq_andTheRestIsCountedAsIgnored() {
        List<OfficeEvent> e = events(4);
        RecoveryRun whole = RecoveryRun.of(reply(4, e.get(1), e.get(2), e.get(3)), "demo-office", 2);
        assertThat(whole.events()).extracting(OfficeEvent::seq).containsExactly(2L, 3L, 4L);
        assertThat(whole.problem()).isNull();
        assertThat(whole.hubAhead()).isFalse();

        RecoveryRun hole = RecoveryRun.of(reply(4, e.get(1), e.get(3)), "demo-office", 2);
        assertThat(hole.events()).extracting(OfficeEvent::seq).containsExactly(2L);
        assertThat(hole.ignored()).isEqualTo(1);
        assertThat(hole.problem()).contains("a hole before seq 4");

        RecoveryRun far = RecoveryRun.of(reply(Long.MAX_VALUE, withSeq(e.get(1), Long.MAX_VALUE)), "demo-office", 2);
        assertThat(far.events()).isEmpty();
        assertThat(far.problem()).contains("9223372036854775807");

        RecoveryRun other = RecoveryRun.of(new RecoveryReply(ProtocolVersion.CURRENT, "other-office", 0, 0, List.of()), "demo-office", 2);
        assertThat(other.problem()).contains("other-office");
    }

    private List<OfficeEvent> events(int n) {
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), Clock.systemUTC())) {
            for (int i = 0; i < n; i++) {
                office.engine.issue("A");
            }
            return office.engine.range(1, n, n).stream().map(s -> CODEC.decodeOrThrow(s.payload(), OfficeEvent.class)).toList();
        }
    }

    private static OfficeEvent withSeq(OfficeEvent e, long seq) {
        String json = new String(CODEC.encode(e), java.nio.charset.StandardCharsets.UTF_8).replace("\"seq\":" + e.seq() + ",", "\"seq\":" + seq + ",");
        return CODEC.decodeOrThrow(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), OfficeEvent.class);
    }

    private static RecoveryReply reply(long maxSeq, OfficeEvent... events) {
        return new RecoveryReply(ProtocolVersion.CURRENT, "demo-office", 0, maxSeq, List.of(events));
    }
}
