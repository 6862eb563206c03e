package tw.jiaohao.hub.auth;

import java.util.Optional;

/**
 * Port: where dashboard users and their password hashes are kept. Implementations are
 * thread-safe; every call is its own transaction.
 */
public interface UserStore {
    /** Adds a user; throws {@link tw.jiaohao.hub.HubException} if the username is taken. */
    void create(User user, String passwordHash);

    /** An enabled user; empty for an unknown or disabled one (a disabled user's sessions end with it). */
    Optional<User> find(String username);

    /** One row of the users page. */
    record Listed(User user, java.time.Instant createdAt, java.time.Instant disabledAt, String disabledBy) {
        public boolean disabled() {
            return disabledAt != null;
        }
    }

    /** Every user, enabled or not, by username. */
    java.util.List<Listed> list();

    /** Changes a user's role and office; false for an unknown user. */
    boolean update(User user);

    /** Disables ({@code by} not null) or enables ({@code by} null) a user; false for an unknown user. */
    boolean setDisabled(String username, String by, java.time.Instant at);

    /** Replaces a user's password hash and ends their sessions; false for an unknown user. */
    boolean setPasswordHash(String username, String passwordHash);

    /** The stored password hash, empty for an unknown or disabled user. */
    Optional<String> passwordHash(String username);

    /** Is there at least one enabled HEAD_OFFICE user (the first admin)? */
    boolean hasHeadOffice();
}
