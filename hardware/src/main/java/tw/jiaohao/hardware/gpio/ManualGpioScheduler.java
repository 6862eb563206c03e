package tw.jiaohao.hardware.gpio;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A {@link GpioScheduler} for tests: time stands still until {@link #advance(Duration)}, which runs
 * due tasks in time order on the calling thread. {@link #execute(Runnable)} runs the task at once
 * (queued behind the task being run, if any). Deterministic: no sleeping, no races.
 */
public final class ManualGpioScheduler implements GpioScheduler {
    private record Task(long due, long seq, Runnable run, boolean[] cancelled) { }

    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> a.due != b.due
            ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;
    private boolean running;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void execute(Runnable task) {
        schedule(task, Duration.ZERO);
        runUntil(now);
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        boolean[] cancelled = {false};
        queue.add(new Task(now + delay.toNanos(), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves time forward, running every task that falls due, in order. */
    public synchronized void advance(Duration by) {
        runUntil(now + by.toNanos());
    }

    private void runUntil(long target) {
        if (running) {
            return; // the outer loop will pick the new task up
        }
        running = true;
        try {
            while (!queue.isEmpty() && queue.peek().due <= target) {
                Task t = queue.poll();
                now = Math.max(now, t.due);
                if (!t.cancelled[0]) {
                    t.run.run();
                }
            }
            now = Math.max(now, target);
        } finally {
            running = false;
        }
    }

    @Override
    public void close() {
    }
}
