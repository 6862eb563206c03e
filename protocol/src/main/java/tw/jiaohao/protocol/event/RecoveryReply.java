package tw.jiaohao.protocol.event;

import java.time.Instant;
import java.util.List;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.OfficeScoped;

/**
 * Hub → office node on {@code office/{office}/recovery/reply}: the answer to a
 * {@link RecoveryRequest}. {@code contiguousSeq} is the highest seq up to which the hub holds
 * every event of the office, {@code maxSeq} the highest it holds at all (both 0 when it holds
 * none). {@code events} are the stored events with {@code seq ≥ fromSeq} in seq order, at most
 * the request's limit; there may be holes where the hub never received an event. An empty list
 * with {@code maxSeq ≥ fromSeq} cannot happen; an empty list means there is nothing from there on.
 * {@code hubTime} is the hub's clock when it answered (UTC): the office node takes it as one
 * source of trust for its own clock (docs/OPERATIONS.md, "The clock is wrong"); null from hubs
 * that predate it.
 */
public record RecoveryReply(int v, String office, long contiguousSeq, long maxSeq, List<OfficeEvent> events, Instant hubTime)
        implements OfficeScoped {

    /** An answer without the hub's time. */
    public RecoveryReply(int v, String office, long contiguousSeq, long maxSeq, List<OfficeEvent> events) {
        this(v, office, contiguousSeq, maxSeq, events, null);
    }

    public RecoveryReply {
        Check.version(v);
        Check.identifier("office", office);
        if (contiguousSeq < 0 || maxSeq < contiguousSeq) {
            throw new InvalidMessageException("contiguousSeq", "must be 0.." + maxSeq + " (maxSeq), got " + contiguousSeq);
        }
        events = Check.list("events", events, RecoveryRequest.MAX_LIMIT);
        long previous = 0;
        for (int i = 0; i < events.size(); i++) {
            OfficeEvent e = events.get(i);
            if (!e.office().equals(office)) {
                throw new InvalidMessageException("events[" + i + "].office", "must be " + office);
            }
            if (e.seq() <= previous || e.seq() > maxSeq) {
                throw new InvalidMessageException("events[" + i + "].seq", "must increase and be ≤ maxSeq " + maxSeq);
            }
            previous = e.seq();
        }
    }
}
