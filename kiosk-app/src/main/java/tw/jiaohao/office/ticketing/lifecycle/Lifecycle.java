package tw.jiaohao.office.ticketing.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tw.jiaohao.office.ticketing.lifecycle.Command.CallNext;
import tw.jiaohao.office.ticketing.lifecycle.Command.Cancel;
import tw.jiaohao.office.ticketing.lifecycle.Command.Close;
import tw.jiaohao.office.ticketing.lifecycle.Command.CloseLeftover;
import tw.jiaohao.office.ticketing.lifecycle.Command.Finish;
import tw.jiaohao.office.ticketing.lifecycle.Command.Issue;
import tw.jiaohao.office.ticketing.lifecycle.Command.NoShow;
import tw.jiaohao.office.ticketing.lifecycle.Command.Open;
import tw.jiaohao.office.ticketing.lifecycle.Command.Rate;
import tw.jiaohao.office.ticketing.lifecycle.Command.RateAtCounter;
import tw.jiaohao.office.ticketing.lifecycle.Command.Recall;
import tw.jiaohao.office.ticketing.lifecycle.Command.Start;
import tw.jiaohao.office.ticketing.lifecycle.Command.Transfer;
import tw.jiaohao.office.ticketing.lifecycle.Decision.Accepted;
import tw.jiaohao.office.ticketing.lifecycle.Decision.Reason;
import tw.jiaohao.office.ticketing.lifecycle.Decision.Refused;
import tw.jiaohao.office.ticketing.lifecycle.Event.AlertRaised;
import tw.jiaohao.office.ticketing.lifecycle.Event.Called;
import tw.jiaohao.office.ticketing.lifecycle.Event.Cancelled;
import tw.jiaohao.office.ticketing.lifecycle.Event.CounterClosed;
import tw.jiaohao.office.ticketing.lifecycle.Event.CounterOpened;
import tw.jiaohao.office.ticketing.lifecycle.Event.Finished;
import tw.jiaohao.office.ticketing.lifecycle.Event.Issued;
import tw.jiaohao.office.ticketing.lifecycle.Event.NoShown;
import tw.jiaohao.office.ticketing.lifecycle.Event.Rated;
import tw.jiaohao.office.ticketing.lifecycle.Event.Recalled;
import tw.jiaohao.office.ticketing.lifecycle.Event.Started;
import tw.jiaohao.office.ticketing.lifecycle.Event.TicketEvent;
import tw.jiaohao.office.ticketing.lifecycle.Event.Transferred;
import tw.jiaohao.protocol.event.TicketState;

/**
 * The ticket lifecycle (docs/office-node/QUEUE.md), as two pure functions: no SQL, no MQTT, no
 * clock — the time comes in the command. The office's engine decides every change with
 * {@link #decide} and applies the events with {@link #apply}; the import of events the hub gives
 * back folds them with the same {@link #apply}. There is no other copy of the transitions.
 *
 * <pre>
 *   WAITING ──call──▶ CALLED ──start──▶ SERVING ──finish──▶ DONE
 *      │                │ └─no-show──▶ NO_SHOW      │
 *      │                └──────transfer──────────────┴──▶ TRANSFERRED (+ a new WAITING ticket)
 *      └──cancel──▶ CANCELLED ◀── end of the office day (WAITING, CALLED, SERVING)
 *   ratings: SERVING or DONE, once
 * </pre>
 */
public final class Lifecycle {
    private Lifecycle() {
    }

