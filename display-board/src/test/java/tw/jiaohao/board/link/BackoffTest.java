package tw.jiaohao.board.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void delaysDoubleWithJitterUpToTheCapAndResetAfterSuccess() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom(7));
        long[] ceilings = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
        for (long ceiling : ceilings) {
            long d = b.next().toMillis();
            assertThat(d).isBetween(ceiling / 2, ceiling);
        }
        b.reset();
        assertThat(b.next().toMillis()).isBetween(250L, 500L);
    }

    @Test
    void twoBoardsDoNotRetryInLockstep() {
        Backoff a = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom(1));
        Backoff c = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom(2));
        int same = 0;
        for (int i = 0; i < 10; i++) {
            if (a.next().equals(c.next())) {
                same++;
            }
        }
        assertThat(same).isLessThan(3);
    }
}
