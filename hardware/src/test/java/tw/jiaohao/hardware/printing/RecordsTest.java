package tw.jiaohao.hardware.printing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.jiaohao.hardware.Samples;
import tw.jiaohao.hardware.printing.transport.StatusBytes;

class RecordsTest {
    private static final Instant AT = Instant.parse("2025-03-14T06:05:00Z");

    @Test
    void ticketSlip_badTicketNumber_isRejectedWithTheValue() {
        assertThatThrownBy(() -> new TicketSlip("所", "a23", "水費", AT, Samples.TAIPEI, 0, 0, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a23'");
    }

    @Test
    void ticketSlip_negativePeopleAhead_isRejected() {
        assertThatThrownBy(() -> new TicketSlip("所", "A023", "水費", AT, Samples.TAIPEI, -1, 0, null, null))
                .hasMessageContaining("peopleAhead");
    }

    @Test
    void ticketSlip_blankOptionalFields_becomeNull() {
        TicketSlip t = new TicketSlip(" 所 ", "A023", "水費", AT, Samples.TAIPEI, 0, 0, " ", "");
        assertThat(t.officeName()).isEqualTo("所");
        assertThat(t.hasQr()).isFalse();
        assertThat(t.noticeLine()).isNull();
    }

    @Test
    void ticketSlip_qrUrlNotHttp_isRejected() {
        assertThatThrownBy(() -> new TicketSlip("所", "A023", "水費", AT, Samples.TAIPEI, 0, 0, "ftp://x", null))
                .hasMessageContaining("qrUrl");
    }

    @Test
    void receipt_controlCharacterInLine_isRejected() {
        assertThatThrownBy(() -> new Receipt("所", "C1", "過戶", List.of("a\u001bb"), null, AT, Samples.TAIPEI))
                .hasMessageContaining("control characters");
    }

    @Test
    void failureReasons_haveStableDistinctCodes() {
        assertThat(FailureReason.PAPER_OUT.code()).isEqualTo("printer.paper-out");
        assertThat(java.util.Arrays.stream(FailureReason.values()).map(FailureReason::code).distinct())
                .hasSize(FailureReason.values().length);
    }

    @Test
    void statusBytes_decode_prioritisesCoverThenPaper() {
        int fixed = StatusBytes.FIXED;
        assertThat(StatusBytes.decode(fixed, fixed, fixed)).isEqualTo(PrinterState.READY);
        assertThat(StatusBytes.decode(fixed, fixed, fixed | StatusBytes.PAPER_NEAR_END)).isEqualTo(PrinterState.PAPER_NEAR_END);
        assertThat(StatusBytes.decode(fixed | 8, fixed | StatusBytes.STOPPED_PAPER_END, fixed | StatusBytes.PAPER_END))
                .isEqualTo(PrinterState.PAPER_OUT);
        assertThat(StatusBytes.decode(fixed | 8, fixed | StatusBytes.COVER_OPEN, fixed | StatusBytes.PAPER_END))
                .isEqualTo(PrinterState.COVER_OPEN);
        assertThat(StatusBytes.valid(0x00)).isFalse();
        assertThat(StatusBytes.valid(0x12)).isTrue();
    }
}
