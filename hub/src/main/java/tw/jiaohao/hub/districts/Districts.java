package tw.jiaohao.hub.districts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.hub.db.HubDatabase;
import tw.jiaohao.protocol.Check;

/**
 * Which district each office belongs to (table {@code office_district}), set by head office on the
 * dashboard so an office's figures can be compared with its district's. A district is a name of
 * 1–40 characters without control characters; an empty name takes the office out of its district.
 * Thread-safe.
 */
public final class Districts {
    private static final Logger log = LoggerFactory.getLogger(Districts.class);
    public static final int MAX_NAME = 40;

    private final HubDatabase db;
    private final Clock clock;

    public Districts(HubDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Puts {@code office} in {@code district} (blank: in none).
     *
     * @throws HubException when {@code by} is not head office, or the office id or the name breaks a rule (the message says which)
     */
    public void assign(User by, String office, String district) {
        if (by.role() != Role.HEAD_OFFICE) {
            throw new HubException("only head office sets districts");
        }
        if (office == null || !Check.IDENTIFIER.matcher(office).matches()) {
            throw new HubException("an office id is 1-32 of a-z, 0-9 and '-'");
        }
        String name = district == null ? "" : district.strip();
        if (name.length() > MAX_NAME || name.codePoints().anyMatch(Character::isISOControl)) {
            throw new HubException("a district name is 1-" + MAX_NAME + " characters without control characters");
        }
        db.inTransaction("setting a district", c -> {
            if (name.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM office_district WHERE office = ?")) {
                    ps.setString(1, office);
                    return ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO office_district (office, district, set_by, set_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (office) DO UPDATE SET district = excluded.district, set_by = excluded.set_by, set_at = excluded.set_at")) {
                ps.setString(1, office);
                ps.setString(2, name);
                ps.setString(3, by.username());
                ps.setLong(4, clock.millis());
                return ps.executeUpdate();
            }
        });
        log.info("office {} {} by {}", office, name.isEmpty() ? "taken out of its district" : "put in a district", by.username());
    }

    /** Office id → district name, for every office in a district, by office id. */
    public Map<String, String> all() {
        return db.with("reading districts", c -> {
            Map<String, String> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT office, district FROM office_district");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    public Optional<String> districtOf(String office) {
        return Optional.ofNullable(all().get(office));
    }

    /** The offices of {@code district}, sorted. */
    public List<String> officesIn(String district) {
        List<String> out = new ArrayList<>();
        all().forEach((o, d) -> {
            if (d.equals(district)) {
                out.add(o);
            }
        });
        return out;
    }
}
