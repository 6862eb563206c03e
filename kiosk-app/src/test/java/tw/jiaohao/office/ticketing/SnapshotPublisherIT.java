package tw.jiaohao.office.ticketing;

import static org.assertj.core.api.Assertions.assertThat;
import static tw.jiaohao.protocol.counter.CommandAction.OPEN;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.testing.Await;
import tw.jiaohao.office.testing.MutableClock;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.protocol.state.StateSnapshot;

/** The snapshot publisher's contract: the current state first, the newest after changes, holds shown, one failing listener harms none. */
class SnapshotPublisherIT {
    @TempDir
    Path dir;

    @Test
    void aNewListenerGetsTheCurrentState_thenTheNewestAfterEachBurst_evenWhenAnotherListenerFails() {
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), new MutableClock(Instant.parse("2026-11-23T01:00:00Z")))) {
            office.engine.issue("B");
            office.engine.onSnapshot(s -> {
                throw new IllegalStateException("a broken board");
            });
            List<StateSnapshot> seen = new CopyOnWriteArrayList<>();
            office.engine.onSnapshot(seen::add);
            Await.until("the current state", Duration.ofSeconds(10), () -> !seen.isEmpty());
            assertThat(seen.get(0).categories().get(1).waiting()).isEqualTo(1);
            office.command(1, OPEN);
            for (int i = 0; i < 10; i++) {
                office.engine.issue("A");
            }
            long seq = office.engine.lastSeq();
            Await.until("the newest state", Duration.ofSeconds(10), () -> seen.get(seen.size() - 1).seq() == seq);
            StateSnapshot last = seen.get(seen.size() - 1);
            assertThat(last.categories().get(0).waiting()).isEqualTo(10);
            assertThat(last.counters().get(0).open()).isTrue();
        }
    }

    @Test
    void aHoldStaffCanConfirm_isShownInTheSnapshot_andGoneAfterTheRelease() {
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), new MutableClock(Instant.parse("2026-11-23T01:00:00Z")))) {
            List<StateSnapshot> seen = new CopyOnWriteArrayList<>();
            office.engine.onSnapshot(seen::add);
            office.engine.holdUntilConfirmed("the database is behind its high-water mark", by -> { });
            Await.until("the hold on the counters", Duration.ofSeconds(10),
                    () -> !seen.isEmpty() && "the database is behind its high-water mark".equals(seen.get(seen.size() - 1).hold()));
            office.engine.release();
            Await.until("the hold gone", Duration.ofSeconds(10), () -> seen.get(seen.size() - 1).hold() == null);
        }
    }
}
