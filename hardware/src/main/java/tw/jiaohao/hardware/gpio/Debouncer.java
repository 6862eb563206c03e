package tw.jiaohao.hardware.gpio;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Debounce and long-press for one key: the one place both real and simulated pads use.
 *
 * <p>A level counts once it has stayed unchanged for {@link KeyTiming#debounce()} (every edge
 * restarts the wait, so contact bounce and short glitches produce nothing). A stable press emits
 * {@link KeyAction#PRESSED}; holding it for {@link KeyTiming#longPress()} emits
 * {@link KeyAction#LONG_PRESSED} once; the stable release emits {@link KeyAction#RELEASED}.
 *
 * <p>{@link #raw(boolean)} may be called from any thread; all state lives on the scheduler's thread,
 * where events are emitted.
 *
 * @param <K> the key type
 */
public final class Debouncer<K> {
    private final K key;
    private final KeyTiming timing;
    private final GpioScheduler scheduler;
    private final Consumer<KeyEvent<K>> sink;

    private boolean raw;
    private boolean stable;
    private long lastEdge;
    private long pressedAt;
    private Cancellable settle;
    private Cancellable longTimer;

    /**
     * @param initial the contact's level now (a key held at start is treated as down: no PRESSED for it)
     */
    public Debouncer(K key, boolean initial, KeyTiming timing, GpioScheduler scheduler, Consumer<KeyEvent<K>> sink) {
        this.key = Objects.requireNonNull(key, "key");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.raw = initial;
        this.stable = initial;
        this.pressedAt = scheduler.nanoTime();
    }

    /** A raw level change from the contact (any thread). */
    public void raw(boolean pressed) {
        scheduler.execute(() -> edge(pressed));
    }

    private void edge(boolean level) {
        if (level == raw) {
            return;
        }
        raw = level;
        lastEdge = scheduler.nanoTime();
        if (settle != null) {
            settle.cancel();
        }
        settle = scheduler.schedule(this::settle, timing.debounce());
    }

    private void settle() {
        settle = null;
        if (raw == stable) {
            return; // bounced back to where it was
        }
        stable = raw;
        if (stable) {
            pressedAt = lastEdge;
            sink.accept(new KeyEvent<>(key, KeyAction.PRESSED, Duration.ZERO));
            Duration remaining = timing.longPress().minusNanos(scheduler.nanoTime() - pressedAt);
            longTimer = scheduler.schedule(this::longPress, remaining.isNegative() ? Duration.ZERO : remaining);
        } else {
            if (longTimer != null) {
                longTimer.cancel();
                longTimer = null;
            }
            sink.accept(new KeyEvent<>(key, KeyAction.RELEASED, Duration.ofNanos(lastEdge - pressedAt)));
        }
    }

    private void longPress() {
        longTimer = null;
        if (stable) {
            sink.accept(new KeyEvent<>(key, KeyAction.LONG_PRESSED, Duration.ofNanos(scheduler.nanoTime() - pressedAt)));
        }
    }
}
