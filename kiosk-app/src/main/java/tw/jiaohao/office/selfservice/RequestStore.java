package tw.jiaohao.office.selfservice;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import tw.jiaohao.office.ticketing.OfficeDatabase;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.selfservice.CaseNumber;
import tw.jiaohao.protocol.selfservice.RequestAcknowledgement;
import tw.jiaohao.protocol.selfservice.RequestKind;
import tw.jiaohao.protocol.selfservice.SelfServiceRequest;
import tw.jiaohao.protocol.selfservice.Verification;
import tw.jiaohao.protocol.selfservice.VerificationProblem;

/**
 * The office node's request outbox, in the office database (table {@code selfservice_request}).
 *
 * <p>{@link #take} assigns the case number and stores the request in one durable transaction,
 * so a request is either fully taken (and will reach the hub) or not at all. Rows stay until the
 * hub acknowledges them; then their payload (sealed personal data) is emptied and the hub's
 * verdict kept. Thread-safe (the database's single writer lock).
 */
public final class RequestStore {
    private final OfficeDatabase db;
    private final JsonCodec codec = new JsonCodec();

    public RequestStore(OfficeDatabase db) {
        this.db = db;
    }

    /** A request waiting for the hub's acknowledgement. */
    public record Pending(long id, UUID requestId, String caseNumber, byte[] payload, Instant publishedAt, int publishCount) {
    }

    /** What the office node knows of a request it took. */
    public record Status(String caseNumber, Instant takenAt, Instant publishedAt, int publishCount, Instant acknowledgedAt,
                         Verification verification, VerificationProblem problem) {
    }

    /**
     * Assigns the next case number of {@code kind} for {@code officeDay}, builds the request with
     * it ({@code build} receives the case number) and stores it; returns the stored request.
     */
    public SelfServiceRequest take(RequestKind kind, LocalDate officeDay, Function<String, SelfServiceRequest> build) {
        return db.transaction(c -> {
            int seq;
            try (PreparedStatement s = c.prepareStatement("SELECT coalesce(max(day_seq), 0) + 1 FROM selfservice_request WHERE kind = ? AND office_day = ?")) {
                s.setString(1, kind.name());
                s.setString(2, officeDay.toString());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    seq = r.getInt(1);
                }
            }
            SelfServiceRequest request = build.apply(CaseNumber.of(kind, officeDay, seq));
            try (PreparedStatement s = c.prepareStatement("INSERT INTO selfservice_request(request_id, case_number, kind, office_day, "
                    + "day_seq, taken_ms, payload) VALUES (?,?,?,?,?,?,?)")) {
                s.setString(1, request.requestId().toString());
                s.setString(2, request.caseNumber());
                s.setString(3, kind.name());
                s.setString(4, officeDay.toString());
                s.setInt(5, seq);
                s.setLong(6, request.takenAt().toEpochMilli());
                s.setBytes(7, codec.encode(request));
                s.executeUpdate();
            }
            return request;
        });
    }

    /** Unacknowledged requests never published, or last published before {@code publishedBefore}, oldest first. */
    public List<Pending> due(Instant publishedBefore, int limit) {
        return db.transaction(c -> {
            List<Pending> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, request_id, case_number, payload, published_ms, publish_count "
                    + "FROM selfservice_request WHERE ack_ms IS NULL AND (published_ms IS NULL OR published_ms < ?) ORDER BY id LIMIT ?")) {
                s.setLong(1, publishedBefore.toEpochMilli());
                s.setInt(2, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long published = r.getLong(5);
                        out.add(new Pending(r.getLong(1), UUID.fromString(r.getString(2)), r.getString(3), r.getBytes(4),
                                r.wasNull() ? null : Instant.ofEpochMilli(published), r.getInt(6)));
                    }
                }
            }
            return out;
        });
    }

    /** The broker acknowledged (PUBACK) a publication of request {@code id}. */
    public void markPublished(long id, Instant at) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE selfservice_request SET published_ms = ?, publish_count = publish_count + 1 WHERE id = ?")) {
                s.setLong(1, at.toEpochMilli());
                s.setLong(2, id);
                return s.executeUpdate();
            }
        });
    }

    /** Forgets when unacknowledged requests were published, so they are published again now (after a reconnect). */
    public void republishAll() {
        db.transaction(c -> c.createStatement().executeUpdate("UPDATE selfservice_request SET published_ms = NULL WHERE ack_ms IS NULL"));
    }

    /** Records the hub's acknowledgement and empties the payload; false when no such request (or office). */
    public boolean acknowledge(RequestAcknowledgement ack, Instant at) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE selfservice_request SET ack_ms = coalesce(ack_ms, ?), "
                    + "verification = coalesce(verification, ?), problem = coalesce(problem, ?), payload = x'' "
                    + "WHERE request_id = ? AND case_number = ?")) {
                s.setLong(1, at.toEpochMilli());
                s.setString(2, ack.verification().name());
                s.setString(3, ack.problem() == null ? null : ack.problem().name());
                s.setString(4, ack.requestId().toString());
                s.setString(5, ack.caseNumber());
                return s.executeUpdate() == 1;
            }
        });
    }

    public Optional<Status> status(String caseNumber) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT taken_ms, published_ms, publish_count, ack_ms, verification, problem "
                    + "FROM selfservice_request WHERE case_number = ?")) {
                s.setString(1, caseNumber);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    Instant taken = Instant.ofEpochMilli(r.getLong(1));
                    long p = r.getLong(2);
                    Instant published = r.wasNull() ? null : Instant.ofEpochMilli(p);
                    int count = r.getInt(3);
                    long a = r.getLong(4);
                    Instant acked = r.wasNull() ? null : Instant.ofEpochMilli(a);
                    String v = r.getString(5);
                    String pr = r.getString(6);
                    return Optional.of(new Status(caseNumber, taken, published, count, acked,
                            v == null ? null : Verification.valueOf(v), pr == null ? null : VerificationProblem.valueOf(pr)));
                }
            }
        });
    }

    /** Requests not yet acknowledged by the hub. */
    public long unacknowledged() {
        return db.transaction(c -> {
            try (ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM selfservice_request WHERE ack_ms IS NULL")) {
                r.next();
                return r.getLong(1);
            }
        });
    }
}
