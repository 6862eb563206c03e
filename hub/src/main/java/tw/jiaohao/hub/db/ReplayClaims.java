package tw.jiaohao.hub.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code replay_claim} table: which hub instance asked an office for which events, so that
 * the instances sharing a database never ask an office for the same events at once. A request
 * for (office, first seq, kind: a gap's or a probe's) is claimed by one conditional upsert — a
 * new row, or an existing row whose hold has run out ({@code until_at <= now}) — and only the
 * instance whose claim succeeds sends it; each successful claim counts one request in the row,
 * so {@link #requests} tells how often an office was asked for one gap, by all instances
 * together. Rows not asked again for {@link #KEEP} are deleted. Thread-safe.
 */
public final class ReplayClaims {
    /** How long a row is kept after its last request (its count is evidence of how often an office was asked). */
    public static final Duration KEEP = Duration.ofDays(7);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final HubDatabase db;
    private final String holder;
    private final Clock clock;
    private Instant nextPurge = Instant.MIN;

    public ReplayClaims(HubDatabase db, String holder, Clock clock) {
        this.db = db;
        this.holder = holder;
        this.clock = clock;
    }

    /**
     * Claims the request of {@code office}'s events from {@code fromSeq} (a probe's or a gap's)
     * for {@code hold}; true when this instance may send it now.
     *
     * @throws tw.jiaohao.hub.HubException when the database cannot be reached
     */
    public boolean claim(String office, long fromSeq, boolean probe, Duration hold) {
        Instant now = clock.instant();
        purgeNowAndThen(now);
        return db.with("claiming a replay request", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO replay_claim (office, from_seq, kind, holder, until_at, requests,"
                    + " first_at, last_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (office, from_seq, kind) DO UPDATE SET"
                    + " holder = excluded.holder, until_at = excluded.until_at, requests = replay_claim.requests + 1,"
                    + " last_at = excluded.last_at WHERE replay_claim.until_at <= excluded.last_at")) {
                ps.setString(1, office);
                ps.setLong(2, fromSeq);
                ps.setString(3, probe ? "probe" : "gap");
                ps.setString(4, holder);
                ps.setLong(5, now.plus(hold).toEpochMilli());
                ps.setLong(6, now.toEpochMilli());
                ps.setLong(7, now.toEpochMilli());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** How many requests for {@code office}'s events from {@code fromSeq} were sent, by every instance together (0 if none). */
    public long requests(String office, long fromSeq, boolean probe) {
        return db.with("reading replay claims", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT requests FROM replay_claim WHERE office = ? AND from_seq = ? AND kind = ?")) {
                ps.setString(1, office);
                ps.setLong(2, fromSeq);
                ps.setString(3, probe ? "probe" : "gap");
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    private void purgeNowAndThen(Instant now) {
        synchronized (this) {
            if (now.isBefore(nextPurge)) {
                return;
            }
            nextPurge = now.plus(PURGE_EVERY);
        }
        db.with("deleting old replay claims", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM replay_claim WHERE last_at < ?")) {
                ps.setLong(1, now.minus(KEEP).toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }
}
