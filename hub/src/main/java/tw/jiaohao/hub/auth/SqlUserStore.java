package tw.jiaohao.hub.auth;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.db.HubDatabase;

/** {@link UserStore} over the {@code hub_user} table. */
public final class SqlUserStore implements UserStore {
    private final HubDatabase db;
    private final Clock clock;

    public SqlUserStore(HubDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void create(User user, String passwordHash) {
        db.with("adding user " + user.username(), c -> {
            if (find(user.username()).isPresent()) {
                throw new HubException("user '" + user.username() + "' exists already; choose another name");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO hub_user (username, role, office, password_hash, created_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, user.username());
                ps.setString(2, user.role().name());
                ps.setString(3, user.office());
                ps.setString(4, passwordHash);
                ps.setLong(5, clock.millis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<User> find(String username) {
        return db.with("reading a user", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT username, role, office FROM hub_user WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(user(rs)) : Optional.<User>empty();
                }
            }
        });
    }

    @Override
    public Optional<String> passwordHash(String username) {
        return db.with("reading a password hash", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM hub_user WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public boolean hasHeadOffice() {
        return db.with("looking for an administrator", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM hub_user WHERE role = 'HEAD_OFFICE' LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3));
    }
}
