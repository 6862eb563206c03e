package tw.jiaohao.hub.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import tw.jiaohao.hub.HubException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.LogOnce;
import tw.jiaohao.hub.db.HubDatabase;

/**
 * Logging in and out. A login answers the same "wrong username or password" whether the user
 * is unknown or the password wrong, and takes the same time either way. Failures are counted
 * ({@link #failedLogins()}) and throttled ({@link LoginThrottle}); a source's refused and
 * throttled attempts are logged once per interval with a count, so guessing cannot flood the log.
 * Thread-safe.
 */
public final class AuthService {
    private static final Logger log = LoggerFactory.getLogger(AuthService.class);

    private final UserStore users;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final LogOnce logged;

    public AuthService(UserStore users, SessionStore sessions, PasswordHasher hasher, LoginThrottle throttle, Clock clock,
                       Duration logInterval) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.throttle = throttle;
        this.logged = new LogOnce(clock, logInterval);
    }

    /**
     * Users and sessions in the hub's database, failed logins throttled after {@code maxFailedLogins}
     * within {@code lockout}; refused and throttled logins are logged once per source (address) per
     * lockout window, with the count of the attempts in between.
     */
    public static AuthService open(HubDatabase db, Clock clock, Duration sessionIdle, int maxFailedLogins, Duration lockout) {
        SqlUserStore users = new SqlUserStore(db, clock);
        return new AuthService(users, new SessionStore(db, users, clock, sessionIdle), new PasswordHasher(),
                new LoginThrottle(db, clock, maxFailedLogins, lockout), clock, lockout);
    }

    /** The outcome of a login attempt. */
    public sealed interface Outcome {
        record LoggedIn(Session session) implements Outcome { }

        record Refused() implements Outcome { }

        record Throttled(Duration retryAfter) implements Outcome { }
    }

    public Outcome login(String username, char[] password, String address) {
        try {
            String name = username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
            Optional<Duration> wait = throttle.blockedFor(name, address);
            if (wait.isPresent()) {
                throttled.incrementAndGet();
                long unlogged = logged.tick("throttled", address);
                if (unlogged >= 0) {
                    log.warn("login throttled for user '{}' from {}{}", safe(name), address, since(unlogged));
                }
                return new Outcome.Throttled(wait.get());
            }
            Optional<String> stored = users.passwordHash(name);
            if (stored.isEmpty()) {
                hasher.burn(password);
            }
            if (stored.isPresent() && hasher.verify(password, stored.get())) {
                throttle.succeeded(name);
                User user = users.find(name).orElseThrow();
                log.info("login: {} ({}) from {}", user.username(), user.role(), address);
                return new Outcome.LoggedIn(sessions.create(user));
            }
            throttle.failed(name, address);
            failed.incrementAndGet();
            long unlogged = logged.tick("refused", address);
            if (unlogged >= 0) {
                log.warn("login refused for user '{}' from {}{}", safe(name), address, since(unlogged));
            }
            return new Outcome.Refused();
        } finally {
            PasswordHasher.wipe(password);
        }
    }

    public Optional<Session> session(String token) {
        return sessions.find(token);
    }

    public void logout(Session session) {
        sessions.delete(session.token());
        log.info("logout: {}", session.user().username());
    }

    /** Creates a user with a password (the first admin from the command line, or head office later). */
    public User createUser(User user, char[] password) {
        try {
            users.create(user, hasher.hash(password));
            log.info("user created: {} ({}{})", user.username(), user.role(), user.office() == null ? "" : ", office " + user.office());
            return user;
        } finally {
            PasswordHasher.wipe(password);
        }
    }

    /** Every user for the users page (head office). */
    public java.util.List<UserStore.Listed> listUsers() {
        return users.list();
    }

    /**
     * Head office changes a user's role and office. Refused (with the reason) for an unknown user,
     * and for {@code by}'s own account (no one locks head office out by a slip).
     */
    public void changeRole(User by, User changed) {
        requireOther(by, changed.username());
        if (!users.update(changed)) {
            throw new HubException("no user '" + changed.username() + "'");
        }
        log.info("user {} now {}{} (by {})", changed.username(), changed.role(), changed.office() == null ? "" : ", office " + changed.office(), by.username());
    }

    /** Head office disables ({@code disabled}) or enables a user; a disabled user cannot log in and their sessions end. */
    public void setDisabled(User by, String username, boolean disabled, java.time.Instant at) {
        requireOther(by, username);
        if (!users.setDisabled(username, disabled ? by.username() : null, at)) {
            throw new HubException("no user '" + username + "'");
        }
        log.info("user {} {} (by {})", username, disabled ? "disabled" : "enabled", by.username());
    }

    /** Head office sets a new password for a user; their sessions end. */
    public void resetPassword(User by, String username, char[] password) {
        try {
            if (!users.setPasswordHash(username, hasher.hash(password))) {
                throw new HubException("no user '" + username + "'");
            }
            log.info("password of {} reset (by {})", username, by.username());
        } finally {
            PasswordHasher.wipe(password);
        }
    }

    private static void requireOther(User by, String username) {
        if (by.role() != Role.HEAD_OFFICE) {
            throw new HubException("only head office manages users");
        }
        if (by.username().equals(username)) {
            throw new HubException("you cannot change or disable your own account; ask another head-office user");
        }
    }

    public long failedLogins() {
        return failed.get();
    }

    public long throttledLogins() {
        return throttled.get();
    }

    public UserStore users() {
        return users;
    }

    private static String since(long unlogged) {
        return unlogged == 0 ? "" : " (and " + unlogged + " more from there since the last such line)";
    }

    private static String safe(String name) {
        return name.length() <= 32 && tw.jiaohao.protocol.Check.IDENTIFIER.matcher(name).matches() ? name : "(invalid name)";
    }
}
