package tw.jiaohao.hardware.printing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TicketSlipWaitLineTest {
    static final Instant AT = Instant.parse("2026-03-02T02:00:00Z");
    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    private static TicketSlip slip(int median, Integer low, Integer high, boolean served) {
        return new TicketSlip("所", "A023", "水費", AT, TAIPEI, 4, median, null, null, low, high, served);
    }

    @Test
    void aSlipWithARangePrintsTheRange() {
        assertThat(slip(12, 8, 17, true).waitLine()).isEqualTo("前方等候 4 人　約 8–17 分鐘");
    }

    @Test
    void aSlipOfACategoryNoOpenCounterServesPromisesNoWait() {
        assertThat(slip(0, null, null, false).waitLine()).isEqualTo("前方等候 4 人　目前無櫃台辦理").doesNotContain("0 分鐘");
    }

    @Test
    void aSlipWhoseWholeRangeIsZeroSaysItIsSoon() {
        assertThat(slip(0, 0, 0, true).waitLine()).isEqualTo("前方等候 4 人　即將為您服務");
    }

    @Test
    void aSlipWithASingleFigureKeepsTheOldLine() {
        assertThat(new TicketSlip("所", "A023", "水費", AT, TAIPEI, 4, 12, null, null).waitLine()).isEqualTo("前方等候 4 人　預估 12 分鐘");
    }

    @Test
    void aRangeThatDoesNotHoldTheEstimateIsRefused() {
        assertThatThrownBy(() -> slip(12, 13, 17, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> slip(12, 8, null, true)).isInstanceOf(IllegalArgumentException.class);
    }
}
