package tw.jiaohao.hub.auth;

import java.util.Optional;

/**
 * Port: where dashboard users and their password hashes are kept. Implementations are
 * thread-safe; every call is its own transaction.
 */
public interface UserStore {
    /** Adds a user; throws {@link tw.jiaohao.hub.HubException} if the username is taken. */
    void create(User user, String passwordHash);

    Optional<User> find(String username);

    /** The stored password hash, empty for an unknown user. */
    Optional<String> passwordHash(String username);

    /** Is there at least one HEAD_OFFICE user (the first admin)? */
    boolean hasHeadOffice();
}
