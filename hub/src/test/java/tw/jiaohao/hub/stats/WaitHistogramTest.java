package tw.jiaohao.hub.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tw.jiaohao.hub.HubException;

class WaitHistogramTest {

    @Test
    void encode_decode_roundTrip_keepsEveryBin() {
        WaitHistogram h = new WaitHistogram();
        h.add(0);
        h.add(999);
        h.add(1000);
        h.add(3_600_000);
        h.add(5L * 3600 * 1000);
        WaitHistogram back = WaitHistogram.decode(h.encode());
        assertThat(back.count()).isEqualTo(5);
        assertThat(back.countIn(0)).isEqualTo(2);
        assertThat(back.countIn(1)).isEqualTo(1);
        assertThat(back.countIn(3600)).isEqualTo(1);
        assertThat(back.countIn(WaitHistogram.OVERFLOW)).isEqualTo(1);
    }

    @Test
    void percentile_ofMergedHistograms_isWithinHalfASecondOfTheExactNearestRank() {
        Random random = new Random(7);
        List<Long> waits = new ArrayList<>();
        WaitHistogram merged = new WaitHistogram();
        long max = 0;
        for (int part = 0; part < 10; part++) {
            WaitHistogram h = new WaitHistogram();
            for (int i = 0; i < 200; i++) {
                long w = (long) (random.nextDouble() * 7_200_000);
                waits.add(w);
                h.add(w);
                max = Math.max(max, w);
            }
            merged.merge(WaitHistogram.decode(h.encode()));
        }
        waits.sort(Long::compare);
        for (double p : new double[] {0.1, 0.5, 0.9, 0.99, 1.0}) {
            double exact = waits.get((int) Math.ceil(p * waits.size()) - 1) / 1000.0;
            assertThat(merged.percentileSeconds(p, max)).as("p" + p).isCloseTo(exact, within(0.5));
        }
    }

    @Test
    void percentile_inTheOverflowBin_isTheLargestWait() {
        WaitHistogram h = new WaitHistogram();
        h.add(5L * 3600 * 1000);
        assertThat(h.percentileSeconds(0.9, 5L * 3600 * 1000)).isEqualTo(5 * 3600.0);
    }

    @Test
    void percentile_ofEmptyHistogram_isNull() {
        assertThat(new WaitHistogram().percentileSeconds(0.5, 0)).isNull();
    }

    @Test
    void negativeWait_fromSkewedClocks_countsAsZero() {
        WaitHistogram h = new WaitHistogram();
        h.add(-5000);
        assertThat(h.countIn(0)).isEqualTo(1);
    }

    @Test
    void decode_corruptData_failsWithAMessage() {
        assertThatThrownBy(() -> WaitHistogram.decode(new byte[] {(byte) 0x80}))
                .isInstanceOf(HubException.class).hasMessageContaining("corrupt");
    }
}
