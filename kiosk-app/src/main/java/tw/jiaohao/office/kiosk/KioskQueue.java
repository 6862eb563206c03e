package tw.jiaohao.office.kiosk;

import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.protocol.state.StateSnapshot;
import java.util.function.Consumer;

/**
 * Port: what the kiosk screen needs from the office's queue engine, and nothing more.
 *
 * <p>Threading: every method may block (a durable SQLite commit) and is called only from the
 * kiosk's engine worker thread, never from the JavaFX thread. Snapshot listeners may be
 * called on any thread; the kiosk hands the snapshot to the JavaFX thread itself.
 *
 * <p>Offline: the engine is in the same process and needs no network, so the kiosk issues
 * tickets and takes ratings while the broker or the hub is unreachable.
 */
public interface KioskQueue {

    /**
     * Issues the next ticket of {@code category}; the ticket is stored durably before this returns.
     *
     * @throws KioskRefusedException when the engine refuses (unknown category, numbers used up); nothing was issued
     * @throws RuntimeException      when the store failed; nothing was issued, the customer may touch again
     */
    KioskTicket issue(String category);

    /** Records one rating for today's ticket {@code ticketNumber} (e.g. {@code A023}); one rating per ticket. */
    RatingReply rate(String ticketNumber, Rating rating);

    /** The current state: categories with waiting counts and estimates, the office's name. */
    StateSnapshot snapshot();

    /**
     * Calls {@code listener} with a new snapshot after changes (the current one first).
     * Bursts may be coalesced. Returns a handle whose {@code run()} unsubscribes.
     */
    Runnable onSnapshot(Consumer<StateSnapshot> listener);
}
