package tw.jiaohao.office.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tw.jiaohao.office.health.NodeHealth;
import tw.jiaohao.office.health.NodeHealth.Condition;
import tw.jiaohao.office.ticketing.ClockTrust;
import tw.jiaohao.office.ticketing.ClockWatch;
import tw.jiaohao.office.ticketing.DiskSpace;

/** The pure rules behind the fault handling: disk levels, clock trust and steps, the health detail (the high-water mark: {@code ticketing.HighWaterMarkTest}). */
class FaultRulesTest {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    @Test
    void diskSpace_isLowBelowTheLowMark_andReserveBelowTheReserve_andUnknownCountsAsFull() {
        DiskSpace space = new DiskSpace(500, 100, () -> 0);
        assertThat(space.level(501)).isEqualTo(DiskSpace.Level.OK);
        assertThat(space.level(499)).isEqualTo(DiskSpace.Level.LOW);
        assertThat(space.level(99)).isEqualTo(DiskSpace.Level.RESERVE);
        assertThat(space.level(-1)).isEqualTo(DiskSpace.Level.RESERVE);
        assertThat(new DiskSpace(0, 0, () -> 0).level(0)).isEqualTo(DiskSpace.Level.OK);
    }

    @Test
    void clockTrust_refusesAnUnsynchronisedClock_andADayBeforeTheStoredOnes_untilStaffConfirmTheDate() {
        Instant morning = Instant.parse("2026-11-23T00:35:00Z"); // 08:35 Taipei
        ClockTrust unsynced = new ClockTrust(false, () -> Optional.of(false), TAIPEI);
        assertThat(unsynced.check(morning, null).trusted()).isFalse();
        unsynced.confirmDate(LocalDate.of(2026, 11, 23));
        assertThat(unsynced.check(morning, null).trusted()).isTrue();
        assertThat(unsynced.check(morning.plus(Duration.ofDays(1)), null).trusted()).as("confirmed for that date only").isFalse();

        ClockTrust unknown = new ClockTrust(false, ClockTrust.SyncStatus.UNKNOWN, TAIPEI);
        assertThat(unknown.check(morning, LocalDate.of(2026, 11, 23)).trusted()).isTrue();
        assertThat(unknown.check(morning, LocalDate.of(2026, 11, 24)).why()).contains("went back");
        assertThat(new ClockTrust(true, () -> Optional.of(false), TAIPEI).check(morning, LocalDate.of(2027, 1, 1)).trusted()).isTrue();
    }

    @Test
    void clockTrust_takesHeadOfficesTime_asOneSource_refusingBeyondTheTolerance_andAgreeingOverridesASilentNtp() {
        Instant morning = Instant.parse("2026-11-23T00:35:00Z"); // 08:35 Taipei
        ClockTrust unsynced = new ClockTrust(false, () -> Optional.of(false), TAIPEI, Duration.ofMinutes(15));
        assertThat(unsynced.check(morning, null, morning.plus(Duration.ofMinutes(14))).trusted())
                .as("head office agrees within 15 min: trusted though NTP has not answered").isTrue();
        ClockTrust.Verdict off = unsynced.check(morning.minus(Duration.ofHours(15)), null, morning);
        assertThat(off.trusted()).isFalse();
        assertThat(off.why()).contains("head office's time is 2026-11-23T00:35:00Z").contains("900 min apart")
                .contains("clock.hub-tolerance-seconds=900");
        assertThat(unsynced.check(morning, null, null).trusted()).as("no hub time: NTP decides").isFalse();
        ClockTrust noCompare = new ClockTrust(false, ClockTrust.SyncStatus.UNKNOWN, TAIPEI, Duration.ZERO);
        assertThat(noCompare.check(morning, null, morning.plus(Duration.ofHours(3))).trusted()).as("tolerance 0: not compared").isTrue();
        assertThat(unsynced.check(morning, LocalDate.of(2026, 11, 24), morning).why()).as("stored events still count first")
                .contains("went back");
    }

    @Test
    void clockWatch_seesAStepOnlyWhenTheWallClockAndTheMonotonicClockDisagreeByMoreThanTwoMinutes() {
        ClockWatch watch = new ClockWatch();
        Instant t = Instant.parse("2026-11-23T02:00:00Z");
        assertThat(watch.look(t, 0)).isNull();
        assertThat(watch.look(t.plusSeconds(3600), Duration.ofSeconds(3600).toNanos())).as("an hour passed").isNull();
        assertThat(watch.look(t.plusSeconds(3600 + 90), Duration.ofSeconds(3600).toNanos())).as("drift within tolerance").isNull();
        ClockWatch.Step back = watch.look(t.plusSeconds(3600 + 90 - 600), Duration.ofSeconds(3600).toNanos());
        assertThat(back.by()).isEqualTo(Duration.ofMinutes(-10));
    }

    @Test
    void nodeHealth_listsTheConditionsMostSeriousFirst_withoutSplittingATextAndTellsOnlyChanges() {
        NodeHealth health = new NodeHealth();
        List<String> published = new ArrayList<>();
        health.onChange(published::add);
        health.set(Condition.DISK_LOW, "400 MB free");
        health.set(Condition.DISK_LOW, "400 MB free");
        health.set(Condition.CLOCK_UNTRUSTED, "not synchronised; waiting");
        assertThat(health.detail()).isEqualTo("clock-unset: not synchronised, waiting; disk-low: 400 MB free");
        health.clear(Condition.DISK_LOW);
        health.clear(Condition.CLOCK_UNTRUSTED);
        assertThat(published).hasSize(4).last().isNull();
        health.set(Condition.STORE_FAILED, "x".repeat(400));
        assertThat(health.detail()).hasSize(NodeHealth.MAX_DETAIL);
    }
}
