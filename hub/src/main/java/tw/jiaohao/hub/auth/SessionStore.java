package tw.jiaohao.hub.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.db.HubDatabase;

/**
 * Server-side sessions in the {@code hub_session} table, so they survive a hub restart. Tokens
 * are 256 random bits; the table holds only their SHA-256, so a copy of the database logs no
 * one in. A session expires after {@code idle} without use (sliding, refreshed at most once a
 * minute). Thread-safe.
 */
public final class SessionStore {
    private final HubDatabase db;
    private final UserStore users;
    private final Clock clock;
    private final Duration idle;
    private final SecureRandom random = new SecureRandom();

    public SessionStore(HubDatabase db, UserStore users, Clock clock, Duration idle) {
        this.db = db;
        this.users = users;
        this.clock = clock;
        this.idle = idle;
    }

    public Session create(User user) {
        String token = randomToken();
        String csrf = randomToken();
        Instant expires = clock.instant().plus(idle);
        db.with("creating a session", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO hub_session (token_hash, username, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, hash(token));
                ps.setString(2, user.username());
                ps.setString(3, csrf);
                ps.setLong(4, clock.millis());
                ps.setLong(5, expires.toEpochMilli());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM hub_session WHERE expires_at < ?")) {
                ps.setLong(1, clock.millis());
                ps.executeUpdate();
            }
            return null;
        });
        return new Session(token, user, csrf, expires);
    }

    /** The live session of a cookie value, extending its expiry; empty if unknown or expired. */
    public Optional<Session> find(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        String h = hash(token);
        long now = clock.millis();
        record Row(String username, String csrf, long expires) { }
        Optional<Row> row = db.with("reading a session", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT username, csrf, expires_at FROM hub_session WHERE token_hash = ?")) {
                ps.setString(1, h);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getString(2), rs.getLong(3))) : Optional.<Row>empty();
                }
            }
        });
        if (row.isEmpty() || row.get().expires() <= now) {
            return Optional.empty();
        }
        Optional<User> user = users.find(row.get().username());
        if (user.isEmpty()) {
            return Optional.empty();
        }
        long expires = row.get().expires();
        long fresh = now + idle.toMillis();
        if (fresh - expires > 60_000) {
            db.with("extending a session", c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE hub_session SET expires_at = ? WHERE token_hash = ?")) {
                    ps.setLong(1, fresh);
                    ps.setString(2, h);
                    return ps.executeUpdate();
                }
            });
            expires = fresh;
        }
        return Optional.of(new Session(token, user.get(), row.get().csrf(), Instant.ofEpochMilli(expires)));
    }

    public void delete(String token) {
        if (token == null) {
            return;
        }
        db.with("ending a session", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM hub_session WHERE token_hash = ?")) {
                ps.setString(1, hash(token));
                return ps.executeUpdate();
            }
        });
    }

    private String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new HubException("this JVM lacks SHA-256", e);
        }
    }
}
