package tw.jiaohao.office.upkeep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.testing.MutableClock;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.office.ticketing.EventOutbox.StoredEvent;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.ReplyCode;
import tw.jiaohao.protocol.event.CancelReason;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.state.StateSnapshot;

/** Tickets left open are closed at closing time and at the end of the office day, once, across restarts and clock jumps. */
class EndOfDayIT {
    private final JsonCodec codec = new JsonCodec();
    @TempDir
    Path dir;

    private List<OfficeEvent> cancellations(TestOffice office) {
        return office.engine.range(1, Long.MAX_VALUE, 10_000).stream().map(StoredEvent::payload)
                .map(p -> codec.decodeOrThrow(p, OfficeEvent.class)).filter(e -> e.type() == EventType.TICKET_CANCELLED).toList();
    }

    @Test
    void atTaipeiMidnight_1600Utc_waitingCalledAndServingOfTheEndedDayAreClosed_andCountersFreed() {
        MutableClock clock = MutableClock.at("2026-11-22T09:00:00Z"); // 17:00 Taipei
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            Upkeep upkeep = new Upkeep(office.engine);
            office.engine.issue("A");
            office.engine.issue("A");
            office.engine.issue("B");
            office.engine.issue("A");
            office.command(1, CommandAction.OPEN);
            office.command(2, CommandAction.OPEN);
            assertThat(office.command(1, CommandAction.CALL_NEXT).code()).isEqualTo(ReplyCode.OK); // A001 called
            office.command(2, CommandAction.CALL_NEXT); // A002
            office.command(2, CommandAction.START);    // A002 serving

            clock.set(Instant.parse("2026-11-22T15:59:59Z"));
            upkeep.runOnce();
            assertThat(cancellations(office)).as("no closing time configured: nothing before midnight").isEmpty();

            clock.set(Instant.parse("2026-11-22T16:00:00Z")); // 00:00 Taipei, the 23rd
            upkeep.runOnce();

            List<OfficeEvent> closed = cancellations(office);
            assertThat(closed).extracting(OfficeEvent::ticketNumber).containsExactlyInAnyOrder("A001", "A002", "B001", "A003");
            assertThat(closed).allSatisfy(e -> {
                assertThat(e.reason()).isEqualTo(CancelReason.DAY_ENDED);
                assertThat(e.officeDay()).hasToString("2026-11-22");
            });
            StateSnapshot s = office.engine.snapshot();
            assertThat(s.counters()).allSatisfy(k -> assertThat(k.current()).isNull());
            assertThat(s.counters().get(0).open()).as("counters stay open").isTrue();
            // the freed counter calls again as soon as today has a ticket
            office.engine.issue("A");
            assertThat(office.command(1, CommandAction.CALL_NEXT).ticket().number()).isEqualTo("A001");

            long events = office.engine.lastSeq();
            upkeep.runOnce();
            assertThat(office.engine.lastSeq()).as("a second run closes nothing").isEqualTo(events);
        }
    }

    @Test
    void lateAfternoon_atClosingTime_waitingAndCalledClosedOnce_servingKept_evenAfterRestartAndClockSetBack() {
        OfficeConfig config = TestOffice.config(dir, "office.closes-at=17:30");
        MutableClock clock = MutableClock.at("2026-11-22T09:00:00Z"); // 17:00 Taipei
        try (TestOffice office = new TestOffice(config, clock)) {
            Upkeep upkeep = new Upkeep(office.engine);
            office.engine.issue("A");
            office.engine.issue("A");
            office.engine.issue("A");
            office.command(1, CommandAction.OPEN);
            office.command(2, CommandAction.OPEN);
            office.command(1, CommandAction.CALL_NEXT);
            office.command(1, CommandAction.START); // A001 serving: the customer is at the counter
            office.command(2, CommandAction.CALL_NEXT); // A002 called

            clock.set(Instant.parse("2026-11-22T09:29:59Z"));
            upkeep.runOnce();
            assertThat(cancellations(office)).isEmpty();

            clock.set(Instant.parse("2026-11-22T09:30:00Z")); // 17:30 Taipei
            upkeep.runOnce();
            assertThat(cancellations(office)).extracting(OfficeEvent::ticketNumber, OfficeEvent::reason)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("A002", CancelReason.OFFICE_CLOSED),
                            org.assertj.core.groups.Tuple.tuple("A003", CancelReason.OFFICE_CLOSED));
            StateSnapshot s = office.engine.snapshot();
            assertThat(s.counters().get(0).current().number()).isEqualTo("A001");
            assertThat(s.counters().get(1).current()).isNull();
            assertThat(s.categories().get(0).waiting()).isZero();
            // a ticket issued after closing (staff working late) is not closed again the same day
            office.engine.issue("A");
        }
        clock.set(Instant.parse("2026-11-22T10:00:00Z"));
        try (TestOffice office = new TestOffice(config, clock)) {
            Upkeep upkeep = new Upkeep(office.engine);
            upkeep.runOnce();
            clock.set(Instant.parse("2026-11-22T09:45:00Z")); // NTP sets the clock back
            upkeep.runOnce();
            assertThat(cancellations(office)).hasSize(2);
            assertThat(office.engine.snapshot().categories().get(0).waiting()).isEqualTo(1);

            clock.advance(Duration.ofHours(7)); // past midnight: the rest of the day is closed
            upkeep.runOnce();
            assertThat(cancellations(office)).extracting(OfficeEvent::ticketNumber).containsExactlyInAnyOrder("A002", "A003", "A004", "A001");
            assertThat(cancellations(office)).filteredOn(e -> e.ticketNumber().equals("A001"))
                    .extracting(OfficeEvent::reason).containsExactly(CancelReason.DAY_ENDED);
        }
    }

    @Test
    void clockJumpsDaysAhead_everyEarlierDayIsClosedOnce() {
        MutableClock clock = MutableClock.at("2026-11-20T02:00:00Z");
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            office.engine.issue("C");
            clock.set(Instant.parse("2026-11-21T02:00:00Z"));
            // the node was off over midnight: the first ticket of the next day comes before any sweep
            office.engine.issue("C");
            clock.set(Instant.parse("2026-11-25T02:00:00Z"));
            new Upkeep(office.engine).runOnce();
            new Upkeep(office.engine).runOnce();
            assertThat(cancellations(office)).extracting(OfficeEvent::ticketId)
                    .containsExactlyInAnyOrder("2026-11-20/C001", "2026-11-21/C001");
        }
    }
}
