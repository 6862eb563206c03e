package tw.jiaohao.board.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.jiaohao.protocol.state.StateSnapshot;
import tw.jiaohao.protocol.state.StateSnapshot.CallView;

class CallTrackerTest {
    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
    private long seq;

    private StateSnapshot snapshot(CallView... newestFirst) {
        return new StateSnapshot(1, "o1", "台北", "Asia/Taipei", ++seq, T0, LocalDate.of(2026, 11, 23), List.of(), List.of(),
                List.of(newestFirst));
    }

    private static CallView call(String number, int counter, int second, boolean recall) {
        return new CallView("2026-11-23/" + number, number, number.substring(0, 1), counter, T0.plusSeconds(second), recall);
    }

    private static List<String> numbers(List<CallView> calls) {
        List<String> out = new ArrayList<>();
        calls.forEach(c -> out.add(c.number() + "@" + c.counter()));
        return out;
    }

    @Test
    void callsInTheFirstSnapshotAreHistoryAndNewOnesAreAnnouncedOldestFirst() {
        CallTracker t = new CallTracker(Duration.ofMinutes(2));
        CallView a1 = call("A001", 1, 0, false);
        assertThat(t.newCalls(snapshot(a1), T0.plusSeconds(1))).isEmpty();
        CallView a2 = call("A002", 2, 5, false);
        CallView b1 = call("B001", 3, 6, false);
        assertThat(numbers(t.newCalls(snapshot(b1, a2, a1), T0.plusSeconds(7)))).containsExactly("A002@2", "B001@3");
        assertThat(t.newCalls(snapshot(b1, a2, a1), T0.plusSeconds(8))).isEmpty();
    }

    @Test
    void aRecallIsAnnouncedAgain() {
        CallTracker t = new CallTracker(Duration.ofMinutes(2));
        CallView a1 = call("A001", 1, 0, false);
        t.newCalls(snapshot(), T0);
        assertThat(numbers(t.newCalls(snapshot(a1), T0.plusSeconds(1)))).containsExactly("A001@1");
        CallView again = call("A001", 1, 30, true);
        assertThat(numbers(t.newCalls(snapshot(again, a1), T0.plusSeconds(31)))).containsExactly("A001@1");
    }

    @Test
    void callsMadeLongBeforeTheyArriveAreNotSpoken() {
        CallTracker t = new CallTracker(Duration.ofMinutes(2));
        t.newCalls(snapshot(), T0);
        CallView old = call("A001", 1, 0, false);
        CallView fresh = call("A002", 1, 200, false);
        assertThat(numbers(t.newCalls(snapshot(fresh, old), T0.plusSeconds(200)))).containsExactly("A002@1");
    }
}
