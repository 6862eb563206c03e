package tw.jiaohao.hub.notices;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import tw.jiaohao.hub.db.HubDatabase;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.notice.Notice;

/** The {@code notice} and {@code notice_defaults} tables. Thread-safe. */
public final class NoticeStore {
    private final HubDatabase db;
    private final JsonCodec codec;

    public NoticeStore(HubDatabase db, JsonCodec codec) {
        this.db = db;
        this.codec = codec;
    }

    public void insert(NoticeRecord r) {
        db.with("storing a notice", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO notice (id, body, offices, created_by, created_at, starts_at, ends_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, r.id());
                ps.setString(2, codec.encodeToString(r.notice()));
                ps.setString(3, String.join(",", r.offices()));
                ps.setString(4, r.createdBy());
                ps.setLong(5, r.createdAt().toEpochMilli());
                ps.setLong(6, r.notice().startsAt().toEpochMilli());
                ps.setLong(7, r.notice().endsAt().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    public boolean withdraw(String id, String by, Instant at) {
        return db.with("withdrawing a notice", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE notice SET withdrawn_at = ?, withdrawn_by = ? WHERE id = ? AND withdrawn_at IS NULL")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setString(2, by);
                ps.setString(3, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    public Optional<NoticeRecord> find(String id) {
        List<NoticeRecord> r = query("SELECT * FROM notice WHERE id = ?", id);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    /** Notices not ended nor withdrawn at {@code now}, soonest start first. */
    public List<NoticeRecord> inForce(Instant now) {
        return query("SELECT * FROM notice WHERE withdrawn_at IS NULL AND ends_at > ? ORDER BY starts_at, id", now.toEpochMilli());
    }

    /** Notices not withdrawn whose end lies in {@code (after, upTo]}. */
    public List<NoticeRecord> endedBetween(Instant after, Instant upTo) {
        return query("SELECT * FROM notice WHERE withdrawn_at IS NULL AND ends_at > ? AND ends_at <= ? ORDER BY ends_at, id",
                after.toEpochMilli(), upTo.toEpochMilli());
    }

    /** The newest {@code limit} notices of any state. */
    public List<NoticeRecord> recent(int limit) {
        return query("SELECT * FROM notice ORDER BY created_at DESC, id LIMIT ?", limit);
    }

    /** Every scope that has ever been published to, so a withdrawn last notice empties its topic. */
    public List<String> officeScopesEverUsed() {
        return db.with("listing notice scopes", c -> {
            List<String> scopes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT offices FROM notice WHERE offices <> ''");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (String o : rs.getString(1).split(",")) {
                        if (!scopes.contains(o)) {
                            scopes.add(o);
                        }
                    }
                }
            }
            return scopes;
        });
    }

    /** Stores (or replaces) one office's notices' defaults. */
    public void saveDefaults(NoticeDefaults d, String by, Instant at) {
        db.with("storing notices' defaults", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO notice_defaults (office, area, lead_days, set_by, set_at)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (office) DO UPDATE SET area = excluded.area, lead_days = excluded.lead_days,"
                    + " set_by = excluded.set_by, set_at = excluded.set_at")) {
                ps.setString(1, d.office());
                ps.setString(2, d.area());
                ps.setInt(3, d.leadDays());
                ps.setString(4, by);
                ps.setLong(5, at.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /** Every office's notices' defaults, by office id (sorted). */
    public java.util.SortedMap<String, NoticeDefaults> allDefaults() {
        return db.with("reading notices' defaults", c -> {
            java.util.SortedMap<String, NoticeDefaults> out = new java.util.TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT office, area, lead_days FROM notice_defaults");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new NoticeDefaults(rs.getString(1), rs.getString(2), rs.getInt(3)));
                }
            }
            return out;
        });
    }

    /** One office's notices' defaults; empty when head office never set them. */
    public Optional<NoticeDefaults> defaults(String office) {
        return db.with("reading notices' defaults", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT office, area, lead_days FROM notice_defaults WHERE office = ?")) {
                ps.setString(1, office);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new NoticeDefaults(rs.getString(1), rs.getString(2), rs.getInt(3))) : Optional.empty();
                }
            }
        });
    }

    private List<NoticeRecord> query(String sql, Object... args) {
        return db.with("reading notices", c -> {
            List<NoticeRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
            }
            return out;
        });
    }

    private NoticeRecord row(ResultSet rs) throws SQLException {
        Notice n = codec.decodeOrThrow(rs.getString("body").getBytes(java.nio.charset.StandardCharsets.UTF_8), Notice.class);
        String offices = rs.getString("offices");
        long w = rs.getLong("withdrawn_at");
        Instant withdrawn = rs.wasNull() ? null : Instant.ofEpochMilli(w);
        return new NoticeRecord(n, offices.isEmpty() ? List.of() : Arrays.asList(offices.split(",")),
                rs.getString("created_by"), Instant.ofEpochMilli(rs.getLong("created_at")), withdrawn, rs.getString("withdrawn_by"));
    }
}
