package tw.jiaohao.office.ticketing.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tw.jiaohao.office.ticketing.lifecycle.NextPress.Outcome;
import tw.jiaohao.protocol.event.TicketState;

class NextPressTest {
    private static final Instant CALLED = Instant.parse("2026-11-22T01:00:00Z");

    @Test
    void aTicketBeingServed_isFinished() {
        assertThat(NextPress.decide(TicketState.SERVING, null, CALLED.plusSeconds(5))).isEqualTo(Outcome.SERVED);
    }

    @Test
    void aCalledTicket_pressedPastTheWindow_wasServed() {
        assertThat(NextPress.decide(TicketState.CALLED, CALLED, CALLED.plus(NextPress.NO_SHOW_WITHIN))).isEqualTo(Outcome.SERVED);
    }

    @Test
    void aCalledTicket_pressedWithinTheWindow_didNotCome() {
        assertThat(NextPress.decide(TicketState.CALLED, CALLED, CALLED.plus(NextPress.NO_SHOW_WITHIN).minusMillis(1)))
                .isEqualTo(Outcome.NO_SHOW);
    }

    @Test
    void noTicket_orOneNextCannotEnd_leavesNothingToEnd() {
        assertThat(NextPress.decide(null, null, CALLED)).isEqualTo(Outcome.NOTHING);
        assertThat(NextPress.decide(TicketState.DONE, null, CALLED)).isEqualTo(Outcome.NOTHING);
    }
}
