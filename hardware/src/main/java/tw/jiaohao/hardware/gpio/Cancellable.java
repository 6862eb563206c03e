package tw.jiaohao.hardware.gpio;

/** A scheduled task that can be called off. */
@FunctionalInterface
public interface Cancellable {
    /** Cancels the task if it has not run; no-op otherwise. */
    void cancel();
}
