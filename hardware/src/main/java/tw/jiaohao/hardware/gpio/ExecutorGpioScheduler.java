package tw.jiaohao.hardware.gpio;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.process.Bugs;

/** The production {@link GpioScheduler}: one daemon thread named {@code jiaohao-gpio}. */
public final class ExecutorGpioScheduler implements GpioScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorGpioScheduler.class);
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jiaohao-gpio");
        t.setDaemon(true);
        return t;
    });

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(guard(task));
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        ScheduledFuture<?> f = executor.schedule(guard(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    private static Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                Bugs.caught(LOG, "GPIO task", e); // a bug, not a device condition
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
