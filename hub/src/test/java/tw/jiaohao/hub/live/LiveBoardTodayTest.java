package tw.jiaohao.hub.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.state.StateSnapshot;

class LiveBoardTodayTest {
    private static final LocalDate DAY = LocalDate.of(2026, 12, 2);

    private static StateSnapshot snapshot(LocalDate day, Instant at) {
        return new StateSnapshot(ProtocolVersion.CURRENT, "north", "北區服務所", "Asia/Taipei", 40, at, day,
                List.of(new StateSnapshot.CategoryView("A", "水費/一般", "Bills", false, 5, 12, "A031", "A025"),
                        new StateSnapshot.CategoryView("B", "過戶", "Transfer", false, 2, 18, "B012", "B009")),
                List.of(new StateSnapshot.CounterView(1, "1號櫃台", List.of("A", "B"), true, null)), List.of());
    }

    @Test
    void waitingNow_isTheSnapshotsQueue_onTheSnapshotsOwnOfficeDay() {
        LiveBoard live = new LiveBoard();
        live.onState(snapshot(DAY, Instant.parse("2026-12-02T15:59:00Z"))); // 23:59 in Taipei
        OfficeLive v = live.view("north", DAY);
        assertThat(v.waitingNow()).isEqualTo(7);
        assertThat(v.countersOpen()).isEqualTo(1);
    }

    @Test
    void anOfficeWhoseNodeWentDownWithPeopleWaitingYesterday_showsNoQueueToday_butWhenItLastSpoke() {
        LiveBoard live = new LiveBoard();
        Instant lastWord = Instant.parse("2026-12-02T15:59:00Z");
        live.onState(snapshot(DAY, lastWord));
        OfficeLive v = live.view("north", DAY.plusDays(1)); // after local midnight
        assertThat(v.waitingNow()).isNull();
        assertThat(v.servingNow()).isNull();
        assertThat(v.countersOpen()).isNull();
        assertThat(v.snapshotAt()).isEqualTo(lastWord);
        assertThat(v.name()).isEqualTo("北區服務所");
    }

    @Test
    void aClockSetBack_doesNotHideTodaysQueue() {
        LiveBoard live = new LiveBoard();
        live.onState(snapshot(DAY, Instant.parse("2026-12-02T02:00:00Z")));
        assertThat(live.view("north", DAY.minusDays(1)).waitingNow()).as("a hub clock behind the office's day").isEqualTo(7);
    }
}
