package tw.jiaohao.office.kiosk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@link KioskTimers} on a virtual clock that tests advance (on the JavaFX thread). */
final class ManualTimers implements KioskTimers {
    private final List<Task> tasks = new ArrayList<>();
    private long nowMillis;

    private static final class Task {
        final long due;
        final Runnable action;

        Task(long due, Runnable action) {
            this.due = due;
            this.action = action;
        }
    }

    @Override
    public synchronized Runnable after(Duration delay, Runnable action) {
        Task t = new Task(nowMillis + delay.toMillis(), action);
        tasks.add(t);
        return () -> {
            synchronized (this) {
                tasks.remove(t);
            }
        };
    }

    /** Moves virtual time forward, running every action that falls due, in order. */
    void advance(Duration d) {
        long target;
        synchronized (this) {
            target = nowMillis + d.toMillis();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.due <= target).min(Comparator.comparingLong(t -> t.due)).orElse(null);
                if (next == null) {
                    nowMillis = target;
                    return;
                }
                tasks.remove(next);
                nowMillis = next.due;
            }
            next.action.run();
        }
    }
}
