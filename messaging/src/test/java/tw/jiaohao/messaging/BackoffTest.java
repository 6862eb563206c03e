package tw.jiaohao.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    @Test
    void delaysDoubleWithJitterUpToTheCap() {
        SplittableRandom random = new SplittableRandom(7);
        long[] ceilings = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
        for (int attempt = 0; attempt < ceilings.length; attempt++) {
            long d = backoff.delay(attempt, random::nextDouble).toMillis();
            assertThat(d).isBetween(ceilings[attempt] / 2, ceilings[attempt]);
        }
        assertThat(backoff.delay(1_000, random::nextDouble).toMillis()).isBetween(15_000L, 30_000L);
    }

    @Test
    void twoDevicesDoNotRetryInLockstep() {
        SplittableRandom a = new SplittableRandom(1);
        SplittableRandom c = new SplittableRandom(2);
        int same = 0;
        for (int i = 0; i < 10; i++) {
            if (backoff.delay(i, a::nextDouble).equals(backoff.delay(i, c::nextDouble))) {
                same++;
            }
        }
        assertThat(same).isLessThan(3);
    }

    @Test
    void aMaximumBelowTheMinimumIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).hasMessageContaining("0 < min ≤ max");
    }
}
