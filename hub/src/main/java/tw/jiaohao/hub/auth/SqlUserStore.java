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
            if (list().stream().anyMatch(l -> l.user().username().equals(user.username()))) {
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
            try (PreparedStatement ps = c.prepareStatement("SELECT username, role, office FROM hub_user WHERE username = ? AND disabled_at IS NULL")) {
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
            try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM hub_user WHERE username = ? AND disabled_at IS NULL")) {
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
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM hub_user WHERE role = 'HEAD_OFFICE' AND disabled_at IS NULL LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    @Override
    public java.util.List<Listed> list() {
        return db.with("listing users", c -> {
            java.util.List<Listed> out = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT username, role, office, created_at, disabled_at, disabled_by FROM hub_user ORDER BY username");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Listed(user(rs), java.time.Instant.ofEpochMilli(rs.getLong(4)),
                            rs.getObject(5) == null ? null : java.time.Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6)));
                }
            }
            return out;
        });
    }

    @Override
    public boolean update(User user) {
        return db.with("changing user " + user.username(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE hub_user SET role = ?, office = ? WHERE username = ?")) {
                ps.setString(1, user.role().name());
                ps.setString(2, user.office());
                ps.setString(3, user.username());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean setDisabled(String username, String by, java.time.Instant at) {
        return db.inTransaction("disabling user " + username, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE hub_user SET disabled_at = ?, disabled_by = ? WHERE username = ?")) {
                if (by == null) {
                    ps.setNull(1, java.sql.Types.INTEGER);
                } else {
                    ps.setLong(1, at.toEpochMilli());
                }
                ps.setString(2, by);
                ps.setString(3, username);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            endSessions(c, username);
            return true;
        });
    }

    @Override
    public boolean setPasswordHash(String username, String passwordHash) {
        return db.inTransaction("resetting the password of " + username, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE hub_user SET password_hash = ? WHERE username = ?")) {
                ps.setString(1, passwordHash);
                ps.setString(2, username);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            endSessions(c, username);
            return true;
        });
    }

    private static void endSessions(java.sql.Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM hub_session WHERE username = ?")) {
            ps.setString(1, username);
            ps.executeUpdate();
        }
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3));
    }
}
