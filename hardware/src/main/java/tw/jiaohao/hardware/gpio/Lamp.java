package tw.jiaohao.hardware.gpio;

/**
 * Port: a lamp (LED) on a GPIO pin, e.g. the printer's paper-low lamp. Thread-safe, non-blocking
 * (a GPIO write).
 */
public interface Lamp {
    /** Switches the lamp. */
    void set(boolean on);

    /** @return the state last set */
    boolean isOn();

    /** @return a name for logs, e.g. "paper-low" */
    String name();

    default void on() {
        set(true);
    }

    default void off() {
        set(false);
    }
}
