package tw.jiaohao.hub.auth;

import java.time.Instant;

/**
 * A logged-in browser. {@code token} is the cookie value (only its hash is stored);
 * {@code csrf} must accompany every form and POST of this session.
 */
public record Session(String token, User user, String csrf, Instant expiresAt) {
}
