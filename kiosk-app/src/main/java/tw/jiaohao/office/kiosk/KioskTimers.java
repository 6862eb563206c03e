package tw.jiaohao.office.kiosk;

import java.time.Duration;

/**
 * Port: delayed actions on the JavaFX thread (idle timeout, how long a ticket stays on screen,
 * the touch guard). Injected so tests advance time instead of sleeping.
 *
 * <p>Threading: called on the JavaFX thread; the action runs on the JavaFX thread.
 */
public interface KioskTimers {

    /** Runs {@code action} once after {@code delay}; the returned handle's {@code run()} cancels it. */
    Runnable after(Duration delay, Runnable action);
}