    /**
     * What {@code command} does to {@code state}: the events, in order, or the reason it is
     * refused. Never throws for a command about tickets or counters not in {@code state}: they
     * are unknown. Applying the accepted events to {@code state} with {@link #apply} gives the
     * state after the command.
     */
    public static Decision decide(QueueState state, Command command) {
        if (command instanceof Issue c) {
            if (state.ticket(c.ticket().ticketId()).isPresent()) {
                return Refused.ticket(Reason.ALREADY_ISSUED, c.ticket().numberText());
            }
            return accept(c.ticket().ticketId(), new Issued(c.ticket(), c.peopleAhead(), c.estimateMinutes(), c.estimateLow(),
                    c.estimateHigh(), c.at()));
        }
        if (command instanceof Open c) {
            if (state.counter(c.counter()).isEmpty()) {
                return Refused.of(Reason.UNKNOWN_COUNTER);
            }
            return accept(null, new CounterOpened(c.counter(), c.at()));
        }
        if (command instanceof Close c) {
            Optional<Counter> k = state.counter(c.counter());
            if (k.isEmpty()) {
                return Refused.of(Reason.UNKNOWN_COUNTER);
            }
            if (k.get().current() != null) {
                return Refused.ticket(Reason.BUSY_CLOSE, number(k.get().current()));
            }
            return accept(null, new CounterClosed(c.counter(), c.at()));
        }
        if (command instanceof CallNext c) {
            return callNext(state, c);
        }
        if (command instanceof Recall c) {
            return atCounter(state, c.counter(), c.ticketId(), (k, t) -> t.state() != TicketState.CALLED
                    ? Refused.state(t, "RECALL") : accept(t.ticketId(), new Recalled(t.ref(), c.counter(), c.at())));
        }
        if (command instanceof NoShow c) {
            return atCounter(state, c.counter(), c.ticketId(), (k, t) -> t.state() != TicketState.CALLED
                    ? Refused.state(t, "NO_SHOW") : accept(t.ticketId(), new NoShown(t.ref(), c.counter(), c.at())));
        }
        if (command instanceof Start c) {
            return atCounter(state, c.counter(), c.ticketId(), (k, t) -> t.state() != TicketState.CALLED
                    ? Refused.state(t, "START") : accept(t.ticketId(), new Started(t.ref(), c.counter(), c.at())));
        }
        if (command instanceof Finish c) {
            return atCounter(state, c.counter(), c.ticketId(), (k, t) -> {
                List<Event> events = new ArrayList<>();
                Ticket started = startImplicitly(k, t, events);
                if (started.state() != TicketState.SERVING) {
                    return Refused.state(started, "FINISH");
                }
                events.add(new Finished(t.ref(), c.counter(), c.at()));
                return new Accepted(events, t.ticketId());
            });
        }
        if (command instanceof Transfer c) {
            return atCounter(state, c.counter(), c.ticketId(), (k, t) -> {
                if (t.state() != TicketState.CALLED && t.state() != TicketState.SERVING) {
                    return Refused.state(t, "TRANSFER");
                }
                if (!c.targetKnown()) {
                    return Refused.category(Reason.UNKNOWN_CATEGORY, c.target());
                }
                if (c.target().equals(t.ref().category())) {
                    return Refused.category(Reason.SAME_CATEGORY, c.target());
                }
                if (c.toNumber() == null) {
                    return Refused.category(Reason.DAY_FULL, c.target());
                }
                TicketRef to = new TicketRef(t.ref().officeDay(), c.target(), c.toNumber(), t.ref().issuedAt());
                if (state.ticket(to.ticketId()).isPresent()) {
                    return Refused.ticket(Reason.ALREADY_ISSUED, to.numberText());
                }
                return accept(to.ticketId(), new Transferred(t.ref(), c.counter(), to, c.at()));
            });
        }
        if (command instanceof Cancel c) {
            Optional<Ticket> t = state.ticket(c.ticketId());
            if (t.isEmpty()) {
                return Refused.ticket(Reason.UNKNOWN_TICKET, String.valueOf(c.ticketId()));
            }
            if (t.get().state() != TicketState.WAITING) {
                return Refused.state(t.get(), "CANCEL");
            }
            return accept(c.ticketId(), new Cancelled(t.get().ref(), c.counter(), null, c.at()));
        }
        if (command instanceof RateAtCounter c) {
            return rateAtCounter(state, c);
        }
        if (command instanceof Rate c) {
            Optional<Ticket> t = state.ticket(c.ticketId());
            if (t.isEmpty()) {
                return Refused.ticket(Reason.UNKNOWN_TICKET, String.valueOf(c.ticketId()));
            }
            return rating(t.get(), c.rating(), c.at(), new ArrayList<>());
        }
        if (command instanceof CloseLeftover c) {
            Optional<Ticket> t = state.ticket(c.ticketId());
            if (t.isEmpty()) {
                return Refused.ticket(Reason.UNKNOWN_TICKET, String.valueOf(c.ticketId()));
            }
            if (t.get().state().isFinal()) {
                return Refused.state(t.get(), "CANCEL");
            }
            Instant issued = t.get().ref().issuedAt();
            return accept(c.ticketId(), new Cancelled(t.get().ref(), null, c.reason(), c.at().isBefore(issued) ? issued : c.at()));
        }
        throw new IllegalArgumentException("unknown command " + command);
    }

