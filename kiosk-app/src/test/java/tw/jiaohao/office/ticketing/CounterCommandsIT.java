package tw.jiaohao.office.ticketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tw.jiaohao.protocol.counter.CommandAction.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.testing.MutableClock;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.office.ticketing.lifecycle.NextPress;
import tw.jiaohao.protocol.codec.JsonCodec;

import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.ReplyCode;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.protocol.event.TicketState;
import tw.jiaohao.protocol.state.StateSnapshot;

class CounterCommandsIT {
    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.at("2026-11-22T01:00:00Z");
    TestOffice office;

    @BeforeEach
    void open() {
        office = new TestOffice(TestOffice.defaultConfig(dir), clock);
    }

    @AfterEach
    void close() {
        office.close();
    }

    private List<OfficeEvent> events() {
        JsonCodec codec = new JsonCodec();
        List<OfficeEvent> out = new ArrayList<>();
        for (EventOutbox.StoredEvent e : office.engine.range(1, Long.MAX_VALUE, 100_000)) {
            out.add(codec.decodeOrThrow(e.payload(), OfficeEvent.class));
        }
        return out;
    }

    private void assertRefused(CommandReply reply, ReplyCode code) {
        long seq = office.engine.lastSeq();
        assertThat(reply.code()).isEqualTo(code);
        assertThat(reply.ok()).isFalse();
        assertThat(reply.message()).contains(" / ");
        assertThat(office.engine.lastSeq()).as("nothing stored").isEqualTo(seq);
    }

