package tw.jiaohao.protocol.event;

import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.OfficeScoped;

/**
 * Office node → hub on {@code office/{office}/recovery} (QoS 1, MQTT 5 request/response: the
 * answer, a {@link RecoveryReply}, goes to {@code office/{office}/recovery/reply} with the
 * request's correlation data). "What is the highest {@code seq} you hold of my events, and send
 * me those from {@code fromSeq} on, at most {@code limit}."
 *
 * <p>Sent by the office node at start (before it issues anything) so that a node started from
 * an older copy of its database (a restored backup) learns about the events it no longer holds
 * and never reuses a {@code seq} or a ticket number. Read-only at the hub; idempotent.
 * {@code requestedBy} is the node's MQTT client id ({@link Check#clientId}), for the hub's log.
 */
public record RecoveryRequest(int v, String office, long fromSeq, int limit, String requestedBy) implements OfficeScoped {
    /** Most events one reply carries; the node asks again from the next seq. */
    public static final int MAX_LIMIT = 500;

    public RecoveryRequest {
        Check.version(v);
        Check.identifier("office", office);
        Check.positive("fromSeq", fromSeq);
        if (limit < 0 || limit > MAX_LIMIT) {
            throw new InvalidMessageException("limit", "must be 0.." + MAX_LIMIT + " (0 = only the high-water mark), got " + limit);
        }
        Check.clientId("requestedBy", requestedBy);
    }
}
