package tw.jiaohao.office.health;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is wrong with this office node right now, for its device status (the {@code detail}
 * the hub shows in {@code /api/offices} and turns into alerts) and its log. Each
 * {@link Condition} is set with a short text and cleared when it ends; the detail lists the set
 * ones as {@code kind: text} separated by {@code "; "}, most serious first, at most 300
 * characters. A condition is logged once when it starts or its text changes kind, and once
 * when it ends. Thread-safe.
 */
public final class NodeHealth {
    private static final Logger log = LoggerFactory.getLogger(NodeHealth.class);
    /** The longest detail a device status carries. */
    public static final int MAX_DETAIL = 300;

    /** The conditions an operator must hear about, most serious first; {@link #kind()} is the word in the detail. */
    public enum Condition {
        DATABASE_DAMAGED("database-damaged"),
        DISK_FULL("disk-full"),
        STORE_FAILED("store-failed"),
        CLOCK_UNTRUSTED("clock-unset"),
        CLOCK_STEPPED("clock-stepped"),
        RECOVERY_FAILED("recovery-failed"),
        RECOVERY_HELD("recovery-held"),
        RECOVERY_REFUSED("recovery-refused"),
        RECOVERY_IMPORTED("recovery-imported"),
        DISK_LOW("disk-low");

        private final String kind;

        Condition(String kind) {
            this.kind = kind;
        }

        public String kind() {
            return kind;
        }
    }

    private final Map<Condition, String> set = new EnumMap<>(Condition.class);
    private final CopyOnWriteArrayList<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** Sets (or updates the text of) a condition. */
    public void set(Condition condition, String text) {
        text = text.replace("; ", ", "); // "; " separates the conditions in the detail
        String detail;
        synchronized (set) {
            String before = set.put(condition, text);
            if (text.equals(before)) {
                return;
            }
            if (before == null) {
                log.warn("{}: {}", condition.kind(), text);
            }
            detail = detailLocked();
        }
        publish(detail);
    }

    /** Clears a condition (nothing happens when it was not set). */
    public void clear(Condition condition) {
        String detail;
        synchronized (set) {
            if (set.remove(condition) == null) {
                return;
            }
            log.info("{} ended", condition.kind());
            detail = detailLocked();
        }
        publish(detail);
    }

    public boolean isSet(Condition condition) {
        synchronized (set) {
            return set.containsKey(condition);
        }
    }

    /** The detail for the device status, or null when nothing is wrong. */
    public String detail() {
        synchronized (set) {
            return detailLocked();
        }
    }

    /** Calls {@code listener} with the new detail (null = all clear) after every change. */
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    private String detailLocked() {
        if (set.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Condition, String> e : set.entrySet()) {
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append(e.getKey().kind()).append(": ").append(e.getValue());
        }
        return b.length() <= MAX_DETAIL ? b.toString() : b.substring(0, MAX_DETAIL - 1) + "…";
    }

    private void publish(String detail) {
        for (Consumer<String> l : listeners) {
            try {
                l.accept(detail);
            } catch (RuntimeException e) {
                log.warn("health listener failed: {}", e.toString());
            }
        }
    }
}
