package tw.jiaohao.office.ticketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tw.jiaohao.office.health.NodeHealth;
import tw.jiaohao.protocol.counter.ReplyCode;
import tw.jiaohao.protocol.state.StateSnapshot;

/** The change gate's contract: the hold waits then refuses, the release lets waiting changes through, the disk reserve and the clock. */
class ChangeGateTest {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final Instant MORNING = Instant.parse("2026-11-23T00:35:00Z");

    private final AtomicReference<DiskSpace.Level> disk = new AtomicReference<>(DiskSpace.Level.OK);

    private ChangeGate gate(boolean synced, Duration holdWait) {
        OfficeTime time = new OfficeTime(Clock.fixed(MORNING, TAIPEI), TAIPEI,
                new ClockTrust(false, () -> Optional.of(synced), TAIPEI), new NodeHealth());
        return new ChangeGate(time, disk::get, holdWait);
    }

    @Test
    void aHeldChange_waitsForTheHoldWait_thenIsRefusedWithTheCheckingMessage() {
        ChangeGate gate = gate(true, Duration.ofMillis(200));
        gate.hold("checking with head office");
        long t0 = System.nanoTime();
        assertThatThrownBy(gate::admitChange).isInstanceOfSatisfying(Refusal.class, r -> {
            assertThat(r.code).isEqualTo(ReplyCode.INVALID_STATE);
            assertThat(r.getMessage()).isEqualTo(Texts.held());
        });
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("it waited for the release first").isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThatThrownBy(gate::admitTicket).isInstanceOfSatisfying(IssueRefusedException.class,
                e -> assertThat(e.code()).isEqualTo(ReplyCode.INVALID_STATE));
        assertThat(gate.isHeld()).isTrue();
    }

    @Test
    void aReleaseLetsTheWaitingChangeThrough() throws Exception {
        ChangeGate gate = gate(true, Duration.ofSeconds(30));
        gate.hold("checking with head office");
        CompletableFuture<Void> waiting = new CompletableFuture<>();
        Thread change = new Thread(() -> {
            try {
                gate.admitChange();
                waiting.complete(null);
            } catch (RuntimeException e) {
                waiting.completeExceptionally(e);
            }
        }, "change-waiting");
        change.start();
        // what is tested is that the release, not the hold's timeout, ends the wait: release only once it waits
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (change.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(change.getState()).as("the change waits for the hold to end").isEqualTo(Thread.State.TIMED_WAITING);
        assertThat(waiting).isNotDone();
        assertThat(gate.release()).as("an ordinary hold: nothing for staff to confirm").isFalse();
        waiting.get(5, TimeUnit.SECONDS);
        assertThat(gate.isHeld()).isFalse();
        gate.admitChange(); // not held: passes at once
    }

    @Test
    void aHoldStaffCanConfirm_isShownToTheCounters_cutToTheSnapshotsLimit_andItsReleaseSaysSo() {
        ChangeGate gate = gate(true, Duration.ofMillis(10));
        assertThat(gate.holdForStaff(null)).isNull();
        AtomicReference<String> confirmedBy = new AtomicReference<>();
        String why = "x".repeat(StateSnapshot.MAX_HOLD + 20);
        gate.holdUntilConfirmed(why, confirmedBy::set);
        assertThat(gate.holdForStaff(null)).hasSize(StateSnapshot.MAX_HOLD).endsWith("…");
        gate.staffConfirmation().accept("counter 2");
        assertThat(confirmedBy.get()).isEqualTo("counter 2");
        assertThat(gate.release()).isTrue();
        assertThat(gate.staffConfirmation()).isNull();
        assertThat(gate.holdForStaff(null)).isNull();
    }

    @Test
    void theDiskReserve_refusesTicketsOnly() {
        ChangeGate gate = gate(true, Duration.ofMillis(10));
        gate.requireSpaceForTicket();
        disk.set(DiskSpace.Level.LOW);
        gate.requireSpaceForTicket();
        disk.set(DiskSpace.Level.RESERVE);
        assertThatThrownBy(gate::requireSpaceForTicket).isInstanceOfSatisfying(IssueRefusedException.class, e -> {
            assertThat(e.code()).isEqualTo(ReplyCode.STORE_FAILED);
            assertThat(e.getMessage()).isEqualTo(Texts.diskFull());
        });
        gate.admitChange(); // counter commands go on using the reserve
    }

    @Test
    void anUntrustedClock_refusesTickets_andIsShownToTheCounters() {
        ChangeGate unsynced = gate(false, Duration.ofMillis(10));
        assertThat(unsynced.clockTrusted(null)).isFalse();
        assertThatThrownBy(() -> unsynced.requireTrustedClock(null)).isInstanceOfSatisfying(IssueRefusedException.class,
                e -> assertThat(e.getMessage()).isEqualTo(Texts.clockUntrusted()));
        assertThat(unsynced.holdForStaff(null)).isNotNull();
        ChangeGate synced = gate(true, Duration.ofMillis(10));
        synced.requireTrustedClock(LocalDate.of(2026, 11, 23));
        assertThatThrownBy(() -> synced.requireTrustedClock(LocalDate.of(2026, 11, 24))).as("the clock's day is before the newest event's")
                .isInstanceOf(IssueRefusedException.class);
    }
}
