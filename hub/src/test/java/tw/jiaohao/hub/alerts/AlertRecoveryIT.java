package tw.jiaohao.hub.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.HubConfig;
import tw.jiaohao.hub.store.SqliteHubStore;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.hub.testing.SyntheticOffice;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.Rating;

/**
 * Alerts are derived from stored events through a durable cursor: a hub that crashes after the
 * ingest committed a batch but before the batch's alerts were raised raises them at its next
 * start, and raises none twice.
 */
class AlertRecoveryIT {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    @TempDir
    Path dir;

    @Test
    void aBatchStoredJustBeforeACrash_hasItsAlertsRaisedAfterTheRestart_once() {
        HubConfig config = HubFixture.config(dir, "", "alert-recovery", Map.of("broker.embedded.port", "0"));
        // first start: the store and the alert cursor are made; then the hub dies
        Hub first = Hub.start(config, Clock.systemUTC());
        assertThat(first.dashboard().alertFeed().cursor()).isZero();
        first.halt();

        // what the crashed hub's ingest had committed when it died: a day of events, no alerts yet
        List<OfficeEvent> events = new SyntheticOffice("north", 7).day(DAY, 120);
        try (SqliteHubStore store = new SqliteHubStore(config.dbPath(), SqliteHubStore.Sync.NORMAL, new JsonCodec(), Clock.systemUTC())) {
            assertThat(store.write(events, List.of()).stored()).isEqualTo(events.size());
        }
        Set<String> dissatisfied = events.stream()
                .filter(e -> e.type() == EventType.RATING_RECORDED && e.rating() == Rating.DISSATISFIED)
                .map(OfficeEvent::ticketNumber).collect(Collectors.toSet());
        Set<String> longWaits = events.stream().filter(e -> e.type() == EventType.TICKET_CALLED
                && Duration.between(e.issuedAt(), e.at()).compareTo(Duration.ofMinutes(15)) > 0)
                .map(OfficeEvent::ticketNumber).collect(Collectors.toSet());
        boolean anyLongWait = !longWaits.isEmpty();
        assertThat(dissatisfied).as("the day has dissatisfied ratings").isNotEmpty();
        assertThat(anyLongWait).as("the day has waits over the target").isTrue();

        Hub second = Hub.start(config, Clock.systemUTC());
        try {
            Poll.until(Duration.ofSeconds(20), "alerts of the stored events",
                    () -> second.dashboard().alertFeed().cursor() == events.size());
            assertAlerts(second, dissatisfied, longWaits);
        } finally {
            second.halt();
        }

        // and a further restart raises nothing again
        try (Hub third = Hub.start(config, Clock.systemUTC())) {
            assertThat(third.dashboard().alertFeed().cursor()).isEqualTo(events.size());
            assertAlerts(third, dissatisfied, longWaits);
            assertThat(third.dashboard().alerts().raisedCount()).isZero();
        }
    }

    private static void assertAlerts(Hub hub, Set<String> dissatisfied, Set<String> longWaits) {
        List<Alert> all = hub.dashboard().alerts().list(null, false, 1000);
        assertThat(all.stream().filter(a -> a.kind() == AlertKind.DISSATISFIED_RATING).map(Alert::ticketNumber))
                .containsExactlyInAnyOrderElementsOf(dissatisfied);
        assertThat(all.stream().filter(a -> a.kind() == AlertKind.WAIT_OVER_TARGET).map(Alert::ticketNumber))
                .as("one alert per ticket called after the target").containsExactlyInAnyOrderElementsOf(longWaits);
    }
}
