package tw.jiaohao.office.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.testing.MutableClock;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.office.ticketing.EventOutbox.StoredEvent;
import tw.jiaohao.office.ticketing.lifecycle.Command;
import tw.jiaohao.office.ticketing.lifecycle.Decision;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.CancelReason;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;

/** The batch form of the one decide → append → fold → save step, on a real SQLite file. */
class TransitionsIT {
    @TempDir
    Path dir;

    @Test
    void aBatch_decidesEachCommandOnTheStateTheEarlierOnesLeft_skipsRefusals_andLogsTheAcceptedEventsInOrder() {
        MutableClock clock = MutableClock.at("2026-11-22T02:00:00Z");
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            String a1 = office.engine.issue("A").ticketId();
            String b1 = office.engine.issue("B").ticketId();
            long before = office.engine.lastSeq();
            EventLog log = new EventLog(office.db, office.config.officeId());
            Transitions transitions = new Transitions(log, () -> office.config);
            Instant now = clock.instant();
            List<Command.CloseLeftover> batch = List.of(
                    new Command.CloseLeftover(a1, CancelReason.DAY_ENDED, now),
                    new Command.CloseLeftover(a1, CancelReason.DAY_ENDED, now), // closed by the first: refused
                    new Command.CloseLeftover("2026-11-22/C999", CancelReason.DAY_ENDED, now), // never issued: refused
                    new Command.CloseLeftover(b1, CancelReason.DAY_ENDED, now));

            Transitions.RanAll ran = log.change(c -> transitions.runAll(c, TicketStore.load(c, List.of(a1, b1), List.of()), batch),
                    seq -> { });

            assertThat(ran.accepted()).isEqualTo(2);
            assertThat(ran.refused()).extracting(Decision.Refused::reason)
                    .containsExactly(Decision.Reason.INVALID_STATE, Decision.Reason.UNKNOWN_TICKET);
            assertThat(ran.seq()).isEqualTo(before + 2);
            JsonCodec codec = new JsonCodec();
            List<OfficeEvent> logged = office.engine.range(before + 1, Long.MAX_VALUE, 100).stream().map(StoredEvent::payload)
                    .map(p -> codec.decodeOrThrow(p, OfficeEvent.class)).toList();
            assertThat(logged).extracting(OfficeEvent::type).containsExactly(EventType.TICKET_CANCELLED, EventType.TICKET_CANCELLED);
            assertThat(logged).extracting(OfficeEvent::ticketId).containsExactly(a1, b1);
            assertThat(logged).extracting(OfficeEvent::seq).containsExactly(before + 1, before + 2);
            assertThat(state(office, a1)).isEqualTo("CANCELLED");
            assertThat(state(office, b1)).isEqualTo("CANCELLED");
        }
    }

    @Test
    void aBatchWithNothingAccepted_writesNothing() {
        MutableClock clock = MutableClock.at("2026-11-22T02:00:00Z");
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            String a1 = office.engine.issue("A").ticketId();
            long before = office.engine.lastSeq();
            EventLog log = new EventLog(office.db, office.config.officeId());
            Transitions transitions = new Transitions(log, () -> office.config);
            Transitions.RanAll ran = office.db.transaction(c -> transitions.runAll(c, TicketStore.load(c, List.of(), List.of()),
                    List.of(new Command.CloseLeftover(a1, CancelReason.OFFICE_CLOSED, clock.instant()))));
            assertThat(ran.accepted()).isZero();
            assertThat(ran.refused()).extracting(Decision.Refused::reason).containsExactly(Decision.Reason.UNKNOWN_TICKET);
            assertThat(ran.seq()).isZero();
            assertThat(office.engine.lastSeq()).isEqualTo(before);
            assertThat(state(office, a1)).isEqualTo("WAITING");
        }
    }

    private static String state(TestOffice office, String ticketId) {
        return office.db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT state FROM tickets WHERE ticket_id = ?")) {
                s.setString(1, ticketId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
    }
}
