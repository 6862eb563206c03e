package tw.jiaohao.office.ticketing;

import static org.assertj.core.api.Assertions.assertThat;
import static tw.jiaohao.protocol.counter.CommandAction.CALL_NEXT;
import static tw.jiaohao.protocol.counter.CommandAction.NO_SHOW;
import static tw.jiaohao.protocol.counter.CommandAction.OPEN;
import static tw.jiaohao.protocol.counter.CommandAction.TRANSFER;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.testing.MutableClock;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.ReplyCode;
import tw.jiaohao.protocol.event.TicketState;

/** Default office: counter 1 serves P,A,B; 2 A,B,P; 3 B,A; 4 C,D,A; 5 D,C; ceiling 30 min. */
class CallOrderIT {
    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.at("2026-11-22T01:00:00Z");

    private String call(TestOffice office, int counter) {
        CommandReply reply = office.command(counter, CALL_NEXT);
        assertThat(reply.code()).as("call at counter %d: %s", counter, reply.message()).isEqualTo(ReplyCode.OK);
        assertThat(office.command(counter, NO_SHOW).ok()).isTrue();
        return reply.ticket().number();
    }

    private void issue(TestOffice office, String... categories) {
        for (String c : categories) {
            office.engine.issue(c);
            clock.advance(Duration.ofSeconds(10));
        }
    }

    @Test
    void callNext_followsTheCounterProfile_beforeIssueOrder() {
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            office.command(3, OPEN);
            issue(office, "A", "A", "B", "C");
            assertThat(call(office, 3)).isEqualTo("B001"); // profile B,A: B first although A is older
            assertThat(call(office, 3)).isEqualTo("A001");
            assertThat(call(office, 3)).isEqualTo("A002");
            assertThat(office.command(3, CALL_NEXT).code()).isEqualTo(ReplyCode.NOBODY_WAITING); // C is not served at 3
        }
    }

    @Test
    void priorityLane_goesFirst_onlyAtCountersThatServeIt() {
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            office.command(2, OPEN);
            office.command(3, OPEN);
            issue(office, "A", "B", "P");
            assertThat(call(office, 3)).isEqualTo("B001"); // 3 does not serve P
            assertThat(call(office, 2)).isEqualTo("P001"); // 2 lists P last, but it is the priority lane
            assertThat(call(office, 2)).isEqualTo("A001");
        }
    }

    @Test
    void starvationCeiling_callsTheOldestTicket_pastThirtyMinutes() {
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            office.command(3, OPEN);
            issue(office, "A");
            for (int i = 0; i < 10; i++) {
                issue(office, "B");
            }
            clock.set(java.time.Instant.parse("2026-11-22T01:29:59Z")); // A001 has waited 29:59
            assertThat(call(office, 3)).isEqualTo("B001");
            clock.set(java.time.Instant.parse("2026-11-22T01:30:00Z")); // 30:00: at the ceiling
            assertThat(call(office, 3)).isEqualTo("A001");
            assertThat(call(office, 3)).isEqualTo("B002");
        }
    }

    @Test
    void transfer_placesTheNewTicket_byItsOriginalIssueTime() {
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            office.command(1, OPEN);
            office.command(3, OPEN);
            issue(office, "A", "B", "B");
            CommandReply called = office.command(1, CALL_NEXT);
            assertThat(called.ticket().number()).isEqualTo("A001");
            CommandReply moved = office.command(1, TRANSFER, null, "B", null);
            assertThat(moved.ok()).isTrue();
            assertThat(moved.ticket().number()).isEqualTo("B003");
            assertThat(moved.ticket().state()).isEqualTo(TicketState.WAITING);
            assertThat(moved.ticket().issuedAt()).isEqualTo(called.ticket().issuedAt());
            assertThat(call(office, 3)).isEqualTo("B003"); // issued before B001 originally
            assertThat(call(office, 3)).isEqualTo("B001");
        }
    }

    @Test
    void waitingFromYesterday_isNotCalledToday() {
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            office.command(3, OPEN);
            issue(office, "B");
            clock.advance(Duration.ofDays(1));
            assertThat(office.command(3, CALL_NEXT).code()).isEqualTo(ReplyCode.NOBODY_WAITING);
        }
    }
}
