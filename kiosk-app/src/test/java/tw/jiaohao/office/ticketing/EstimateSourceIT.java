package tw.jiaohao.office.ticketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.forecast.OfficeState;
import tw.jiaohao.office.testing.MutableClock;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.protocol.counter.CommandAction;

/** The forecast's state as the node reads it from a real SQLite file. 2026-11-23 is a Monday; 01:00 UTC is 09:00 in Taipei. */
class EstimateSourceIT {
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.at("2026-11-23T01:00:00Z");
    TestOffice office;

    @BeforeEach
    void open() {
        office = new TestOffice(TestOffice.defaultConfig(dir), clock);
    }

    @AfterEach
    void close() {
        office.close();
    }

    @Test
    void theCustomerAtACounterCarriesTheirOriginalIssueTime_acrossATransfer() {
        office.engine.issue("A");
        clock.advance(Duration.ofMinutes(20));
        office.command(1, CommandAction.OPEN);
        office.command(1, CommandAction.CALL_NEXT);
        clock.advance(Duration.ofMinutes(4));
        assertThat(office.command(1, CommandAction.TRANSFER, null, "B", null).ok()).isTrue();
        office.command(3, CommandAction.OPEN);
        clock.advance(Duration.ofMinutes(1));
        assertThat(office.command(3, CommandAction.CALL_NEXT).ticket().category()).isEqualTo("B");
        clock.advance(Duration.ofMinutes(5));

        OfficeState s = office.db.transaction(c -> new EstimateSource(office.config).read(c, MONDAY, clock.instant()).state());

        OfficeState.CounterNow three = s.counters().stream().filter(k -> k.number() == 3).findFirst().orElseThrow();
        assertThat(three.busyCategory()).isEqualTo("B");
        assertThat(three.busyMinutes()).as("called 5 minutes ago").isCloseTo(5.0, within(1e-6));
        assertThat(three.busyIssuedMinutesAgo()).as("issued at the kiosk 30 minutes ago (as A), not when transferred or called")
                .isCloseTo(30.0, within(1e-6));
    }
}
