package tw.jiaohao.office.ticketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.forecast.OfficeState;
import tw.jiaohao.office.testing.MutableClock;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.protocol.counter.CommandAction;

/** Office hours at their boundaries, through the queue engine on a real SQLite file. 2026-11-23 is a Monday. */
class OfficeHoursIT {
    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final String HOURS = """
            hours.mon=08:30-17:00
            hours.tue=08:30-17:00
            hours.wed=08:30-17:00
            hours.thu=08:30-17:00
            hours.fri=08:30-17:00
            hours.lunch=12:00-13:00
            hours.lunch-counters=4,5
            hours.closed-dates=2026-11-24
            hours.extra-dates=2026-11-28
            category.D.last-ticket-minutes=60
            category.B.last-ticket-by-capacity=true
            hours.closing-grace-minutes=15
            """;

    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.at("2026-11-23T00:00:00Z");
    TestOffice office;

    @BeforeEach
    void open() {
        office = new TestOffice(TestOffice.config(dir, HOURS), clock);
    }

    @AfterEach
    void close() {
        office.close();
    }

    private void at(String local) {
        clock.set(LocalDateTime.parse(local).atZone(TAIPEI).toInstant());
    }

    private String refusal(String category) {
        try {
            office.engine.issue(category);
        } catch (IssueRefusedException e) {
            return e.getMessage();
        }
        throw new AssertionError("a ticket of " + category + " was issued at " + LocalDateTime.ofInstant(clock.instant(), TAIPEI));
    }

    @Test
    void theFirstTicketComesAtTheOpeningMinuteNotBefore() {
        at("2026-11-23T08:29:59");
        assertThat(refusal("A")).contains("11/23 08:30 開始服務", "opens at 08:30 on 2026-11-23");
        at("2026-11-23T08:30:00");
        assertThat(office.engine.issue("A").number()).isEqualTo("A001");
    }

    @Test
    void atLunchTicketsAreIssuedAndTheEstimateWaitsForTheRestingCountersToReturn() {
        office.command(4, CommandAction.OPEN);
        at("2026-11-23T12:30:00");
        IssuedTicket c = office.engine.issue("C");
        assertThat(c.servedNow()).isTrue();
        assertThat(c.estimateLowMinutes()).as("counter 4, the only one open for C, rests until 13:00").isGreaterThanOrEqualTo(30);
        at("2026-11-23T13:00:00");
        IssuedTicket after = office.engine.issue("C");
        assertThat(after.estimateLowMinutes()).isLessThan(30);
    }

    @Test
    void aCategorysLastTicketTimeStopsItAloneAtTheMinute() {
        at("2026-11-23T15:59:59");
        assertThat(office.engine.issue("D").number()).isEqualTo("D001");
        at("2026-11-23T16:00:00");
        assertThat(refusal("D")).contains("D 類今日已停止取號（最後取號時間 16:00）");
        assertThat(office.engine.issue("A").number()).isEqualTo("A001");
    }

    @Test
    void atClosingIssuingStopsUntilTheNextOpening_skippingAClosureDate() {
        at("2026-11-23T16:59:59");
        assertThat(office.engine.issue("A").number()).isEqualTo("A001");
        at("2026-11-23T17:00:00");
        assertThat(refusal("A")).as("Tuesday 11/24 is closed").contains("11/25 08:30 開始服務");
        at("2026-11-24T10:00:00");
        assertThat(refusal("A")).contains("11/25 08:30 開始服務");
    }

    @Test
    void anExtraWorkingSaturdayIssuesAndAnOrdinarySundayDoesNot() {
        at("2026-11-28T10:00:00");
        assertThat(office.engine.issue("A").number()).isEqualTo("A001");
        at("2026-11-29T10:00:00");
        assertThat(refusal("A")).contains("11/30 08:30 開始服務");
    }

    @Test
    void acrossLocalMidnightTheDayIsTheOfficesNotUtcs() {
        at("2026-11-25T23:59:59");
        assertThat(refusal("A")).contains("11/26 08:30 開始服務");
        // 00:00 in Taipei is 16:00 UTC of the day before
        at("2026-11-26T00:00:00");
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-25T16:00:00Z"));
        assertThat(refusal("A")).contains("11/26 08:30 開始服務");
        at("2026-11-26T08:30:00");
        assertThat(office.engine.issue("A").ticketId()).isEqualTo("2026-11-26/A001");
    }

    @Test
    void whenTheRangesUpperEndRunsPastClosingPlusTheGraceTheCategoryStops() {
        office.command(3, CommandAction.OPEN);
        at("2026-11-23T09:00:00");
        for (int i = 0; i < 12; i++) {
            office.engine.issue("B");
        }
        // 12 B at 8 min each, one counter: about 1.5 h of work — fine in the morning, past 17:15 at 16:30
        at("2026-11-23T16:30:00");
        assertThatThrownBy(() -> office.engine.issue("B")).isInstanceOf(IssueRefusedException.class)
                .hasMessageContaining("B 類今日剩餘的服務時間已排滿");
        assertThat(office.engine.issue("A").number()).as("A has no capacity rule").isEqualTo("A001");
    }

    @Test
    void theEstimateExpectsNobodyAfterACategorysLastTicketTime() {
        at("2026-11-23T15:30:00");
        LocalDate monday = LocalDate.of(2026, 11, 23);
        OfficeState s = office.db.transaction(c -> new EstimateSource(office.config).read(c, monday, clock.instant()).state());
        assertThat(s.issuingEndsInMinutes()).as("D stops an hour before the 17:00 closing, the others at it")
                .containsEntry("D", 30.0).containsEntry("A", 90.0).containsEntry("B", 90.0);
        at("2026-11-23T16:30:00");
        OfficeState later = office.db.transaction(c -> new EstimateSource(office.config).read(c, monday, clock.instant()).state());
        assertThat(later.issuingEndsInMinutes()).as("D's last ticket has passed").containsEntry("D", 0.0).containsEntry("A", 30.0);
    }
}
