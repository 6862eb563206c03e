package tw.jiaohao.hardware.gpio;

import java.time.Duration;

/**
 * The time source and the single thread on which pads keep their state and fire listeners.
 * {@link ExecutorGpioScheduler} in production; {@link ManualGpioScheduler} in tests (time moves
 * only when the test says so).
 */
public interface GpioScheduler extends AutoCloseable {
    /** @return a monotonic time in nanoseconds */
    long nanoTime();

    /** Runs {@code task} on the GPIO thread as soon as possible. */
    void execute(Runnable task);

    /** Runs {@code task} on the GPIO thread after {@code delay}. */
    Cancellable schedule(Runnable task, Duration delay);

    @Override
    void close();
}
