package tw.jiaohao.hardware.gpio.sim;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hardware.gpio.Lamp;

/** A lamp that remembers its state, logs changes at debug, and tells watchers (e.g. the diagnostics CLI). */
public final class SimulatedLamp implements Lamp {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedLamp.class);
    private final String name;
    private final List<BiConsumer<String, Boolean>> watchers = new CopyOnWriteArrayList<>();
    private volatile boolean on;

    public SimulatedLamp(String name) {
        this.name = name;
    }

    /** Watchers are called on the thread that switches the lamp. */
    public void watch(BiConsumer<String, Boolean> watcher) {
        watchers.add(watcher);
    }

    @Override
    public void set(boolean value) {
        if (value != on) {
            on = value;
            LOG.debug("lamp {} {}", name, value ? "on" : "off");
            watchers.forEach(w -> w.accept(name, value));
        }
    }

    @Override
    public boolean isOn() {
        return on;
    }

    @Override
    public String name() {
        return name;
    }
}