    /**
     * The state after {@code event}. Total and never throws: a ticket the state does not hold is
     * created from the event's {@link TicketRef} (WAITING), a counter it does not hold is left
     * out (counters are configured, not made by events); the event's effects are applied whatever
     * the ticket's state was — which events may happen is {@link #decide}'s business.
     */
    public static QueueState apply(QueueState state, Event event) {
        if (event instanceof CounterOpened e) {
            return state.counter(e.counter()).map(k -> state.with(new Counter(k.number(), true, k.current(), k.last())))
                    .orElse(state);
        }
        if (event instanceof CounterClosed e) {
            return state.counter(e.counter()).map(k -> state.with(new Counter(k.number(), false, null, k.last()))).orElse(state);
        }
        TicketEvent te = (TicketEvent) event;
        Ticket t = state.ticket(te.ticket().ticketId()).orElseGet(() -> Ticket.waiting(te.ticket(), null, null, null));
        Instant at = te.at();
        if (event instanceof Issued e) {
            return state.with(t.estimated(e.peopleAhead(), e.estimateMinutes()));
        }
        if (event instanceof Called e) {
            QueueState next = state.with(t.called(e.counter(), at));
            return next.counter(e.counter()).map(k -> next.with(new Counter(k.number(), k.open(), t.ticketId(), k.last())))
                    .orElse(next);
        }
        if (event instanceof Recalled) {
            return state.with(t.recalled(at));
        }
        if (event instanceof Started e) {
            return state.with(t.serving(e.counter(), at));
        }
        if (event instanceof NoShown e) {
            return free(state.with(t.ended(TicketState.NO_SHOW, e.counter(), at)), t.ticketId(), false);
        }
        if (event instanceof Finished e) {
            return free(state.with(t.ended(TicketState.DONE, e.counter(), at)), t.ticketId(), true);
        }
        if (event instanceof Transferred e) {
            QueueState next = free(state.with(t.ended(TicketState.TRANSFERRED, e.counter(), at)), t.ticketId(), false);
            return next.ticket(e.to().ticketId()).isPresent() ? next
                    : next.with(Ticket.waiting(e.to(), null, null, t.ticketId()));
        }
        if (event instanceof Cancelled) {
            // the counter in a cancel is who cancelled; the ticket was never at it
            return free(state.with(t.ended(TicketState.CANCELLED, null, at)), t.ticketId(), false);
        }
        if (event instanceof Rated e) {
            return state.with(t.rated(e.rating()));
        }
        if (event instanceof AlertRaised) {
            return state.ticket(t.ticketId()).isPresent() ? state : state.with(t);
        }
        throw new IllegalArgumentException("unknown event " + event);
    }

    /** {@link #apply} over {@code events} in order. */
    public static QueueState replay(QueueState state, List<? extends Event> events) {
        QueueState s = state;
        for (Event e : events) {
            s = apply(s, e);
        }
        return s;
    }

    // ------------------------------------------------------------------------------------------

    private static Decision callNext(QueueState state, CallNext c) {
        Optional<Counter> k = state.counter(c.counter());
        if (k.isEmpty()) {
            return Refused.of(Reason.UNKNOWN_COUNTER);
        }
        if (!k.get().open()) {
            return Refused.of(Reason.COUNTER_CLOSED);
        }
        List<Event> events = new ArrayList<>();
        String ended = null;
        if (k.get().current() != null) {
            Optional<Ticket> t = state.ticket(k.get().current());
            if (t.isEmpty()) {
                return Refused.ticket(Reason.UNKNOWN_TICKET, k.get().current());
            }
            Instant lastCall = t.get().state() == TicketState.CALLED ? t.get().lastCall() : null;
            Command end = switch (NextPress.decide(t.get().state(), lastCall, c.at())) {
                case NO_SHOW -> new NoShow(c.counter(), null, c.at());
                case SERVED -> new Finish(c.counter(), null, c.at());
                case NOTHING -> null;
            };
            if (end == null) {
                return Refused.ticket(Reason.BUSY_CALL, t.get().numberText());
            }
            Decision d = decide(state, end);
            if (d instanceof Refused) {
                return d;
            }
            events.addAll(((Accepted) d).events());
            ended = t.get().ticketId();
        }
        if (!c.clockTrusted()) {
            return Refused.of(Reason.CLOCK_UNTRUSTED);
        }
        if (c.next() == null) {
            return ended != null ? new Accepted(events, ended) : Refused.of(Reason.NOBODY_WAITING);
        }
        Optional<Ticket> next = state.ticket(c.next());
        if (next.isEmpty()) {
            return Refused.ticket(Reason.UNKNOWN_TICKET, c.next());
        }
        if (next.get().state() != TicketState.WAITING) {
            return Refused.state(next.get(), "CALL_NEXT");
        }
        events.add(new Called(next.get().ref(), c.counter(), c.at()));
        return new Accepted(events, c.next());
    }

