package tw.jiaohao.hub.auth;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tw.jiaohao.hub.db.HubDatabase;

/**
 * Slows password guessing: after {@code maxFailures} failed logins within {@code window} for
 * one username, or {@code 4 × maxFailures} from one address, further attempts are refused
 * until the oldest failure leaves the window. Refused attempts are not checked against the
 * password at all. The failures are rows of the hub database's {@code login_failure} table, so
 * the count holds across every hub instance on the same database and across a restart; rows
 * older than the window are deleted as failures are recorded. Thread-safe.
 */
public final class LoginThrottle {
    private final HubDatabase db;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;

    public LoginThrottle(HubDatabase db, Clock clock, int maxFailures, Duration window) {
        this.db = db;
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
        long now = clock.instant().toEpochMilli();
        db.inTransaction("recording a failed login", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_failure WHERE at <= ?")) {
                ps.setLong(1, now - window.toMillis());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO login_failure (throttle_key, at) VALUES (?, ?), (?, ?)")) {
                ps.setString(1, "u:" + username);
                ps.setLong(2, now);
                ps.setString(3, "a:" + address);
                ps.setLong(4, now);
                return ps.executeUpdate();
            }
        });
    }

    /** A successful login clears the username's failures (not the address's). */
    public void succeeded(String username) {
        db.with("clearing failed logins", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_failure WHERE throttle_key = ?")) {
                ps.setString(1, "u:" + username);
                return ps.executeUpdate();
            }
        });
    }

    /** The attempt may go ahead while fewer than {@code max} failures lie in the window; else until the {@code max}-th newest leaves it. */
    private Optional<Duration> check(String key, int max, Instant now) {
        long horizon = now.toEpochMilli() - window.toMillis();
        return db.with("reading failed logins", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT at FROM login_failure WHERE throttle_key = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?")) {
                ps.setString(1, key);
                ps.setLong(2, horizon);
                ps.setInt(3, max - 1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(Duration.ofMillis(rs.getLong(1) - horizon));
                }
            }
        });
    }
}
