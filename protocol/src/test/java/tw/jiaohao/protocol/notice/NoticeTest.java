package tw.jiaohao.protocol.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;

class NoticeTest {
    private static final Instant SHOWN_FROM = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant SHOWN_UNTIL = Instant.parse("2026-03-04T00:00:00Z");
    private static final Instant OFF_FROM = Instant.parse("2026-03-03T01:00:00Z"); // 3 March 09:00 Taipei
    private static final Instant OFF_UNTIL = Instant.parse("2026-03-03T09:00:00Z");

    private static Notice outage(Instant from, Instant until, Instant restoration) {
        return new Notice("outage-0303", NoticeKind.WATER_OUTAGE, "中正區停水", "Water outage", null, null, "中正區", "管線汰換",
                SHOWN_FROM, SHOWN_UNTIL, restoration, from, until);
    }

    @Test
    void anOutagePeriod_isKeptApartFromTheDisplayWindow_andSurvivesTheWire() {
        Notice n = outage(OFF_FROM, OFF_UNTIL, OFF_UNTIL);
        JsonCodec codec = new JsonCodec();
        NoticeBoard board = new NoticeBoard(1, "all", SHOWN_FROM, List.of(n));
        Decoded<NoticeBoard> back = codec.decode(codec.encodeToString(board).getBytes(StandardCharsets.UTF_8), NoticeBoard.class);
        assertThat(back.isAccepted()).as(back.toString()).isTrue();
        Notice got = ((Decoded.Accepted<NoticeBoard>) back).message().notices().get(0);
        assertThat(got.outageStartsAt()).isEqualTo(OFF_FROM);
        assertThat(got.outageEndsAt()).isEqualTo(OFF_UNTIL);
        assertThat(got.startsAt()).isEqualTo(SHOWN_FROM);
        assertThat(got.hasOutagePeriod()).isTrue();
    }

    @Test
    void aNoticePublishedBeforeOutagePeriods_stillDecodes_withoutOne() {
        String old = """
                {"v":1,"scope":"all","publishedAt":"2026-03-01T00:00:00Z","notices":[{"id":"outage-0303","kind":"WATER_OUTAGE",
                "titleZh":"中正區停水","area":"中正區","reason":"管線汰換","startsAt":"2026-03-01T00:00:00Z",
                "endsAt":"2026-03-04T00:00:00Z","expectedRestoration":"2026-03-03T09:00:00Z"}]}""";
        Decoded<NoticeBoard> d = new JsonCodec().decode(old.getBytes(StandardCharsets.UTF_8), NoticeBoard.class);
        assertThat(d.isAccepted()).as(d.toString()).isTrue();
        assertThat(((Decoded.Accepted<NoticeBoard>) d).message().notices().get(0).hasOutagePeriod()).isFalse();
        assertThat(((Decoded.Accepted<NoticeBoard>) d).message().notices().get(0).outageEndsAt()).isNull();
    }

    @Test
    void anImplausibleOutagePeriod_isRefusedNamingTheField() {
        assertThatThrownBy(() -> outage(OFF_FROM, null, null)).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("outageEndsAt");
        assertThatThrownBy(() -> outage(OFF_UNTIL, OFF_FROM, null)).hasMessageContaining("outageEndsAt")
                .hasMessageContaining("after outageStartsAt");
        assertThatThrownBy(() -> outage(OFF_FROM, OFF_FROM.plus(Duration.ofDays(32)), null)).hasMessageContaining("31 days");
        assertThatThrownBy(() -> outage(SHOWN_UNTIL.plusSeconds(60), SHOWN_UNTIL.plusSeconds(7200), null))
                .hasMessageContaining("endsAt").hasMessageContaining("still be shown when the outage starts");
        assertThatThrownBy(() -> outage(OFF_FROM, OFF_UNTIL, OFF_FROM.minusSeconds(60)))
                .hasMessageContaining("expectedRestoration");
    }
}
