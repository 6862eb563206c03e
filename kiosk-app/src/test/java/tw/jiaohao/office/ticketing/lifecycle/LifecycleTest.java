package tw.jiaohao.office.ticketing.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tw.jiaohao.office.ticketing.lifecycle.Decision.Accepted;
import tw.jiaohao.office.ticketing.lifecycle.Decision.Refused;
import tw.jiaohao.office.ticketing.lifecycle.Event.TicketEvent;
import tw.jiaohao.protocol.event.CancelReason;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.protocol.event.TicketState;

/**
 * The lifecycle on its own: every ticket state × every command, every event × every state, and
 * replaying the decided events (through the office's published form) gives the same state.
 */
class LifecycleTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-22");
    private static final Instant T0 = Instant.parse("2026-11-22T01:00:00Z");
    /** Long enough after the call that "next" takes a CALLED customer as served. */
    private static final Instant LATER = T0.plus(NextPress.NO_SHOW_WITHIN).plusSeconds(30);
    private static final TicketRef A1 = new TicketRef(DAY, "A", 1, T0.minusSeconds(600));
    private static final TicketRef B1 = new TicketRef(DAY, "B", 1, T0.minusSeconds(300));
    private static final String T = A1.ticketId();
    private static final String W = B1.ticketId();

    /**
     * Counter 1, open, holds ticket A001 in {@code state} (called, started and ended as that
     * state implies, by counter 1); B001 waits. The counter holds A001 whatever its state, so
     * each command is refused or allowed by the ticket's state alone.
     */
    private static QueueState holding(TicketState state) {
        boolean called = state != TicketState.WAITING && state != TicketState.CANCELLED;
        boolean served = state == TicketState.SERVING || state == TicketState.DONE;
        Ticket a = new Ticket(A1, state, 1, called ? T0 : null, called ? T0 : null, served ? T0 : null,
                state.isFinal() ? T0 : null, null, 3, 9, null);
        return QueueState.of(List.of(a, Ticket.waiting(B1, 0, 5, null)), List.of(new Counter(1, true, T, T)));
    }

    /** Every command, about A001 at counter 1 (call next finds B001 waiting). */
    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("ISSUE", new Command.Issue(new TicketRef(DAY, "A", 2, LATER), 1, 4, 2, 8));
        COMMANDS.put("OPEN", new Command.Open(1, LATER));
        COMMANDS.put("CLOSE", new Command.Close(1, LATER));
        COMMANDS.put("CALL_NEXT", new Command.CallNext(1, W, true, LATER));
        COMMANDS.put("RECALL", new Command.Recall(1, T, LATER));
        COMMANDS.put("NO_SHOW", new Command.NoShow(1, T, LATER));
        COMMANDS.put("START", new Command.Start(1, T, LATER));
        COMMANDS.put("FINISH", new Command.Finish(1, T, LATER));
        COMMANDS.put("TRANSFER", new Command.Transfer(1, T, "B", true, 2, LATER));
        COMMANDS.put("CANCEL", new Command.Cancel(1, T, LATER));
        COMMANDS.put("RATE_AT_COUNTER", new Command.RateAtCounter(1, T, Rating.DISSATISFIED, LATER));
        COMMANDS.put("RATE", new Command.Rate(T, Rating.SATISFIED, LATER));
        COMMANDS.put("CLOSE_LEFTOVER", new Command.CloseLeftover(T, CancelReason.DAY_ENDED, LATER));
    }

    /** state | command | the events (in order) or "refused REASON". */
    private static final String TABLE = """
            WAITING     | ISSUE           | TICKET_ISSUED
            WAITING     | OPEN            | opened
            WAITING     | CLOSE           | refused BUSY_CLOSE
            WAITING     | CALL_NEXT       | refused BUSY_CALL
            WAITING     | RECALL          | refused INVALID_STATE
            WAITING     | NO_SHOW         | refused INVALID_STATE
            WAITING     | START           | refused INVALID_STATE
            WAITING     | FINISH          | refused INVALID_STATE
            WAITING     | TRANSFER        | refused INVALID_STATE
            WAITING     | CANCEL          | TICKET_CANCELLED
            WAITING     | RATE_AT_COUNTER | refused NOT_SERVED_YET
            WAITING     | RATE            | refused NOT_SERVED_YET
            WAITING     | CLOSE_LEFTOVER  | TICKET_CANCELLED
            CALLED      | ISSUE           | TICKET_ISSUED
            CALLED      | OPEN            | opened
            CALLED      | CLOSE           | refused BUSY_CLOSE
            CALLED      | CALL_NEXT       | SERVICE_STARTED SERVICE_FINISHED TICKET_CALLED
            CALLED      | RECALL          | TICKET_RECALLED
            CALLED      | NO_SHOW         | TICKET_NO_SHOW
            CALLED      | START           | SERVICE_STARTED
            CALLED      | FINISH          | SERVICE_STARTED SERVICE_FINISHED
            CALLED      | TRANSFER        | TICKET_TRANSFERRED
            CALLED      | CANCEL          | refused INVALID_STATE
            CALLED      | RATE_AT_COUNTER | SERVICE_STARTED RATING_RECORDED ALERT_RAISED
            CALLED      | RATE            | refused NOT_SERVED_YET
            CALLED      | CLOSE_LEFTOVER  | TICKET_CANCELLED
            SERVING     | ISSUE           | TICKET_ISSUED
            SERVING     | OPEN            | opened
            SERVING     | CLOSE           | refused BUSY_CLOSE
            SERVING     | CALL_NEXT       | SERVICE_FINISHED TICKET_CALLED
            SERVING     | RECALL          | refused INVALID_STATE
            SERVING     | NO_SHOW         | refused INVALID_STATE
            SERVING     | START           | refused INVALID_STATE
            SERVING     | FINISH          | SERVICE_FINISHED
            SERVING     | TRANSFER        | TICKET_TRANSFERRED
            SERVING     | CANCEL          | refused INVALID_STATE
            SERVING     | RATE_AT_COUNTER | RATING_RECORDED ALERT_RAISED
            SERVING     | RATE            | RATING_RECORDED
            SERVING     | CLOSE_LEFTOVER  | TICKET_CANCELLED
            DONE        | ISSUE           | TICKET_ISSUED
            DONE        | OPEN            | opened
            DONE        | CLOSE           | refused BUSY_CLOSE
            DONE        | CALL_NEXT       | refused BUSY_CALL
            DONE        | RECALL          | refused INVALID_STATE
            DONE        | NO_SHOW         | refused INVALID_STATE
            DONE        | START           | refused INVALID_STATE
            DONE        | FINISH          | refused INVALID_STATE
            DONE        | TRANSFER        | refused INVALID_STATE
            DONE        | CANCEL          | refused INVALID_STATE
            DONE        | RATE_AT_COUNTER | RATING_RECORDED ALERT_RAISED
            DONE        | RATE            | RATING_RECORDED
            DONE        | CLOSE_LEFTOVER  | refused INVALID_STATE
            """ + finalRows("NO_SHOW") + finalRows("TRANSFERRED") + finalRows("CANCELLED");

    /** NO_SHOW, TRANSFERRED and CANCELLED tickets allow nothing but what does not touch them. */
    private static String finalRows(String state) {
        StringBuilder b = new StringBuilder();
        for (String command : COMMANDS.keySet()) {
            String outcome = switch (command) {
                case "ISSUE" -> "TICKET_ISSUED";
                case "OPEN" -> "opened";
                case "CLOSE" -> "refused BUSY_CLOSE";
                case "CALL_NEXT" -> "refused BUSY_CALL";
                case "RATE_AT_COUNTER", "RATE" -> "refused NOT_SERVED_YET";
                default -> "refused INVALID_STATE";
            };
            b.append(state).append(" | ").append(command).append(" | ").append(outcome).append('\n');
        }
        return b.toString();
    }

    static Stream<Arguments> table() {
        return TABLE.lines().filter(l -> !l.isBlank()).map(l -> Arrays.stream(l.split("\\|")).map(String::trim).toArray())
                .map(cells -> Arguments.of(TicketState.valueOf((String) cells[0]), cells[1], cells[2]));
    }

    @Test
    void theTableCoversEveryStateAndEveryCommandOnce() {
        List<String> pairs = table().map(a -> a.get()[0] + "/" + a.get()[1]).toList();
        assertThat(pairs).doesNotHaveDuplicates().hasSize(TicketState.values().length * COMMANDS.size());
        assertThat(COMMANDS.values().stream().map(c -> c.getClass().getName()).distinct())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Command.class.getPermittedSubclasses()).map(Class::getName).toList());
    }

    @ParameterizedTest(name = "{0} × {1} → {2}")
    @MethodSource("table")
    void eachCommandInEachStateIsAllowedOrRefusedAsTheTableSays(TicketState state, String command, String outcome) {
        QueueState before = holding(state);
        Decision d = Lifecycle.decide(before, COMMANDS.get(command));
        if (outcome.startsWith("refused ")) {
            assertThat(d).isInstanceOf(Refused.class);
            assertThat(((Refused) d).reason().name()).isEqualTo(outcome.substring("refused ".length()));
        } else {
            assertThat(d).isInstanceOf(Accepted.class);
            List<Event> events = ((Accepted) d).events();
            assertThat(events.stream().map(e -> e instanceof TicketEvent te ? te.type().name() : "opened"))
                    .containsExactly(outcome.split(" "));
            assertThat(events).allSatisfy(e -> assertThat(e.at()).isAfterOrEqualTo(T0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"CALLED", "SERVING"})
    void theStateAfterAnAcceptedCommandLeavesTheCounterConsistent(String s) {
        for (Command c : COMMANDS.values()) {
            QueueState before = holding(TicketState.valueOf(s));
            if (Lifecycle.decide(before, c) instanceof Accepted a) {
                QueueState after = Lifecycle.replay(before, a.events());
                Counter k = after.counter(1).orElseThrow();
                if (k.current() != null) {
                    assertThat(after.ticket(k.current()).orElseThrow().state()).as(c.toString())
                            .isIn(TicketState.CALLED, TicketState.SERVING);
                }
                assertThat(after.ticket(a.subject() == null ? T : a.subject())).as(c.toString()).isPresent();
            }
        }
    }

    @Test
    void nextSoonAfterTheCallMarksTheCustomerNoShowAndCallsTheNext() {
        Decision d = Lifecycle.decide(holding(TicketState.CALLED), new Command.CallNext(1, W, true, T0.plusSeconds(5)));
        assertThat(((Accepted) d).events().stream().map(e -> ((TicketEvent) e).type()))
                .containsExactly(EventType.TICKET_NO_SHOW, EventType.TICKET_CALLED);
    }

    @Test
    void aClosedCounterAnUntrustedClockAndAnEmptyQueueRefuseCallNext() {
        QueueState closed = QueueState.of(List.of(Ticket.waiting(B1, 0, 5, null)), List.of(new Counter(1, false, null, null)));
        QueueState open = QueueState.of(List.of(Ticket.waiting(B1, 0, 5, null)), List.of(new Counter(1, true, null, null)));
        assertThat(reason(Lifecycle.decide(closed, new Command.CallNext(1, W, true, LATER)))).isEqualTo(Decision.Reason.COUNTER_CLOSED);
        assertThat(reason(Lifecycle.decide(open, new Command.CallNext(1, W, false, LATER)))).isEqualTo(Decision.Reason.CLOCK_UNTRUSTED);
        assertThat(reason(Lifecycle.decide(open, new Command.CallNext(1, null, true, LATER)))).isEqualTo(Decision.Reason.NOBODY_WAITING);
    }

    @Test
    void aTransferIsRefusedForAnUnknownOrTheSameCategoryOrAFullDay() {
        QueueState s = holding(TicketState.SERVING);
        assertThat(reason(Lifecycle.decide(s, new Command.Transfer(1, T, "Z", false, null, LATER))))
                .isEqualTo(Decision.Reason.UNKNOWN_CATEGORY);
        assertThat(reason(Lifecycle.decide(s, new Command.Transfer(1, T, "A", true, 2, LATER)))).isEqualTo(Decision.Reason.SAME_CATEGORY);
        assertThat(reason(Lifecycle.decide(s, new Command.Transfer(1, T, "B", true, null, LATER)))).isEqualTo(Decision.Reason.DAY_FULL);
    }

    @Test
    void aCommandAboutAnotherCountersTicketOrNoTicketIsRefused() {
        QueueState s = QueueState.of(holding(TicketState.CALLED).tickets().values(),
                List.of(new Counter(1, true, T, null), new Counter(2, true, null, null)));
        assertThat(reason(Lifecycle.decide(s, new Command.Finish(2, T, LATER)))).isEqualTo(Decision.Reason.NOT_AT_THIS_COUNTER);
        assertThat(reason(Lifecycle.decide(s, new Command.Finish(2, null, LATER)))).isEqualTo(Decision.Reason.NO_CURRENT_TICKET);
        assertThat(reason(Lifecycle.decide(s, new Command.Finish(3, null, LATER)))).isEqualTo(Decision.Reason.UNKNOWN_COUNTER);
        assertThat(reason(Lifecycle.decide(s, new Command.Cancel(1, "2026-11-22/C009", LATER)))).isEqualTo(Decision.Reason.UNKNOWN_TICKET);
    }

    @Test
    void aTicketIsRatedOnce() {
        QueueState s = holding(TicketState.DONE);
        Accepted a = (Accepted) Lifecycle.decide(s, new Command.Rate(T, Rating.SATISFIED, LATER));
        assertThat(reason(Lifecycle.decide(Lifecycle.replay(s, a.events()), new Command.Rate(T, Rating.SATISFIED, LATER))))
                .isEqualTo(Decision.Reason.ALREADY_RATED);
    }

    @Test
    void anEndOfDayCancelIsNotStampedBeforeTheIssue() {
        Accepted a = (Accepted) Lifecycle.decide(holding(TicketState.WAITING),
                new Command.CloseLeftover(T, CancelReason.DAY_ENDED, A1.issuedAt().minusSeconds(60)));
        assertThat(a.events().get(0).at()).isEqualTo(A1.issuedAt());
    }

    // ------------------------------------------------------------------------------------ apply

    /** One event of every kind about A001, by counter 1. */
    private static final List<Event> EVENTS = List.of(
            new Event.Issued(A1, 3, 9, null, null, LATER),
            new Event.Called(A1, 1, LATER),
            new Event.Recalled(A1, 1, LATER),
            new Event.NoShown(A1, 1, LATER),
            new Event.Started(A1, 1, LATER),
            new Event.Finished(A1, 1, LATER),
            new Event.Transferred(A1, 1, new TicketRef(DAY, "B", 2, A1.issuedAt()), LATER),
            new Event.Cancelled(A1, null, CancelReason.OFFICE_CLOSED, LATER),
            new Event.Rated(A1, 1, Rating.SATISFIED, LATER),
            new Event.AlertRaised(A1, 1, Rating.DISSATISFIED, LATER),
            new Event.CounterOpened(1, LATER),
            new Event.CounterClosed(1, LATER));

    static Stream<Arguments> eventsAndStates() {
        List<QueueState> states = new ArrayList<>();
        states.add(QueueState.EMPTY);
        states.add(QueueState.of(List.of(), List.of(new Counter(1, false, null, null))));
        for (TicketState s : TicketState.values()) {
            states.add(holding(s));
        }
        return EVENTS.stream().flatMap(e -> states.stream().map(s -> Arguments.of(e, s)));
    }

    @Test
    void thereIsAnEventOfEveryKind() {
        assertThat(EVENTS.stream().map(Object::getClass).distinct()).hasSize(12);
        assertThat(EVENTS.stream().filter(e -> e instanceof TicketEvent).map(e -> ((TicketEvent) e).type()))
                .containsExactlyInAnyOrder(EventType.values());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("eventsAndStates")
    void applyIsTotalAndPutsTheTicketWhereTheEventSays(Event e, QueueState before) {
        QueueState after = Lifecycle.apply(before, e);
        if (!(e instanceof TicketEvent te)) {
            assertThat(after.counter(1).map(Counter::open)).isEqualTo(before.counter(1).map(k -> e instanceof Event.CounterOpened));
            return;
        }
        Ticket was = before.ticket(T).orElse(Ticket.waiting(A1, null, null, null));
        Ticket now = after.ticket(T).orElseThrow();
        TicketState expected = switch (te.type()) {
            case TICKET_CALLED -> TicketState.CALLED;
            case SERVICE_STARTED -> TicketState.SERVING;
            case SERVICE_FINISHED -> TicketState.DONE;
            case TICKET_NO_SHOW -> TicketState.NO_SHOW;
            case TICKET_TRANSFERRED -> TicketState.TRANSFERRED;
            case TICKET_CANCELLED -> TicketState.CANCELLED;
            default -> was.state();
        };
        assertThat(now.state()).isEqualTo(expected);
        if (expected.isFinal() && expected != was.state()) {
            assertThat(now.endedAt()).isEqualTo(LATER);
            assertThat(after.counters().values()).noneMatch(k -> T.equals(k.current()));
        }
        if (te.type() == EventType.SERVICE_FINISHED && before.counter(1).map(k -> T.equals(k.current())).orElse(false)) {
            assertThat(after.counter(1).orElseThrow().last()).isEqualTo(T);
        }
        if (te.type() == EventType.TICKET_CALLED && before.counter(1).isPresent()) {
            assertThat(after.counter(1).orElseThrow().current()).isEqualTo(T);
        }
        if (e instanceof Event.Transferred x) {
            assertThat(after.ticket(x.to().ticketId()).orElseThrow().state()).isEqualTo(TicketState.WAITING);
            assertThat(after.ticket(x.to().ticketId()).orElseThrow().transferredFrom()).isEqualTo(T);
        }
        if (e instanceof Event.Rated r) {
            assertThat(now.rating()).isEqualTo(r.rating());
        }
        assertThat(after.counters().keySet()).isEqualTo(before.counters().keySet());
    }

    // ------------------------------------------------------------------------------------ replay

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
    void replayingTheLoggedEventsAsPublishedGivesTheSameState(long seed) {
        Random random = new Random(seed);
        QueueState initial = QueueState.of(List.of(), List.of(new Counter(1, true, null, null), new Counter(2, true, null, null)));
        QueueState live = initial;
        List<OfficeEvent> log = new ArrayList<>();
        Instant at = T0;
        int[] numbers = {0, 0};
        int accepted = 0;
        for (int step = 0; step < 400; step++) {
            at = at.plusSeconds(random.nextInt(90));
            Command c = randomCommand(random, live, at, numbers);
            Decision d = Lifecycle.decide(live, c);
            if (!(d instanceof Accepted a)) {
                assertThat(Lifecycle.decide(live, c)).isEqualTo(d); // a refusal changes nothing, and says so again
                continue;
            }
            accepted++;
            for (Event e : a.events()) {
                live = Lifecycle.apply(live, e);
                if (e instanceof TicketEvent te) {
                    log.add(OfficeEvents.of(te, "office-1", log.size() + 1, UUID.randomUUID(), "alert"));
                }
            }
            for (Counter k : live.counters().values()) {
                if (k.current() != null) {
                    assertThat(live.ticket(k.current()).orElseThrow().state()).isIn(TicketState.CALLED, TicketState.SERVING);
                }
            }
        }
        assertThat(accepted).isGreaterThan(100);
        QueueState replayed = Lifecycle.replay(initial, log.stream().map(OfficeEvents::from).toList());
        assertThat(replayed).isEqualTo(live);
    }

    private static Command randomCommand(Random r, QueueState s, Instant at, int[] numbers) {
        int counter = 1 + r.nextInt(2);
        List<String> ids = new ArrayList<>(s.tickets().keySet());
        ids.sort(null);
        String any = ids.isEmpty() ? null : ids.get(r.nextInt(ids.size()));
        String waiting = s.tickets().values().stream().filter(t -> t.state() == TicketState.WAITING)
                .map(Ticket::ticketId).sorted().findFirst().orElse(null);
        Function<String, Integer> next = category -> ++numbers[category.equals("A") ? 0 : 1];
        return switch (r.nextInt(10)) {
            case 0, 1 -> {
                String cat = r.nextBoolean() ? "A" : "B";
                yield new Command.Issue(new TicketRef(DAY, cat, next.apply(cat), at), 0, 5, null, null);
            }
            case 2, 3 -> new Command.CallNext(counter, waiting, true, at);
            case 4 -> new Command.Recall(counter, null, at);
            case 5 -> new Command.Finish(counter, null, at);
            case 6 -> r.nextBoolean() ? transfer(s, counter, at, next) : new Command.Start(counter, null, at);
            case 7 -> new Command.Cancel(counter, any, at);
            case 8 -> new Command.RateAtCounter(counter, null, Rating.values()[r.nextInt(Rating.values().length)], at);
            default -> new Command.NoShow(counter, null, at);
        };
    }

    private static Command transfer(QueueState s, int counter, Instant at, Function<String, Integer> next) {
        String current = s.counter(counter).map(Counter::current).orElse(null);
        String target = current == null || current.contains("/A") ? "B" : "A";
        return new Command.Transfer(counter, null, target, true, current == null ? null : next.apply(target), at);
    }

    private static Decision.Reason reason(Decision d) {
        return ((Refused) d).reason();
    }

    @Test
    void anOfficeEventAndItsLifecycleEventMapBothWays() {
        for (Event e : EVENTS) {
            if (e instanceof TicketEvent te) {
                assertThat(OfficeEvents.from(OfficeEvents.of(te, "office-1", 7, UUID.randomUUID(), "alert"))).isEqualTo(te);
            }
        }
    }

    @Test
    void aTicketRefNamesItsTicket() {
        assertThat(A1.ticketId()).isEqualTo("2026-11-22/A001");
        assertThat(TicketRef.of("2026-11-22/B017", T0)).isEqualTo(new TicketRef(DAY, "B", 17, T0));
        assertThat(Duration.between(T0, LATER)).isGreaterThan(NextPress.NO_SHOW_WITHIN);
    }
}
