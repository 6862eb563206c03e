package tw.jiaohao.office.ticketing;

import java.sql.Connection;
import java.sql.SQLException;
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
import tw.jiaohao.office.ticketing.lifecycle.QueueState;
import tw.jiaohao.office.ticketing.lifecycle.Ticket;

/**
 * One lifecycle command made durable, the step every change of a ticket or counter shares
 * (issuing, counter commands, ratings): {@link Lifecycle#decide} on the state loaded from the
 * store, each ticket event appended to the log and outbox with the next seq ({@link EventLog}),
 * folded by {@link Lifecycle#apply}, and the rows that changed written back ({@link TicketStore}).
 *
 * <p>Threading: runs on the caller's thread inside the caller's change ({@link Changes#run}),
 * under the database's writer lock; holds no state of its own. Failure: a refusal by the
 * lifecycle is a {@link Refusal} carrying the reply code and the "zh / en" text, thrown before
 * anything is written, so the change rolls back; a store failure propagates as
 * {@link SQLException}. Offline: the store only.
 */
final class Transitions {
    private static final Logger log = LoggerFactory.getLogger(Transitions.class);

    /** What a change did: the ticket its reply shows (or null) and the seq of its last event (0 when none). */
    record Ran(Ticket subject, long seq) {
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
        QueueState after = before;
        long seq = 0;
        for (Event e : accepted.events()) {
            after = Lifecycle.apply(after, e);
            if (e instanceof Event.TicketEvent te) {
                seq = events.append(c, te, te instanceof Event.AlertRaised ? Texts.dissatisfiedAlert(te.counter()) : null);
                if (te instanceof Event.AlertRaised) {
                    log.info("alert: dissatisfied rating for {} at counter {}", te.ticket().numberText(), te.counter());
                }
            }
        }
        TicketStore.save(c, before, after);
        return new Ran(accepted.subject() == null ? null : after.ticket(accepted.subject()).orElseThrow(), seq);
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
