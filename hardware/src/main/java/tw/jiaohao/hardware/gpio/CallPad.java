package tw.jiaohao.hardware.gpio;

/**
 * Port: a counter's call pad with the keys {@link CallKey#NEXT}, {@link CallKey#RECALL},
 * {@link CallKey#NO_SHOW} and {@link CallKey#TRANSFER}.
 *
 * <p>Events are debounced and carry long presses ({@link KeyAction}); listeners fire on the pad's
 * GPIO thread (see {@link KeyListener}). Methods are thread-safe and never block. The pad works
 * with no network at all; it only reports keys. Real (Pi4J) and simulated pads fire the same events
 * through the same debouncer.
 */
public interface CallPad extends AutoCloseable {
    /** Adds a listener; it sees events that happen after this call. */
    void addListener(KeyListener<CallKey> listener);

    /** Removes a listener (no-op if absent). */
    void removeListener(KeyListener<CallKey> listener);

    /** Releases the GPIO pins. Idempotent. */
    @Override
    void close();
}
