package tw.jiaohao.office.ticketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tw.jiaohao.forecast.Estimate;

/** The forecast {@link Issuing} prepares before its transaction refuses what it cannot be. */
class IssuingPreparedTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    private static final Estimate ESTIMATE = new Estimate(12, 8, 20, true);

    @Test
    void keepsWhatItWasGiven() {
        Issuing.Prepared p = new Issuing.Prepared(0, DAY, ESTIMATE);
        assertThat(p.version()).isZero();
        assertThat(p.day()).isEqualTo(DAY);
        assertThat(p.estimate()).isEqualTo(ESTIMATE);
    }

    @Test
    void refusesANegativeVersion() {
        assertThatThrownBy(() -> new Issuing.Prepared(-1, DAY, ESTIMATE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void refusesAMissingDayOrEstimate() {
        assertThatThrownBy(() -> new Issuing.Prepared(3, null, ESTIMATE)).isInstanceOf(NullPointerException.class).hasMessage("day");
        assertThatThrownBy(() -> new Issuing.Prepared(3, DAY, null)).isInstanceOf(NullPointerException.class).hasMessage("estimate");
    }
}
