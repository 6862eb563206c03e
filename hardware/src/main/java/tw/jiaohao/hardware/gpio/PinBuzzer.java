package tw.jiaohao.hardware.gpio;

import java.time.Duration;
import java.util.Objects;

/** A {@link Buzzer} on an on/off output, switched off by the GPIO thread. */
public final class PinBuzzer implements Buzzer {
    private final Lamp output;
    private final GpioScheduler scheduler;
    private Cancellable off;

    public PinBuzzer(Lamp output, GpioScheduler scheduler) {
        this.output = Objects.requireNonNull(output, "output");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public void beep(Duration length) {
        if (length.toMillis() < 10 || length.toMillis() > 10_000) {
            throw new IllegalArgumentException("beep length must be 10 ms .. 10 s, was " + length.toMillis() + " ms");
        }
        scheduler.execute(() -> {
            if (off != null) {
                off.cancel();
            }
            output.set(true);
            off = scheduler.schedule(() -> {
                output.set(false);
                off = null;
            }, length);
        });
    }

    @Override
    public boolean isSounding() {
        return output.isOn();
    }
}
