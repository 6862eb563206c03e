package tw.jiaohao.office.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.testing.SteppingClock;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.office.ticketing.ClockTrust;
import tw.jiaohao.office.ticketing.IssueRefusedException;
import tw.jiaohao.office.ticketing.OfficeDatabase;
import tw.jiaohao.office.ticketing.QueueEngine;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.counter.ReplyCode;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * The Pi's clock goes wrong: stepped back ten minutes mid-day, and booted with yesterday
 * evening's time (no battery clock) before NTP steps it forward. The queue keeps its order, no
 * counter is blocked, no ticket is numbered under the wrong day by a clock known to be unset,
 * and a forward step never cancels the people in the room. Tagged system (a fault test).
 */
@Tag("system")
class ClockFaultsSystemIT {
    private static final JsonCodec CODEC = new JsonCodec();
    @TempDir
    Path dir;

    @Test
    void aTenMinuteBackwardStepMidDay_keepsTheIssueOrder_andEveryCallSucceeds() {
        SteppingClock clock = SteppingClock.at("2026-11-23T02:00:00Z"); // 10:00 Taipei
        OfficeConfig config = TestOffice.defaultConfig(dir);
        try (OfficeDatabase db = OfficeDatabase.open(config.databasePath(), config.officeId());
             QueueEngine engine = new QueueEngine(config, db, clock, ClockTrust.SyncStatus.UNKNOWN)) {
            engine.execute(CounterCommand.of(config.officeId(), 1, CommandAction.OPEN));
            List<String> issued = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                issued.add(engine.issue("A").number());
                clock.advance(Duration.ofMinutes(1));
            }
            clock.step(Duration.ofMinutes(-10));
            for (int i = 0; i < 3; i++) {
                issued.add(engine.issue("A").number());
                clock.advance(Duration.ofMinutes(1));
            }
            List<String> called = new ArrayList<>();
            int failed = 0;
            for (int i = 0; i < issued.size(); i++) {
                CommandReply r = engine.execute(CounterCommand.of(config.officeId(), 1, CommandAction.CALL_NEXT));
                if (!r.ok()) {
                    failed++;
                    continue;
                }
                called.add(r.ticket().number());
                failed += engine.execute(CounterCommand.of(config.officeId(), 1, CommandAction.START)).ok() ? 0 : 1;
                failed += engine.execute(CounterCommand.of(config.officeId(), 1, CommandAction.FINISH)).ok() ? 0 : 1;
                clock.advance(Duration.ofSeconds(30));
            }
            List<OfficeEvent> events = engine.range(1, engine.lastSeq(), 1000).stream()
                    .map(e -> CODEC.decodeOrThrow(e.payload(), OfficeEvent.class)).toList();
            long backwards = events.stream().filter(e -> e.at().isBefore(e.issuedAt())).count();
            System.out.printf("backward step 10 min: issued %s, called %s, %d commands failed, %d events before their issue time, "
                    + "detail \"%s\"%n", issued, called, failed, backwards, engine.health().detail());
            assertThat(called).as("called in issue order").containsExactlyElementsOf(issued);
            assertThat(failed).isZero();
            assertThat(backwards).isZero();
            assertThat(engine.health().detail()).contains("clock-stepped: the clock moved back 10 min");
        }
    }

    @Test
    void bootedFifteenHoursBehind_withTheSyncStatusKnown_noTicketOrCallUntilNtp_thenTodaysNumbers() {
        SteppingClock clock = SteppingClock.at("2026-11-22T09:00:00Z"); // yesterday 17:00 Taipei
        OfficeConfig config = TestOffice.defaultConfig(dir);
        AtomicReference<Optional<Boolean>> synced = new AtomicReference<>(Optional.of(true));
        try (OfficeDatabase db = OfficeDatabase.open(config.databasePath(), config.officeId());
             QueueEngine engine = new QueueEngine(config, db, clock, synced::get)) {
            engine.execute(CounterCommand.of(config.officeId(), 1, CommandAction.OPEN));
            engine.issue("A");
            engine.issue("A"); // left waiting when the office shut down at 17:30
        }
        // next morning 08:20 Taipei; the Pi boots with the time it saved at shutdown, NTP not answered yet
        SteppingClock boot = SteppingClock.at("2026-11-22T09:30:00Z");
        synced.set(Optional.of(false));
        try (OfficeDatabase db = OfficeDatabase.open(config.databasePath(), config.officeId());
             QueueEngine engine = new QueueEngine(config, db, boot, synced::get)) {
            assertThatThrownBy(() -> engine.issue("A")).isInstanceOf(IssueRefusedException.class).hasMessageContaining("clock");
            CommandReply call = engine.execute(CounterCommand.of(config.officeId(), 1, CommandAction.CALL_NEXT));
            assertThat(call.code()).as("no call of yesterday's leftovers by an unset clock").isEqualTo(ReplyCode.INVALID_STATE);
            assertThat(engine.health().detail()).startsWith("clock-unset: ");
            String detailWhileUnset = engine.health().detail();
            boot.stepTo(Instant.parse("2026-11-23T00:35:00Z")); // NTP: 08:35 Taipei
            synced.set(Optional.of(true));
            String first = engine.issue("A").ticketId();
            System.out.printf("booted 15 h behind (sync known): refused while unset (\"%s\"), then %s%n", detailWhileUnset, first);
            assertThat(first).isEqualTo("2026-11-23/A001");
        }
    }

    @Test
    void anUnsetClockWithoutNtp_isLiftedByStaffConfirmingTheDateAtACounter() {
        OfficeConfig config = TestOffice.defaultConfig(dir);
        SteppingClock clock = SteppingClock.at("2026-11-23T00:40:00Z"); // 08:40 Taipei, set right by hand, NTP unreachable
        try (OfficeDatabase db = OfficeDatabase.open(config.databasePath(), config.officeId());
             QueueEngine engine = new QueueEngine(config, db, clock, () -> Optional.of(false))) {
            assertThatThrownBy(() -> engine.issue("A")).isInstanceOf(IssueRefusedException.class);
            CommandReply confirmed = engine.execute(CounterCommand.of(config.officeId(), 2, CommandAction.CONFIRM));
            assertThat(confirmed.ok()).isTrue();
            assertThat(engine.issue("A").ticketId()).isEqualTo("2026-11-23/A001");
            assertThat(engine.health().detail()).isNull();
        }
    }

    @Test
    void bootedFifteenHoursBehind_withoutASyncStatus_aForwardStepNeverCancelsThePeopleInTheRoom() {
        SteppingClock clock = SteppingClock.at("2026-11-22T09:00:00Z"); // yesterday 17:00 Taipei
        OfficeConfig config = TestOffice.defaultConfig(dir);
        try (OfficeDatabase db = OfficeDatabase.open(config.databasePath(), config.officeId());
             QueueEngine engine = new QueueEngine(config, db, clock, ClockTrust.SyncStatus.UNKNOWN)) {
            engine.execute(CounterCommand.of(config.officeId(), 1, CommandAction.OPEN));
            engine.issue("A");
            engine.issue("A");
        }
        SteppingClock boot = SteppingClock.at("2026-11-22T09:30:00Z"); // 15 h behind, nothing says so
        try (OfficeDatabase db = OfficeDatabase.open(config.databasePath(), config.officeId());
             QueueEngine engine = new QueueEngine(config, db, boot, ClockTrust.SyncStatus.UNKNOWN)) {
            List<String> morning = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                morning.add(engine.issue("A").ticketId());
                boot.advance(Duration.ofMinutes(2));
            }
            boot.step(Duration.ofHours(15)); // NTP answers
            boot.advance(Duration.ofMinutes(1));
            int closed = engine.closeLeftovers();
            List<String> called = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                CommandReply r = engine.execute(CounterCommand.of(config.officeId(), 1, CommandAction.CALL_NEXT));
                assertThat(r.ok()).as("call %d: %s", i, r.message()).isTrue();
                called.add(r.ticket().ticketId());
                engine.execute(CounterCommand.of(config.officeId(), 1, CommandAction.START));
                engine.execute(CounterCommand.of(config.officeId(), 1, CommandAction.FINISH));
            }
            String today = engine.issue("A").ticketId();
            System.out.printf("booted 15 h behind (no sync status): %d morning tickets numbered %s, %d of yesterday's closed after "
                    + "the step, called %s, next %s; detail \"%s\"%n", morning.size(), morning, closed, called, today, engine.health().detail());
            assertThat(closed).as("only yesterday's two real leftovers").isEqualTo(2);
            assertThat(called).as("the people in the room, in issue order").containsExactlyElementsOf(morning);
            assertThat(new HashSet<>(morning)).hasSize(6);
            assertThat(today).isEqualTo("2026-11-23/A001");
            assertThat(engine.health().detail()).contains("clock-stepped: the clock moved forward 15 h");
        }
    }
}