    @Test
    void aTicketsWholeLife_appendsOneEventPerChange_gapFree() {
        IssuedTicket t = office.engine.issue("A");
        assertThat(office.command(1, OPEN).ok()).isTrue();
        clock.advance(Duration.ofMinutes(3));
        CommandReply called = office.command(1, CALL_NEXT);
        assertThat(called.ticket().ticketId()).isEqualTo(t.ticketId());
        assertThat(called.ticket().state()).isEqualTo(TicketState.CALLED);
        assertThat(office.command(1, RECALL).ok()).isTrue();
        assertThat(office.command(1, START).ticket().state()).isEqualTo(TicketState.SERVING);
        clock.advance(Duration.ofMinutes(4));
        assertThat(office.command(1, FINISH).ticket().state()).isEqualTo(TicketState.DONE);
        assertThat(office.command(1, RATE, null, null, Rating.SATISFIED).ok()).isTrue();

        List<OfficeEvent> events = events();
        assertThat(events).extracting(OfficeEvent::type).containsExactly(EventType.TICKET_ISSUED, EventType.TICKET_CALLED,
                EventType.TICKET_RECALLED, EventType.SERVICE_STARTED, EventType.SERVICE_FINISHED, EventType.RATING_RECORDED);
        assertThat(events).extracting(OfficeEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(events).allSatisfy(e -> assertThat(e.issuedAt()).isEqualTo(t.issuedAt()));
        assertThat(events.get(1).counter()).isEqualTo(1);
        assertThat(office.engine.pendingCount()).isEqualTo(6);
    }

    @Test
    void everyInvalidCommand_getsItsCode_andStoresNothing() {
        office.engine.issue("A");
        assertRefused(office.command(42, CALL_NEXT), ReplyCode.UNKNOWN_COUNTER);
        assertRefused(office.command(1, CALL_NEXT), ReplyCode.COUNTER_CLOSED);
        office.command(1, OPEN);
        office.command(5, OPEN);
        assertRefused(office.command(5, CALL_NEXT), ReplyCode.NOBODY_WAITING);
        assertRefused(office.command(1, START), ReplyCode.NO_CURRENT_TICKET);
        String a1 = office.command(1, CALL_NEXT).ticket().ticketId();
        assertRefused(office.command(1, CLOSE), ReplyCode.BUSY);
        assertRefused(office.command(5, NO_SHOW, a1, null, null), ReplyCode.NOT_AT_THIS_COUNTER);
        assertRefused(office.command(1, RECALL, "2026-11-22/A999", null, null), ReplyCode.UNKNOWN_TICKET);
        assertRefused(office.command(1, TRANSFER, null, "Z", null), ReplyCode.UNKNOWN_CATEGORY);
        assertRefused(office.command(1, TRANSFER, null, "A", null), ReplyCode.INVALID_STATE);
        assertRefused(office.command(1, CANCEL, a1, null, null), ReplyCode.INVALID_STATE);
        assertRefused(office.command(1, RATE, null, null, Rating.SATISFIED), ReplyCode.NO_CURRENT_TICKET);
        assertRefused(office.engine.execute(new tw.jiaohao.protocol.counter.CounterCommand(1, "other-office", 1, CALL_NEXT, null, null, null)),
                ReplyCode.MALFORMED);
    }

    @Test
    void next_finishesTheCustomerServed_andCallsTheNext_inOnePress() {
        IssuedTicket a1 = office.engine.issue("A");
        IssuedTicket a2 = office.engine.issue("A");
        office.command(1, OPEN);
        office.command(1, CALL_NEXT);
        clock.advance(Duration.ofMinutes(1));
        office.command(1, RECALL);
        clock.advance(Duration.ofMinutes(4));
        CommandReply next = office.command(1, CALL_NEXT);

        assertThat(next.ok()).isTrue();
        assertThat(next.ticket().ticketId()).isEqualTo(a2.ticketId());
        List<OfficeEvent> events = events();
        assertThat(events).extracting(OfficeEvent::type).containsExactly(EventType.TICKET_ISSUED, EventType.TICKET_ISSUED,
                EventType.TICKET_CALLED, EventType.TICKET_RECALLED, EventType.SERVICE_STARTED, EventType.SERVICE_FINISHED,
                EventType.TICKET_CALLED);
        assertThat(events.get(4).at()).as("the implied start is the last recall").isEqualTo(events.get(3).at());
        assertThat(Duration.between(events.get(4).at(), events.get(5).at())).isEqualTo(Duration.ofMinutes(4));
        assertThat(events.get(5).ticketId()).isEqualTo(a1.ticketId());
        assertThat(office.command(1, RATE, null, null, Rating.SATISFIED).ok()).as("the finished customer can still rate").isTrue();
    }

    @Test
    void next_soonAfterTheCall_marksTheAbsentCustomerNoShow() {
        office.engine.issue("A");
        office.engine.issue("A");
        office.command(1, OPEN);
        office.command(1, CALL_NEXT);
        clock.advance(NextPress.NO_SHOW_WITHIN.minusSeconds(1));
        assertThat(office.command(1, CALL_NEXT).ok()).isTrue();
        assertThat(events()).extracting(OfficeEvent::type).endsWith(EventType.TICKET_NO_SHOW, EventType.TICKET_CALLED);
    }

    @Test
    void next_withNobodyWaiting_stillFinishesTheCustomer_soTheCounterCanClose() {
        IssuedTicket a1 = office.engine.issue("A");
        office.command(1, OPEN);
        office.command(1, CALL_NEXT);
        office.command(1, START);
        clock.advance(Duration.ofMinutes(2));
        CommandReply next = office.command(1, CALL_NEXT);
        assertThat(next.ok()).isTrue();
        assertThat(next.ticket().ticketId()).isEqualTo(a1.ticketId());
        assertThat(next.ticket().state()).isEqualTo(TicketState.DONE);
        assertThat(office.command(1, CLOSE).ok()).isTrue();
    }

    @Test
    void finish_onACalledTicket_impliesTheStart() {
        office.engine.issue("A");
        office.command(1, OPEN);
        office.command(1, CALL_NEXT);
        clock.advance(Duration.ofMinutes(3));
        assertThat(office.command(1, FINISH).ticket().state()).isEqualTo(TicketState.DONE);
        assertThat(events()).extracting(OfficeEvent::type).endsWith(EventType.SERVICE_STARTED, EventType.SERVICE_FINISHED);
    }

    @Test
    void rate_fromTheCounter_onACalledTicket_impliesTheStart() {
        IssuedTicket a1 = office.engine.issue("A");
        office.command(1, OPEN);
        office.command(1, CALL_NEXT);
        clock.advance(Duration.ofMinutes(2));
        assertThat(office.command(1, RATE, a1.ticketId(), null, Rating.SATISFIED).ok()).isTrue();
        assertThat(events()).extracting(OfficeEvent::type).endsWith(EventType.SERVICE_STARTED, EventType.RATING_RECORDED);
    }

    @Test
    void cancel_withdrawsAWaitingTicket() {
        IssuedTicket t = office.engine.issue("B");
        CommandReply r = office.command(3, CANCEL, t.ticketId(), null, null);
        assertThat(r.ok()).isTrue();
        assertThat(r.ticket().state()).isEqualTo(TicketState.CANCELLED);
        office.command(3, OPEN);
        assertThat(office.command(3, CALL_NEXT).code()).isEqualTo(ReplyCode.NOBODY_WAITING);
        assertThat(events().get(1).type()).isEqualTo(EventType.TICKET_CANCELLED);
    }

    @Test
    void rating_onePerTicket_andDissatisfiedRaisesAnAlert() {
        IssuedTicket t = office.engine.issue("A");
        office.command(1, OPEN);
        office.command(1, CALL_NEXT);
        assertThat(office.engine.rate(t.number(), Rating.NEUTRAL).code()).isEqualTo(ReplyCode.INVALID_STATE); // not served yet
        office.command(1, START);
        office.command(1, FINISH);
        RatingResult first = office.engine.rate(t.number(), Rating.DISSATISFIED);
        assertThat(first.ok()).isTrue();
        assertThat(first.ticketId()).isEqualTo(t.ticketId());
        RatingResult again = office.engine.rate(t.ticketId(), Rating.VERY_SATISFIED);
        assertThat(again.code()).isEqualTo(ReplyCode.ALREADY_RATED);
        assertThat(again.message()).contains(" / ");
        assertRefused(office.command(1, RATE, null, null, Rating.SATISFIED), ReplyCode.ALREADY_RATED);
        assertThat(office.engine.rate("Z123", Rating.SATISFIED).code()).isEqualTo(ReplyCode.UNKNOWN_TICKET);
        assertThat(office.engine.rate("garbage", Rating.SATISFIED).code()).isEqualTo(ReplyCode.UNKNOWN_TICKET);

        List<OfficeEvent> events = events();
        OfficeEvent alert = events.get(events.size() - 1);
        assertThat(alert.type()).isEqualTo(EventType.ALERT_RAISED);
        assertThat(alert.rating()).isEqualTo(Rating.DISSATISFIED);
        assertThat(alert.counter()).isEqualTo(1);
        assertThat(events.get(events.size() - 2).type()).isEqualTo(EventType.RATING_RECORDED);
    }

    @Test
    void issue_refusesAnUnknownCategory_withAMessageForTheCustomer() {
        assertThatThrownBy(() -> office.engine.issue("Q")).isInstanceOf(IssueRefusedException.class)
                .hasMessageContaining(" / ").hasMessageContaining("A, B, C, D, P");
        assertThat(office.engine.lastSeq()).isZero();
    }

    @Test
    void snapshot_showsWaiting_counters_andLastCalls() {
        office.engine.issue("A");
        office.engine.issue("A");
        office.engine.issue("P");
        office.command(1, OPEN);
        office.command(1, CALL_NEXT);
        office.command(1, RECALL);
        StateSnapshot s = office.engine.snapshot();
        assertThat(s.office()).isEqualTo("demo-office");
        assertThat(s.seq()).isEqualTo(office.engine.lastSeq());
        assertThat(s.officeDay()).hasToString("2026-11-22");
        StateSnapshot.CategoryView a = s.categories().get(0);
        assertThat(a.code()).isEqualTo("A");
        assertThat(a.waiting()).isEqualTo(2);
        assertThat(a.lastIssued()).isEqualTo("A002");
        // 2 A ahead, and counter 1 calls P first: a real wait, with a range around it
        assertThat(a.servedNow()).isTrue();
        assertThat(a.estimateMinutes()).isPositive();
        assertThat(a.estimateLowMinutes()).isLessThanOrEqualTo(a.estimateMinutes());
        assertThat(a.estimateHighMinutes()).isGreaterThan(a.estimateLowMinutes());
        assertThat(s.categories().get(3).servedNow()).as("D: counters 4 and 5 are closed").isFalse();
        assertThat(s.counters().get(0).open()).isTrue();
        assertThat(s.counters().get(0).current().number()).isEqualTo("P001");
        assertThat(s.counters().get(1).current()).isNull();
        assertThat(s.lastCalls()).extracting(StateSnapshot.CallView::recall).containsExactly(true, false);
    }

    @Test
    void anIssuedEventCarriesTheRangeItsTicketWasToldAndNoneWhenNoOpenCounterServesTheCategory() {
        office.command(2, OPEN);
        for (int i = 0; i < 6; i++) {
            office.engine.issue("A");
        }
        IssuedTicket a = office.engine.issue("A");
        IssuedTicket d = office.engine.issue("D");
        assertThat(a.servedNow()).isTrue();
        assertThat(d.servedNow()).as("no open counter serves D").isFalse();
        OfficeEvent aIssued = events().stream().filter(e -> e.ticketId().equals(a.ticketId())).findFirst().orElseThrow();
        OfficeEvent dIssued = events().stream().filter(e -> e.ticketId().equals(d.ticketId())).findFirst().orElseThrow();
        assertThat(aIssued.estimateMinutes()).isEqualTo(a.estimateMinutes());
        assertThat(aIssued.estimateLowMinutes()).isEqualTo(a.estimateLowMinutes()).isLessThan(aIssued.estimateHighMinutes());
        assertThat(dIssued.estimateLowMinutes()).isNull();
        assertThat(dIssued.estimateHighMinutes()).isNull();
    }

    @Test
    void theEstimateLearnsTheOfficesOwnServiceTimes() {
        office.command(2, OPEN);
        for (int i = 0; i < 8; i++) {
            office.engine.issue("B");
        }
        IssuedTicket configured = office.engine.issue("B");
        // the clerk at counter 2 takes 30 min per B customer instead of the configured 8
        for (int i = 0; i < 8; i++) {
            assertThat(office.command(2, CALL_NEXT).ok()).isTrue();
            assertThat(office.command(2, START).ok()).isTrue();
            clock.advance(Duration.ofMinutes(30));
            assertThat(office.command(2, FINISH).ok()).isTrue();
        }
        clock.advance(Duration.ofMinutes(EstimateSource.REFIT_MINUTES));
        for (int i = 0; i < 8; i++) {
            office.engine.issue("B");
        }
        IssuedTicket learned = office.engine.issue("B");
        assertThat(learned.estimateMinutes()).as("learned " + learned + " vs configured " + configured)
                .isGreaterThan(configured.estimateMinutes() * 2);
    }

    @Test
    void estimate_ofAHopelessQueue_isCappedAtADay_soTheTicketStillPrints() {
        for (int i = 0; i < 400; i++) {
            office.engine.issue("A");
        }
        office.command(2, OPEN);
        for (int i = 0; i < 5; i++) {
            if (i > 0) {
                clock.advance(Duration.ofMinutes(7));
            }
            assertThat(office.command(2, CALL_NEXT).ok()).isTrue();
            assertThat(office.command(2, NO_SHOW).ok()).isTrue();
        }
        // 395 waiting at one counter: days of work
        IssuedTicket next = office.engine.issue("A");
        assertThat(next.peopleAhead()).isEqualTo(395);
        assertThat(next.estimateMinutes()).isEqualTo(24 * 60);
    }

    @Test
    void onSnapshot_deliversTheNewState_onTheSnapshotThread() throws Exception {
        java.util.concurrent.BlockingQueue<StateSnapshot> seen = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.atomic.AtomicReference<String> thread = new java.util.concurrent.atomic.AtomicReference<>();
        Subscription subscription = office.engine.onSnapshot(s -> {
            thread.set(Thread.currentThread().getName());
            seen.add(s);
        });
        try {
            IssuedTicket t = office.engine.issue("C");
            StateSnapshot s;
            do {
                s = seen.poll(5, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(s).as("a snapshot within 5 s").isNotNull();
            } while (s.seq() < t.seq());
            assertThat(s.categories().get(2).waiting()).isEqualTo(1);
            assertThat(thread.get()).isEqualTo("jiaohao-snapshot");
        } finally {
            subscription.close();
        }
    }

}
