package tw.jiaohao.hub.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Wrong house numbers in account look-ups, counted over a sliding window per account and per
 * device: once either has {@code perAccount} / {@code perDevice} wrong tries within
 * {@code window}, further house-number look-ups for that account, or from that device, get no
 * answer about the address until the oldest try leaves the window. Without this, trying house
 * numbers 1…N finds any account's address (issue 10, finding 5). Thread-safe; memory bounded
 * (keys whose tries have all left the window are dropped; with {@value #MAX_KEYS} live keys,
 * look-ups of new accounts or devices are refused: it fails closed, never forgets a count).
 */
public final class GuessLimit {
    static final int MAX_KEYS = 100_000;

    private final int perAccount;
    private final int perDevice;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> tries = new HashMap<>();

    public GuessLimit(int perAccount, int perDevice, Duration window, Clock clock) {
        this.perAccount = perAccount;
        this.perDevice = perDevice;
        this.window = window;
        this.clock = clock;
    }

    /** Why a look-up is refused: the account's or the device's limit; or null when it may be answered. */
    public synchronized String refusal(String accountNumber, String office, String device) {
        Instant now = clock.instant();
        if (count("a|" + accountNumber, now) >= perAccount) {
            return "account";
        }
        if (count("d|" + office + "|" + device, now) >= perDevice) {
            return "device";
        }
        if (tries.size() >= MAX_KEYS && !(tries.containsKey("a|" + accountNumber) && tries.containsKey("d|" + office + "|" + device))) {
            prune(now);
            if (tries.size() >= MAX_KEYS) {
                return "too many senders"; // fail closed rather than forget the counts
            }
        }
        return null;
    }

    /**
     * Records one wrong house number; returns which limit it reached just now ("account",
     * "device") or null, so the caller alerts once per crossing.
     */
    public synchronized String wrong(String accountNumber, String office, String device) {
        Instant now = clock.instant();
        if (tries.size() >= MAX_KEYS) {
            prune(now);
        }
        String reached = null;
        if (add("d|" + office + "|" + device, now) == perDevice) {
            reached = "device";
        }
        if (add("a|" + accountNumber, now) == perAccount) {
            reached = "account";
        }
        return reached;
    }

    public int perAccount() {
        return perAccount;
    }

    public int perDevice() {
        return perDevice;
    }

    public Duration window() {
        return window;
    }

    private int add(String key, Instant now) {
        Deque<Instant> d = tries.get(key);
        if (d == null) {
            if (tries.size() >= MAX_KEYS) {
                return 0; // full of live counts (see refusal): nothing is forgotten, the look-up was refused anyway
            }
            d = new ArrayDeque<>();
            tries.put(key, d);
        }
        expire(d, now);
        d.addLast(now);
        return d.size();
    }

    private int count(String key, Instant now) {
        Deque<Instant> d = tries.get(key);
        if (d == null) {
            return 0;
        }
        expire(d, now);
        return d.size();
    }

    private void expire(Deque<Instant> d, Instant now) {
        Instant oldest = now.minus(window);
        while (!d.isEmpty() && !d.peekFirst().isAfter(oldest)) {
            d.removeFirst();
        }
    }

    private void prune(Instant now) {
        for (Iterator<Deque<Instant>> it = tries.values().iterator(); it.hasNext(); ) {
            Deque<Instant> d = it.next();
            expire(d, now);
            if (d.isEmpty()) {
                it.remove();
            }
        }
    }
}
