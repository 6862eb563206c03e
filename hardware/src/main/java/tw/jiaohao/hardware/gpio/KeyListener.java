package tw.jiaohao.hardware.gpio;

/**
 * Receives debounced key events. Called on the pad's GPIO thread ({@code jiaohao-gpio}), one event
 * at a time in the order they happened: return quickly and hand long work (and any UI update) to
 * your own thread. An exception thrown here is logged and does not stop other listeners.
 *
 * @param <K> the key type
 */
@FunctionalInterface
public interface KeyListener<K> {
    void onKey(KeyEvent<K> event);
}
