package tw.jiaohao.hardware.gpio;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires switch inputs through debouncers to listeners; shared by the pads. */
final class KeyPadCore<K extends Enum<K>> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyPadCore.class);

    private final String padName;
    private final Map<K, SwitchInput> inputs;
    private final List<KeyListener<K>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    KeyPadCore(String padName, Class<K> type, Map<K, ? extends SwitchInput> inputs, KeyTiming timing,
               GpioScheduler scheduler) {
        this.padName = padName;
        this.inputs = new EnumMap<>(type);
        for (K key : type.getEnumConstants()) {
            SwitchInput in = inputs.get(key);
            if (in == null) {
                throw new IllegalArgumentException(padName + ": no input for key " + key);
            }
            this.inputs.put(key, in);
            boolean initial = in.pressed();
            if (initial) {
                LOG.warn("{}: key {} reads pressed at start ({}): stuck key, or is gpio.keys.active-low wrong?",
                        padName, key, in.name());
            }
            Debouncer<K> d = new Debouncer<>(key, initial, timing, scheduler, this::dispatch);
            in.onChange(d::raw);
        }
    }

    void addListener(KeyListener<K> l) {
        listeners.add(java.util.Objects.requireNonNull(l, "listener"));
    }

    void removeListener(KeyListener<K> l) {
        listeners.remove(l);
    }

    private void dispatch(KeyEvent<K> e) {
        if (closed) {
            return;
        }
        LOG.debug("{}: {} {} (held {} ms)", padName, e.key(), e.action(), e.held().toMillis());
        for (KeyListener<K> l : listeners) {
            try {
                l.onKey(e);
            } catch (RuntimeException ex) {
                LOG.error("{}: listener failed on {}", padName, e, ex); // a bug in the listener
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            inputs.values().forEach(SwitchInput::close);
        }
    }
}
