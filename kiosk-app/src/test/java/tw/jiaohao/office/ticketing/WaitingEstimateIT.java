package tw.jiaohao.office.ticketing;

import static org.assertj.core.api.Assertions.assertThat;
import static tw.jiaohao.protocol.counter.CommandAction.CALL_NEXT;
import static tw.jiaohao.protocol.counter.CommandAction.CLOSE;
import static tw.jiaohao.protocol.counter.CommandAction.NO_SHOW;
import static tw.jiaohao.protocol.counter.CommandAction.OPEN;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.forecast.Estimate;
import tw.jiaohao.office.testing.Await;
import tw.jiaohao.office.testing.MutableClock;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * The waiting estimate's contract (docs/office-node/QUEUE.md, "The waiting estimate"): a round
 * after every change, current only for the state it read; a ticket carries the forecast of exactly
 * the state it joins, whether the round was ready or the issue had to forecast itself; the
 * snapshot's estimates are the round's.
 */
class WaitingEstimateIT {
    private static final Instant MORNING = Instant.parse("2026-11-23T01:00:00Z"); // 09:00 Taipei
    @TempDir
    Path dir;

    @Test
    void aTicketCarriesTheForecastOfExactlyTheStateItJoins_readyOrNot() throws Exception {
        MutableClock clock = new MutableClock(MORNING);
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            office.command(1, OPEN);
            office.command(4, OPEN);
            for (int i = 0; i < 12; i++) {
                office.engine.issue(i % 2 == 0 ? "A" : "C");
            }
            String[] cats = {"A", "B", "C", "D", "P"};
            for (int i = 0; i < 20; i++) {
                String cat = cats[i % cats.length];
                office.command(i % 3 == 0 ? 4 : 1, CALL_NEXT);
                if (i % 2 == 0) {
                    assertThat(office.engine.awaitEstimates(Duration.ofSeconds(10))).isTrue(); // the round is ready: the issue forecasts nothing
                }
                Estimate expected = forecastOfTheStateNow(office, cat);
                IssuedTicket t = office.engine.issue(cat);
                assertThat(new int[] {t.estimateMinutes(), t.estimateLowMinutes() == null ? -1 : t.estimateLowMinutes(),
                        t.estimateHighMinutes() == null ? -1 : t.estimateHighMinutes()})
                        .as("ticket %s (round %s)", t.number(), i % 2 == 0 ? "ready" : "maybe not")
                        .containsExactly(expected.medianMinutes(), expected.servable() ? expected.lowMinutes() : -1,
                                expected.servable() ? expected.highMinutes() : -1);
                clock.advance(Duration.ofSeconds(20));
            }
        }
    }

    @Test
    void aCounterOpenedJustBefore_givesTheNextTicketARange_notTheRoundOfTheClosedOffice() throws Exception {
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), new MutableClock(MORNING))) {
            office.engine.issue("A");
            assertThat(office.engine.awaitEstimates(Duration.ofSeconds(10))).isTrue();
            assertThat(office.engine.waitingEstimate().newest().byCategory().get("A").servable()).as("no counter open yet").isFalse();
            office.command(1, OPEN);
            IssuedTicket t = office.engine.issue("A"); // at once: the round of the open counter is not ready
            assertThat(t.servedNow()).isTrue();
            assertThat(t.estimateLowMinutes()).isNotNull();
            office.command(1, CALL_NEXT);
            office.command(1, NO_SHOW);
            office.command(1, CLOSE);
            assertThat(office.engine.issue("A").servedNow()).as("closed again just before").isFalse();
        }
    }

    @Test
    void aRoundIsCurrentOnlyForItsVersionDayAndAge_andARefusedChangeKeepsItCurrent() throws Exception {
        MutableClock clock = new MutableClock(MORNING);
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            WaitingEstimate estimate = office.engine.waitingEstimate();
            office.command(1, OPEN);
            office.engine.issue("A");
            assertThat(office.engine.awaitEstimates(Duration.ofSeconds(10))).isTrue();
            WaitingEstimate.Forecasts round = estimate.newest();
            long v = estimate.version();
            assertThat(round.version()).isEqualTo(v);
            assertThat(round.byCategory()).containsOnlyKeys("A", "B", "C", "D", "P");
            LocalDate day = round.day();
            Instant at = round.at();
            assertThat(estimate.current("A", v, day, at)).isEqualTo(round.byCategory().get("A"));
            assertThat(estimate.current("A", v, day, at.plus(WaitingEstimate.MAX_AGE))).isNotNull();
            assertThat(estimate.current("A", v, day, at.plus(WaitingEstimate.MAX_AGE).plusMillis(1))).as("too old").isNull();
            assertThat(estimate.current("A", v, day, at.minusMillis(1))).as("a clock set back").isNull();
            assertThat(estimate.current("A", v, day.plusDays(1), at)).as("another office day").isNull();
            assertThat(estimate.current("A", v + 1, day, at)).as("the state changed since").isNull();

            assertThat(office.command(2, CALL_NEXT).ok()).as("counter 2 is closed: refused").isFalse();
            assertThat(estimate.version()).as("a refused change changed nothing").isEqualTo(v);
            assertThat(office.command(1, CALL_NEXT).ok()).isTrue();
            assertThat(estimate.version()).isGreaterThan(v);
            assertThat(office.engine.awaitEstimates(Duration.ofSeconds(10))).isTrue();
            assertThat(estimate.newest().version()).isEqualTo(estimate.version());
        }
    }

    @Test
    void theSnapshotsEstimatesAreTheRoundOfTheSameState() throws Exception {
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), new MutableClock(MORNING))) {
            List<StateSnapshot> seen = new CopyOnWriteArrayList<>();
            office.engine.onSnapshot(seen::add);
            office.command(1, OPEN);
            for (int i = 0; i < 5; i++) {
                office.engine.issue("A");
            }
            long seq = office.engine.lastSeq();
            Await.until("the snapshot of the fifth ticket", Duration.ofSeconds(10),
                    () -> !seen.isEmpty() && seen.get(seen.size() - 1).seq() == seq);
            assertThat(office.engine.awaitEstimates(Duration.ofSeconds(10))).isTrue();
            StateSnapshot last = seen.get(seen.size() - 1);
            Estimate round = office.engine.waitingEstimate().newest().byCategory().get("A");
            StateSnapshot.CategoryView a = last.categories().get(0);
            assertThat(a.waiting()).isEqualTo(5);
            assertThat(new Object[] {a.estimateMinutes(), a.estimateLowMinutes(), a.estimateHighMinutes()})
                    .containsExactly(round.medianMinutes(), round.lowMinutes(), round.highMinutes());
        }
    }

    /** What the forecast says of the store as it is now, computed apart from the round and the issue. */
    private static Estimate forecastOfTheStateNow(TestOffice office, String category) {
        WaitingEstimate estimate = office.engine.waitingEstimate();
        return office.db.transaction(c -> {
            Instant now = office.engine.time().now();
            return estimate.forecastNow(c, category, office.engine.time().day(now), now);
        });
    }
}
