package tw.jiaohao.board.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnknownOfficeWatchTest {
    private static final Instant T0 = Instant.parse("2026-11-22T01:00:00Z");
    private final UnknownOfficeWatch watch = new UnknownOfficeWatch(Duration.ofSeconds(15));

    @Test
    void noStateLongAfterConnecting_isReportedOnce() {
        watch.connected(T0);
        assertThat(watch.becameUnknown(T0.plusSeconds(14))).isFalse();
        assertThat(watch.becameUnknown(T0.plusSeconds(15))).isTrue();
        assertThat(watch.becameUnknown(T0.plusSeconds(16))).as("once").isFalse();
    }

    @Test
    void aSnapshot_orNoConnectionYet_isNeverUnknown() {
        assertThat(watch.becameUnknown(T0.plusSeconds(60))).as("not connected: the offline mark speaks").isFalse();
        watch.connected(T0);
        watch.snapshot();
        assertThat(watch.becameUnknown(T0.plusSeconds(60))).isFalse();
    }

    @Test
    void theMessageNamesTheIdAndTheKeyToCheck() {
        assertThat(UnknownOfficeWatch.message("taipei-nort", false)).contains("taipei-nort").contains("office.id");
    }
}
