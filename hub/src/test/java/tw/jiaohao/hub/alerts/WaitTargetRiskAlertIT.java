package tw.jiaohao.hub.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.db.HubDatabase;
import tw.jiaohao.hub.testing.MutableClock;

/** The wait-target risk alert on a real hub database: raised once while open, cleared by the hub, raised anew after. */
class WaitTargetRiskAlertIT {

    @Test
    void aRiskIsRaisedOnceWhileOpen_clearedWhenItPasses_andANewRiskRaisesANewAlert(@TempDir Path dir) {
        HubDatabase db = HubDatabase.open(dir.resolve("hub.db"));
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T02:00:00Z"));
        AlertStore store = new AlertStore(db);
        AlertService alerts = new AlertService(store, clock, Duration.ofMinutes(15));

        assertThat(alerts.onWaitTargetRiskPassed("risk-1")).as("nothing open to clear").isFalse();
        alerts.onWaitTargetAtRisk("risk-1", "Open counter 4 (for A): risk falls to 10 %");
        clock.set(clock.instant().plus(Duration.ofMinutes(5)));
        alerts.onWaitTargetAtRisk("risk-1", "Open counter 4 (for A): risk falls to 12 %");
        alerts.onWaitTargetAtRisk("risk-2", "Open counter 2 (for B): risk falls to 20 %");
        List<Alert> open = alerts.list(List.of("risk-1"), true, 10);
        assertThat(open).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.WAIT_TARGET_AT_RISK);
            assertThat(a.occurrences()).isEqualTo(2);
        });

        clock.set(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(alerts.onWaitTargetRiskPassed("risk-1")).isTrue();
        assertThat(alerts.list(List.of("risk-1"), true, 10)).isEmpty();
        assertThat(alerts.list(List.of("risk-1"), false, 10)).singleElement()
                .satisfies(a -> assertThat(a.handledBy()).isEqualTo(AlertService.CLEARED_BY_HUB));
        assertThat(alerts.list(List.of("risk-2"), true, 10)).as("another office's risk stays").hasSize(1);
        assertThat(alerts.onWaitTargetRiskPassed("risk-1")).as("cleared once").isFalse();

        clock.set(clock.instant().plus(Duration.ofMinutes(30)));
        alerts.onWaitTargetAtRisk("risk-1", "Open counter 4 (for A): risk falls to 10 %");
        assertThat(alerts.list(List.of("risk-1"), false, 10)).hasSize(2);
        assertThat(alerts.list(List.of("risk-1"), true, 10)).hasSize(1);
    }
}
