package tw.jiaohao.hub.staffing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.forecast.staffing.EarlyWarning;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.alerts.Alert;
import tw.jiaohao.hub.alerts.AlertKind;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.MutableClock;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.hub.testing.SyntheticOffice;
import tw.jiaohao.hub.testing.TestClient;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.event.TicketId;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * The early warning at a running hub (its clock set to 11:30 in Taipei): an office with four
 * weeks of history whose customers of the last hour have not been called, with one counter open,
 * gets one {@code WAIT_TARGET_AT_RISK} alert naming a counter to open, and a second check does not
 * raise another.
 */
class WaitTargetWarningIT {
    private static final JsonCodec CODEC = new JsonCodec();
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final String OFFICE = "wtw-keelung";

    private static List<Alert> warnings(Hub hub, boolean openOnly) {
        return hub.dashboard().alerts().list(List.of(OFFICE), openOnly, 1000).stream()
                .filter(a -> a.kind() == AlertKind.WAIT_TARGET_AT_RISK).toList();
    }

    @Test
    void anOfficeWhoseCustomersWaitUncalledGetsOneWarningNamingACounterToOpen(@TempDir Path dir) throws Exception {
        LocalDate today = LocalDate.of(2026, 12, 2);
        Instant now = today.atTime(11, 30).atZone(TAIPEI).toInstant();
        MutableClock clock = new MutableClock(now);
        Hub hub = Hub.start(HubFixture.config(dir, "", "wtw-it", Map.of("broker.embedded.port", "0",
                "staffing.warning-check-minutes", "0")), clock);
        try (TestClient client = new TestClient(hub.brokerUrl(), "wtw-it-office")) {
            SyntheticOffice sim = new SyntheticOffice(OFFICE, 3);
            long seq = 0;
            for (LocalDate d = today.minusDays(28); d.isBefore(today); d = d.plusDays(1)) {
                List<OfficeEvent> day = sim.day(d, 70);
                seq = day.get(day.size() - 1).seq();
                client.publishEvents(day);
            }
            // today: 30 customers from 10:20 on, nobody called yet
            List<OfficeEvent> waiting = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String number = String.format("A%03d", i + 1);
                Instant issued = today.atTime(10, 20).atZone(TAIPEI).toInstant().plusSeconds(i * 120L);
                waiting.add(new SyntheticOffice.Builder(OFFICE, today, TicketId.of(today, number), number, "A", issued)
                        .type(EventType.TICKET_ISSUED).at(issued).ahead(i, i).build(++seq));
            }
            client.publishEvents(waiting);
            List<StateSnapshot.CategoryView> cats = List.of(
                    new StateSnapshot.CategoryView("A", "一般", "General", false, 30, 40, "A030", null),
                    new StateSnapshot.CategoryView("B", "過戶", "Ownership", false, 0, 0, null, null),
                    new StateSnapshot.CategoryView("C", "報修", "Repairs", false, 0, 0, null, null),
                    new StateSnapshot.CategoryView("D", "新裝", "New", false, 0, 0, null, null));
            List<StateSnapshot.CounterView> counters = List.of(
                    new StateSnapshot.CounterView(1, "1", List.of("A", "B"), true, null),
                    new StateSnapshot.CounterView(2, "2", List.of("B", "A"), false, null),
                    new StateSnapshot.CounterView(3, "3", List.of("C", "D", "A"), false, null),
                    new StateSnapshot.CounterView(4, "4", List.of("D", "C"), false, null));
            client.publish(Topics.state(OFFICE), CODEC.encode(new StateSnapshot(ProtocolVersion.CURRENT, OFFICE, OFFICE, "Asia/Taipei",
                    seq, now, today, cats, counters, List.of())), true);
            long last = seq;
            Poll.until(Duration.ofSeconds(120), "history and today stored, state live", () -> hub.dashboard().live().state(OFFICE).isPresent()
                    && hub.store().progress(OFFICE).map(p -> p.contiguousSeq() == last).orElse(false));
        }
        try {
            Map<String, EarlyWarning.Risk> risks = hub.dashboard().waitTargetWatch().checkOnce();
            assertThat(risks).containsKey(OFFICE);
            assertThat(risks.get(OFFICE).brokenNow()).as("the last hour's customers were not called within 15 min").isTrue();
            // the synthetic history also raises its dissatisfied ratings: only the warning is looked at
            List<Alert> open = warnings(hub, true);
            assertThat(open).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(AlertKind.WAIT_TARGET_AT_RISK);
                assertThat(a.detail()).as("stored in the engine's English form, said in the reader's language by the pages")
                        .contains("Open counter").doesNotContain("開 ");
            });
            clock.set(now.plusSeconds(300));
            hub.dashboard().waitTargetWatch().checkOnce();
            assertThat(warnings(hub, false)).as("raised once").hasSize(1);
        } finally {
            hub.close();
        }
    }
}
