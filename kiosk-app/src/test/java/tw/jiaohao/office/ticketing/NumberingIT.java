package tw.jiaohao.office.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.testing.MutableClock;
import tw.jiaohao.office.testing.TestOffice;

class NumberingIT {
    @TempDir
    Path dir;

    @Test
    void numbering_restartsAt001_atTaipeiMidnight_whichIs1600Utc() {
        MutableClock clock = MutableClock.at("2026-11-22T15:58:00Z"); // 23:58 in Taipei
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            IssuedTicket a1 = office.engine.issue("A");
            IssuedTicket a2 = office.engine.issue("A");
            IssuedTicket b1 = office.engine.issue("B");
            assertThat(a1.number()).isEqualTo("A001");
            assertThat(a2.number()).isEqualTo("A002");
            assertThat(b1.number()).isEqualTo("B001");
            assertThat(a2.officeDay()).isEqualTo(LocalDate.of(2026, 11, 22));

            clock.set(java.time.Instant.parse("2026-11-22T15:59:59.999Z"));
            assertThat(office.engine.issue("A").number()).isEqualTo("A003");

            clock.set(java.time.Instant.parse("2026-11-22T16:00:00Z")); // 00:00 on the 23rd in Taipei
            IssuedTicket next = office.engine.issue("A");
            assertThat(next.number()).isEqualTo("A001");
            assertThat(next.officeDay()).isEqualTo(LocalDate.of(2026, 11, 23));
            assertThat(next.ticketId()).isEqualTo("2026-11-23/A001");
        }
    }

    @Test
    void lateAfternoon_inTaipei_isStillTheSameOfficeDay() {
        MutableClock clock = MutableClock.at("2026-11-22T00:30:00Z"); // 08:30 Taipei
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            assertThat(office.engine.issue("C").number()).isEqualTo("C001");
            clock.set(java.time.Instant.parse("2026-11-22T09:30:00Z")); // 17:30 Taipei, the "after 17:00" bug of peers
            IssuedTicket late = office.engine.issue("C");
            assertThat(late.number()).isEqualTo("C002");
            assertThat(late.officeDay()).isEqualTo(LocalDate.of(2026, 11, 22));
        }
    }

    @Test
    void numbers_areNeverReused_afterTheProcessDiesWithoutClosing() {
        MutableClock clock = MutableClock.at("2026-11-22T02:00:00Z");
        OfficeConfig config = TestOffice.defaultConfig(dir);
        TestOffice first = new TestOffice(config, clock);
        for (int i = 0; i < 5; i++) {
            first.engine.issue("A");
        }
        long seqBefore = first.engine.lastSeq();
        // "crash": the first node is abandoned without closing; a new one opens the same file
        try (TestOffice second = new TestOffice(config, clock)) {
            IssuedTicket next = second.engine.issue("A");
            assertThat(next.number()).isEqualTo("A006");
            assertThat(next.seq()).isEqualTo(seqBefore + 1);
        } finally {
            first.close();
        }
        clock.advance(Duration.ofMinutes(1));
        try (TestOffice third = new TestOffice(config, clock)) {
            assertThat(third.engine.issue("A").number()).isEqualTo("A007");
        }
    }

    @Test
    void issue_givesPeopleAheadAndAnEstimate_butPromisesNoWaitWhileNoOpenCounterServesTheCategory() {
        MutableClock clock = MutableClock.at("2026-11-22T02:00:00Z");
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            IssuedTicket first = office.engine.issue("D");
            assertThat(first.servedNow()).as("counters 4 and 5 are closed").isFalse();
            assertThat(first.estimateLowMinutes()).isNull();
            office.command(5, tw.jiaohao.protocol.counter.CommandAction.OPEN);
            IssuedTicket second = office.engine.issue("D");
            assertThat(second.peopleAhead()).isEqualTo(1);
            assertThat(second.servedNow()).isTrue();
            // D: 12 min configured; one ahead at the one open counter
            assertThat(second.estimateMinutes()).isBetween(6, 24);
            assertThat(second.estimateLowMinutes()).isLessThan(second.estimateHighMinutes());
        }
    }

    @Test
    void store_isWal_withSynchronousFull_soAReturnedNumberIsOnDisk() {
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), MutableClock.at("2026-11-22T02:00:00Z"))) {
            String[] pragmas = office.db.transaction(c -> {
                try (var s = c.createStatement()) {
                    var r1 = s.executeQuery("PRAGMA journal_mode");
                    r1.next();
                    String journal = r1.getString(1);
                    var r2 = s.executeQuery("PRAGMA synchronous");
                    r2.next();
                    return new String[] {journal, r2.getString(1)};
                }
            });
            assertThat(pragmas[0]).isEqualToIgnoringCase("wal");
            assertThat(pragmas[1]).as("2 = FULL").isEqualTo("2");
        }
    }

    @Test
    void databaseOfAnotherOffice_isRefused() {
        MutableClock clock = MutableClock.at("2026-11-22T02:00:00Z");
        OfficeConfig config = TestOffice.defaultConfig(dir);
        try (TestOffice office = new TestOffice(config, clock)) {
            office.engine.issue("A");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OfficeDatabase.open(config.databasePath(), "other-office"))
                .hasMessageContaining("database.path").hasMessageContaining("demo-office");
    }
}
