package tw.jiaohao.office.ticketing;

import java.util.function.Consumer;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * The office's queue, as the kiosk UI, the MQTT link and the simulator see it.
 *
 * <p>Threading: thread-safe and blocking. Every method runs one SQLite transaction (a durable
 * commit, ≈ 0.5 ms) under the office's single writer lock, so calls from many threads are
 * serialised in arrival order. Callers on a UI thread must hand the call to a worker.
 *
 * <p>Durability and ordering: every change updates the tickets and appends an
 * {@link tw.jiaohao.protocol.event.OfficeEvent} with the office's next {@code seq} in the same
 * transaction; when a method returns, its change and event are on disk. Events reach the hub
 * later through the outbox; nothing here needs the network, so the office keeps working
 * while the broker is unreachable.
 */
public interface OfficeService {

    /**
     * Issues the next ticket of {@code category} for the current office day (in the office's
     * zone; numbering restarts at 001 each day and a number is never reused, crash or not).
     *
     * @throws IssueRefusedException for an unknown category, when the day's 999 numbers are used up, or
     *                               with {@code STORE_FAILED} when the database failed (its message says
     *                               whether nothing was issued or whether that is not known yet)
     */
    IssuedTicket issue(String category);

    /**
     * Executes one counter command. Never throws for bad input: the reply's code says what
     * was wrong (UNKNOWN_COUNTER, NOBODY_WAITING, NOT_AT_THIS_COUNTER, …) with a message in
     * Traditional Chinese and English; STORE_FAILED when the database failed and nothing changed.
     * On OK the reply carries the ticket acted on — for CALL_NEXT the ticket called, for
     * TRANSFER the new ticket in the target category, for OPEN and CLOSE none.
     */
    CommandReply execute(CounterCommand command);

    /** The current state of the office (what the boards show), built from the store. */
    StateSnapshot snapshot();

    /**
     * Records a customer's rating from the kiosk's rating screen for a ticket of today,
     * named by number ({@code A023}) or id ({@code 2026-11-22/A023}). One rating per ticket;
     * only a ticket being or having been served can be rated. A DISSATISFIED rating also
     * raises an alert event for the duty manager.
     */
    RatingResult rate(String ticketNumberOrId, Rating rating);

    /**
     * Calls {@code listener} with a new snapshot after changes. Bursts are coalesced: the
     * listener gets the newest state, not necessarily one call per change. Listeners run on
     * the single daemon thread {@code jiaohao-snapshot}, one after another; they must not
     * block for long, and an exception from one is logged and does not affect the others.
     * A new listener receives the current snapshot first.
     */
    Subscription onSnapshot(Consumer<StateSnapshot> listener);

    /** Shorthand for a command without ticket, category or rating. */
    default CommandReply execute(String office, int counter, CommandAction action) {
        return execute(CounterCommand.of(office, counter, action));
    }
}
