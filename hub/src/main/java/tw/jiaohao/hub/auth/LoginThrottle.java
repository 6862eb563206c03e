package tw.jiaohao.hub.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} failed logins within {@code window} for
 * one username, or {@code 4 × maxFailures} from one address, further attempts are refused
 * until the oldest failure leaves the window. Refused attempts are not checked against the
 * password at all. In memory: a restart forgets failures (acceptable: a restart takes longer
 * than the guesses it would allow). Thread-safe.
 */
public final class LoginThrottle {
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock, int maxFailures, Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** Empty when an attempt may go ahead; otherwise how long until it may. */
    public Optional<Duration> blockedFor(String username, String address) {
        Instant now = clock.instant();
        Optional<Duration> user = check("u:" + username, maxFailures, now);
        return user.isPresent() ? user : check("a:" + address, maxFailures * 4, now);
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        record("u:" + username, now);
        record("a:" + address, now);
    }

    /** A successful login clears the username's failures (not the address's). */
    public void succeeded(String username) {
        failures.remove("u:" + username);
    }

    private Optional<Duration> check(String key, int max, Instant now) {
        Deque<Instant> q = failures.get(key);
        if (q == null) {
            return Optional.empty();
        }
        synchronized (q) {
            prune(q, now);
            if (q.size() < max) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, q.peekFirst().plus(window)));
        }
    }

    private void record(String key, Instant now) {
        Deque<Instant> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (q) {
            prune(q, now);
            q.addLast(now);
        }
    }

    private void prune(Deque<Instant> q, Instant now) {
        Instant horizon = now.minus(window);
        while (!q.isEmpty() && !q.peekFirst().isAfter(horizon)) {
            q.removeFirst();
        }
    }
}
