package tw.jiaohao.office.ticketing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.office.config.CounterConfig;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.ticketing.lifecycle.Command;
import tw.jiaohao.office.ticketing.lifecycle.Decision;
import tw.jiaohao.office.ticketing.lifecycle.Event;
import tw.jiaohao.office.ticketing.lifecycle.Lifecycle;
import tw.jiaohao.office.ticketing.lifecycle.OfficeEvents;
import tw.jiaohao.office.ticketing.lifecycle.QueueState;
import tw.jiaohao.office.ticketing.lifecycle.Ticket;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * Lifecycle commands made durable, the step every change of a ticket or counter shares — the
 * decider pattern: {@link Lifecycle#decide} on the state loaded from the store, each ticket event
 * appended to the log and outbox with the next seq ({@link EventLog}), folded by
 * {@link Lifecycle#apply}, and the rows that changed written back once ({@link TicketStore}).
 * <ul>
 * <li>{@link #run}: one command (issuing, counter commands, ratings); a refusal is thrown;</li>
 * <li>{@link #runAll}: a batch decided one after the other on the state the earlier ones left
 *     (the end-of-day sweep), refused commands skipped, the rows saved once;</li>
 * <li>{@link #replay}: an event head office gives back, stored as it was and folded by the same
 *     fold (the import of a restored database).</li>
 * </ul>
 * This is the one place in the engine that decides and folds: there is no other copy of the step.
 *
 * <p>Threading: runs on the caller's thread inside the caller's change ({@link Changes#run}) or
 * transaction, under the database's writer lock; holds no state of its own. Failure: a refusal by
 * the lifecycle in {@link #run} is a {@link Refusal} carrying the reply code and the "zh / en"
 * text, thrown before anything is written, so the change rolls back; {@link #runAll} returns its
 * refusals instead; a store failure propagates as {@link SQLException} (the caller's transaction
 * rolls back whole). Offline: the store only.
 */
final class Transitions {
    private static final Logger log = LoggerFactory.getLogger(Transitions.class);

    /** What a change did: the ticket its reply shows (or null) and the seq of its last event (0 when none). */
    record Ran(Ticket subject, long seq) {
        Ran {
            if (seq < 0) {
                throw new IllegalArgumentException("seq " + seq + " < 0");
            }
        }
    }

    /**
     * What a batch did.
     *
     * @param accepted the commands that happened
     * @param refused  why each other one did not, in the batch's order
     * @param seq      the seq of the batch's last event (0 when none)
     */
    record RanAll(int accepted, List<Decision.Refused> refused, long seq) {
        RanAll {
            refused = List.copyOf(refused);
            if (accepted < 0 || seq < 0) {
                throw new IllegalArgumentException("accepted " + accepted + ", seq " + seq + ": neither may be < 0");
            }
        }
    }

    private final EventLog events;
    private final Supplier<OfficeConfig> config;

    Transitions(EventLog events, Supplier<OfficeConfig> config) {
        this.events = events;
        this.config = config;
    }

    /**
     * Decides {@code command} on {@code before}, appends its ticket events, folds them and stores
     * the rows that changed.
     *
     * @param counter the counter the command came from (for the refusal's text), or null
     * @throws Refusal when the lifecycle refuses (nothing written)
     */
    Ran run(Connection c, QueueState before, Command command, CounterConfig counter) throws SQLException {
        Decision d = Lifecycle.decide(before, command);
        if (d instanceof Decision.Refused r) {
            throw new Refusal(r.reason().code(), refusalText(r, counter));
        }
        Decision.Accepted accepted = (Decision.Accepted) d;
        long[] seq = {0};
        QueueState after = fold(c, before, accepted, seq);
        TicketStore.save(c, before, after);
        return new Ran(accepted.subject() == null ? null : after.ticket(accepted.subject()).orElseThrow(), seq[0]);
    }

    /**
     * Decides {@code commands} one after the other, each on the state the ones before it left,
     * appends and folds the events of those accepted, skips those refused, and stores the rows
     * that changed once.
     */
    RanAll runAll(Connection c, QueueState before, List<? extends Command> commands) throws SQLException {
        QueueState state = before;
        long[] seq = {0};
        int accepted = 0;
        List<Decision.Refused> refused = new ArrayList<>();
        for (Command command : commands) {
            Decision d = Lifecycle.decide(state, command);
            if (d instanceof Decision.Accepted a) {
                state = fold(c, state, a, seq);
                accepted++;
            } else {
                refused.add((Decision.Refused) d);
            }
        }
        TicketStore.save(c, before, state);
        return new RanAll(accepted, refused, seq[0]);
    }

    /**
     * Stores {@code e}, an event head office gives back, with its seq, id and {@code payload} as
     * they are (sent: the outbox's mark moves onto it when it follows the mark), and changes the ticket and counter rows
     * by the same fold the engine used when it first appended it. What events do not carry stays
     * as the store had it: whether a counter is open, and a ticket's people-ahead/estimate when
     * its TICKET_ISSUED event is missing.
     */
    void replay(Connection c, OfficeEvent e, byte[] payload) throws SQLException {
        EventLog.store(c, e, payload, true);
        QueueState before = TicketStore.load(c, Arrays.asList(e.ticketId(), e.toTicketId()),
                e.counter() == null ? List.of() : List.of(e.counter()));
        TicketStore.save(c, before, Lifecycle.apply(before, OfficeEvents.from(e)));
    }

    /** Folds {@code accepted}'s events into {@code state}, appending each ticket event; {@code seq[0]} becomes the last seq appended. */
    private QueueState fold(Connection c, QueueState state, Decision.Accepted accepted, long[] seq) throws SQLException {
        QueueState after = state;
        for (Event e : accepted.events()) {
            after = Lifecycle.apply(after, e);
            if (e instanceof Event.TicketEvent te) {
                seq[0] = events.append(c, te, te instanceof Event.AlertRaised ? Texts.dissatisfiedAlert(te.counter()) : null);
                if (te instanceof Event.AlertRaised) {
                    log.info("alert: dissatisfied rating for {} at counter {}", te.ticket().numberText(), te.counter());
                }
            }
        }
        return after;
    }

    private String refusalText(Decision.Refused r, CounterConfig counter) {
        int n = counter == null ? 0 : counter.number();
        return switch (r.reason()) {
            case UNKNOWN_COUNTER -> Texts.unknownCounter(n);
            case COUNTER_CLOSED -> Texts.closed(n);
            case BUSY_CLOSE -> Texts.busyClose(r.ticket());
            case BUSY_CALL -> Texts.busyCall(r.ticket());
            case CLOCK_UNTRUSTED -> Texts.clockUntrusted();
            case NOBODY_WAITING -> Texts.nobodyWaiting(counter == null ? List.of() : counter.serves());
            case NO_CURRENT_TICKET -> Texts.noCurrent(n);
            case NOT_AT_THIS_COUNTER -> Texts.notAtThisCounter(r.ticket(), n);
            case UNKNOWN_TICKET -> Texts.unknownTicket(r.ticket());
            case INVALID_STATE -> Texts.invalidState(r.ticket(), r.state(), r.action());
            case UNKNOWN_CATEGORY -> Texts.unknownCategory(r.category(), config.get().categoryCodes());
            case SAME_CATEGORY -> Texts.sameCategory(r.category());
            case DAY_FULL -> Texts.dayFull(r.category());
            case NOT_SERVED_YET -> Texts.notServedYet(r.ticket());
            case ALREADY_RATED -> Texts.alreadyRated(r.ticket());
            case ALREADY_ISSUED -> Texts.storeFailed();
        };
    }
}
