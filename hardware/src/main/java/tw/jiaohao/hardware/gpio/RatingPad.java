package tw.jiaohao.hardware.gpio;

import java.time.Duration;

/**
 * Port: the customer's rating pad, four keys ({@link Rating}) each with a lamp.
 *
 * <p>The pad accepts <em>one</em> rating, and only while armed: the clerk asks for a rating
 * ({@link #arm(Duration)}), all four lamps light; the first key pressed within the window is
 * reported to the listeners, its lamp alone stays lit for the confirmation time, then all lamps go
 * out. Presses while not armed are ignored. When the window passes without a press, the lamps go
 * out and nothing is reported.
 *
 * <p>Thread-safe and non-blocking: {@code arm}/{@code disarm} may be called from any thread and
 * take effect on the pad's GPIO thread; listeners fire on that thread. No network needed.
 */
public interface RatingPad extends AutoCloseable {
    /** Adds a listener for accepted ratings. */
    void addListener(RatingListener listener);

    /** Removes a listener (no-op if absent). */
    void removeListener(RatingListener listener);

    /**
     * Accepts one rating for the next {@code window}. Arming an armed pad restarts the window.
     *
     * @param window how long to wait for the customer, 1 s .. 10 min
     */
    void arm(Duration window);

    /** Stops waiting for a rating and puts the lamps out. */
    void disarm();

    /** @return true while a rating would be accepted */
    boolean isArmed();

    /** @return the lamp's current state */
    boolean isLampOn(Rating rating);

    /** Releases the GPIO pins. Idempotent. */
    @Override
    void close();
}