    private static Decision rateAtCounter(QueueState state, RateAtCounter c) {
        Optional<Counter> k = state.counter(c.counter());
        if (k.isEmpty()) {
            return Refused.of(Reason.UNKNOWN_COUNTER);
        }
        List<Event> events = new ArrayList<>();
        Ticket t;
        if (c.ticketId() != null) {
            Optional<Ticket> named = state.ticket(c.ticketId());
            if (named.isEmpty()) {
                return Refused.ticket(Reason.UNKNOWN_TICKET, c.ticketId());
            }
            if (named.get().counter() == null || named.get().counter() != c.counter()) {
                return Refused.ticket(Reason.NOT_AT_THIS_COUNTER, named.get().numberText());
            }
            t = startImplicitly(k.get(), named.get(), events);
        } else {
            Optional<Ticket> current = state.ticket(k.get().current());
            if (current.isPresent() && current.get().state() == TicketState.SERVING) {
                t = current.get();
            } else if (k.get().last() != null) {
                Optional<Ticket> last = state.ticket(k.get().last());
                if (last.isEmpty()) {
                    return Refused.ticket(Reason.UNKNOWN_TICKET, k.get().last());
                }
                t = last.get();
            } else {
                return Refused.of(Reason.NO_CURRENT_TICKET);
            }
        }
        return rating(t, c.rating(), c.at(), events);
    }

    private static Decision rating(Ticket t, tw.jiaohao.protocol.event.Rating rating, Instant at, List<Event> events) {
        if (t.state() != TicketState.SERVING && t.state() != TicketState.DONE) {
            return Refused.ticket(Reason.NOT_SERVED_YET, t.numberText());
        }
        if (t.rating() != null) {
            return Refused.ticket(Reason.ALREADY_RATED, t.numberText());
        }
        events.add(new Rated(t.ref(), t.counter(), rating, at));
        if (rating.raisesAlert()) {
            events.add(new AlertRaised(t.ref(), t.counter(), rating, at));
        }
        return new Accepted(events, t.ticketId());
    }

    /** Start is implicit: the counter's CALLED ticket is started at its last call or recall. */
    private static Ticket startImplicitly(Counter k, Ticket t, List<Event> events) {
        if (t.state() != TicketState.CALLED || !t.ticketId().equals(k.current())) {
            return t;
        }
        Started s = new Started(t.ref(), k.number(), t.lastCall());
        events.add(s);
        return t.serving(k.number(), s.at());
    }

    private interface AtCounter {
        Decision decide(Counter counter, Ticket ticket);
    }

    /** The ticket a counter command is about: the one named, which must be the counter's, or its current one. */
    private static Decision atCounter(QueueState state, int counter, String ticketId, AtCounter then) {
        Optional<Counter> k = state.counter(counter);
        if (k.isEmpty()) {
            return Refused.of(Reason.UNKNOWN_COUNTER);
        }
        String id = ticketId != null ? ticketId : k.get().current();
        if (id == null) {
            return Refused.of(Reason.NO_CURRENT_TICKET);
        }
        Optional<Ticket> t = state.ticket(id);
        if (t.isEmpty()) {
            return Refused.ticket(Reason.UNKNOWN_TICKET, id);
        }
        if (!id.equals(k.get().current())) {
            return Refused.ticket(Reason.NOT_AT_THIS_COUNTER, t.get().numberText());
        }
        return then.decide(k.get(), t.get());
    }

    /** The counter holding {@code ticketId} holds nothing now; a finished ticket becomes its last. */
    private static QueueState free(QueueState state, String ticketId, boolean finished) {
        QueueState s = state;
        for (Counter k : state.counters().values()) {
            if (ticketId.equals(k.current())) {
                s = s.with(new Counter(k.number(), k.open(), null, finished ? ticketId : k.last()));
            }
        }
        return s;
    }

    private static Accepted accept(String subject, Event event) {
        return new Accepted(List.of(event), subject);
    }

    private static String number(String ticketId) {
        return tw.jiaohao.protocol.event.TicketId.number(ticketId);
    }
}
