package tw.jiaohao.protocol.event;

import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.OfficeScoped;

/**
 * Hub → office node on {@code office/{office}/replay} (QoS 1): "publish your events again from
 * {@code fromSeq} (inclusive) up to {@code toSeq} (inclusive; null means up to the newest)".
 * Sent when the hub sees a gap in an office's sequence. The office node answers by
 * republishing those events on its event topic, in {@code seq} order; events it no longer
 * holds are not resent (the hub logs the gap as permanent). Idempotent: asking twice is safe.
 * {@code requestedBy} is the hub's MQTT client id ({@link Check#clientId}), for the node's log.
 */
public record ReplayRequest(int v, String office, long fromSeq, Long toSeq, String requestedBy) implements OfficeScoped {
    /** Most events one replay request may ask for; the hub asks again for the rest. */
    public static final long MAX_SPAN = 100_000;

    public ReplayRequest {
        Check.version(v);
        Check.identifier("office", office);
        Check.positive("fromSeq", fromSeq);
        if (toSeq != null) {
            if (toSeq < fromSeq) {
                throw new InvalidMessageException("toSeq", "must be ≥ fromSeq (" + fromSeq + "), got " + toSeq);
            }
            if (toSeq - fromSeq >= MAX_SPAN) {
                throw new InvalidMessageException("toSeq", "asks for more than " + MAX_SPAN + " events; ask in parts");
            }
        }
        Check.clientId("requestedBy", requestedBy);
    }
}
