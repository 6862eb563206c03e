package tw.jiaohao.hub.settings;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tw.jiaohao.hub.db.HubDatabase;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.settings.OfficeSettings;
import tw.jiaohao.protocol.settings.SettingsAck;

/** The {@code office_settings} and {@code office_settings_answer} tables. Thread-safe. */
public final class SettingsStore {
    private final HubDatabase db;
    private final JsonCodec codec;

    public SettingsStore(HubDatabase db, JsonCodec codec) {
        this.db = db;
        this.codec = codec;
    }

    /** Stores {@code s}; false when its version already exists for the office (someone published at the same moment). */
    public boolean insert(OfficeSettings s) {
        return db.with("storing office settings", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO office_settings (office, version, body, published_by, published_at)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (office, version) DO NOTHING")) {
                ps.setString(1, s.office());
                ps.setLong(2, s.version());
                ps.setString(3, codec.encodeToString(s));
                ps.setString(4, s.publishedBy());
                ps.setLong(5, s.publishedAt().toEpochMilli());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** The newest version published for {@code office}. */
    public Optional<OfficeSettings> latest(String office) {
        return db.with("reading office settings", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM office_settings WHERE office = ? ORDER BY version DESC LIMIT 1")) {
                ps.setString(1, office);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(decode(office, rs.getString(1))) : Optional.<OfficeSettings>empty();
                }
            }
        });
    }

    /** The newest version of every office that has one. */
    public List<OfficeSettings> latestOfAll() {
        return db.with("reading office settings", c -> {
            List<OfficeSettings> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.office, s.body FROM office_settings s"
                    + " WHERE s.version = (SELECT MAX(version) FROM office_settings WHERE office = s.office) ORDER BY s.office");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(decode(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        });
    }

    /** Records a node's answer: the applied version only grows; the last answer is the one of the newest version. */
    public void recordAnswer(SettingsAck a) {
        db.inTransaction("recording a settings answer", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO office_settings_answer (office, applied_version, last_version, last_outcome, last_reason, last_at,"
                    + " last_code, last_args) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (office) DO UPDATE SET"
                    + " applied_version = CASE WHEN excluded.applied_version > office_settings_answer.applied_version THEN excluded.applied_version ELSE office_settings_answer.applied_version END,"
                    + " last_version = CASE WHEN excluded.last_version >= office_settings_answer.last_version THEN excluded.last_version ELSE office_settings_answer.last_version END,"
                    + " last_outcome = CASE WHEN excluded.last_version >= office_settings_answer.last_version THEN excluded.last_outcome ELSE office_settings_answer.last_outcome END,"
                    + " last_reason = CASE WHEN excluded.last_version >= office_settings_answer.last_version THEN excluded.last_reason ELSE office_settings_answer.last_reason END,"
                    + " last_at = CASE WHEN excluded.last_version >= office_settings_answer.last_version THEN excluded.last_at ELSE office_settings_answer.last_at END,"
                    + " last_code = CASE WHEN excluded.last_version >= office_settings_answer.last_version THEN excluded.last_code ELSE office_settings_answer.last_code END,"
                    + " last_args = CASE WHEN excluded.last_version >= office_settings_answer.last_version THEN excluded.last_args ELSE office_settings_answer.last_args END")) {
                ps.setString(1, a.office());
                ps.setLong(2, a.outcome() == SettingsAck.Outcome.APPLIED ? a.version() : 0);
                ps.setLong(3, a.version());
                ps.setString(4, a.outcome().name());
                ps.setString(5, a.reason());
                ps.setLong(6, a.at().toEpochMilli());
                ps.setString(7, a.code());
                ps.setString(8, a.code() == null ? null : json(a.args()));
                return ps.executeUpdate();
            }
        });
    }

    /** Every office that has settings published or has answered, by office id. */
    public List<SettingsStatus> statuses() {
        return db.with("reading settings status", c -> {
            List<SettingsStatus> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT o.office, p.version, p.published_at, p.published_by,"
                    + " a.applied_version, a.last_version, a.last_outcome, a.last_reason, a.last_at, a.last_code, a.last_args"
                    + " FROM (SELECT office FROM office_settings UNION SELECT office FROM office_settings_answer) o"
                    + " LEFT JOIN office_settings p ON p.office = o.office AND p.version = (SELECT MAX(version) FROM office_settings WHERE office = o.office)"
                    + " LEFT JOIN office_settings_answer a ON a.office = o.office ORDER BY o.office");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String outcome = rs.getString(7);
                    out.add(new SettingsStatus(rs.getString(1), rs.getLong(2),
                            rs.getObject(3) == null ? null : Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4), rs.getLong(5),
                            rs.getLong(6), outcome == null ? null : SettingsAck.Outcome.valueOf(outcome), rs.getString(8),
                            rs.getObject(9) == null ? null : Instant.ofEpochMilli(rs.getLong(9)), rs.getString(10), args(rs.getString(11))));
                }
            }
            return out;
        });
    }

    private String json(List<String> args) {
        try {
            return codec.mapper().writeValueAsString(args);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new tw.jiaohao.hub.HubException("a settings answer's arguments cannot be written: " + e.getMessage(), e);
        }
    }

    private List<String> args(String stored) {
        if (stored == null) {
            return List.of();
        }
        try {
            return List.of(codec.mapper().readValue(stored, String[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return List.of(); // shown as the node's English reason instead
        }
    }

    private OfficeSettings decode(String office, String body) {
        Decoded<OfficeSettings> d = codec.decode(Topics.settings(office), body.getBytes(java.nio.charset.StandardCharsets.UTF_8), OfficeSettings.class);
        if (d instanceof Decoded.Accepted<OfficeSettings> a) {
            return a.message();
        }
        throw new tw.jiaohao.hub.HubException("stored settings of " + office + " cannot be read: " + d);
    }
}
