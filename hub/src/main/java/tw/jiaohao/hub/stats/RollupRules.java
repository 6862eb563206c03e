package tw.jiaohao.hub.stats;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.TicketId;
import tw.jiaohao.protocol.event.TicketState;

/**
 * How each newly stored event changes the rollups: the definitions of docs/STATISTICS.md in
 * code. Called once per {@code (office, seq)} (the store drops duplicates first), in any
 * order of {@code seq}: every rule either reads only the event itself or counts a figure
 * when the second of the two events it needs arrives. Pure logic, no I/O; thread-confined to
 * the writer.
 */
public final class RollupRules {
    private RollupRules() {
    }

    /** Applies one new event: updates the ticket's facts in {@code book}, adds to {@code out}. */
    public static void apply(OfficeEvent e, TicketBook book, Map<RollupKey, RollupCounts> out) {
        String office = e.office();
        int counter = e.counter() == null ? RollupKey.NO_COUNTER : e.counter();
        RollupKey byCounter = new RollupKey(office, e.officeDay(), e.category(), counter);
        RollupKey noCounter = new RollupKey(office, e.officeDay(), e.category(), RollupKey.NO_COUNTER);
        TicketFacts facts = book.find(office, e.ticketId())
                .orElseGet(() -> TicketFacts.first(office, e.ticketId(), e.category(), e.issuedAt(), TicketState.WAITING, 0));
        switch (e.type()) {
            case TICKET_ISSUED -> {
                cell(out, noCounter).issued++;
                facts = facts.withState(TicketState.WAITING, e.seq());
            }
            case TICKET_CALLED -> {
                if (facts.calledAt() == null) {
                    // waiting time ends at the first call; the event carries the original issue time
                    cell(out, byCounter).addWait(Duration.between(e.issuedAt(), e.at()).toMillis());
                    facts = facts.withCalledAt(e.at());
                }
                facts = facts.withState(TicketState.CALLED, e.seq());
            }
            case TICKET_RECALLED -> {
                cell(out, byCounter).recalls++;
                facts = facts.withState(TicketState.CALLED, e.seq());
            }
            case TICKET_NO_SHOW -> {
                cell(out, byCounter).noShows++;
                facts = facts.withState(TicketState.NO_SHOW, e.seq());
            }
            case SERVICE_STARTED -> {
                if (facts.startedAt() == null) {
                    facts = facts.withStartedAt(e.at());
                }
                facts = countServiceIfComplete(facts, e, out).withState(TicketState.SERVING, e.seq());
            }
            case SERVICE_FINISHED -> {
                if (facts.finishedAt() == null) {
                    facts = facts.withFinishedAt(e.at(), counter);
                }
                facts = countServiceIfComplete(facts, e, out).withState(TicketState.DONE, e.seq());
            }
            case TICKET_TRANSFERRED -> {
                cell(out, byCounter).transfersOut++;
                cell(out, new RollupKey(office, TicketId.day(e.toTicketId()), e.toCategory(), RollupKey.NO_COUNTER)).transfersIn++;
                facts = facts.withState(TicketState.TRANSFERRED, e.seq());
                // the new ticket waits from the original issue time
                Optional<TicketFacts> target = book.find(office, e.toTicketId());
                book.put(target.orElseGet(() -> TicketFacts.first(office, e.toTicketId(), e.toCategory(), e.issuedAt(), TicketState.WAITING, 0))
                        .withState(TicketState.WAITING, e.seq()));
            }
            case TICKET_CANCELLED -> {
                cell(out, noCounter).cancelled++;
                facts = facts.withState(TicketState.CANCELLED, e.seq());
            }
            case RATING_RECORDED -> cell(out, byCounter).addRating(e.rating());
            case ALERT_RAISED -> {
                // alerts are stored as events; they do not change a ticket or a rollup
            }
        }
        book.put(facts);
    }

    private static TicketFacts countServiceIfComplete(TicketFacts facts, OfficeEvent e, Map<RollupKey, RollupCounts> out) {
        if (facts.serviceCounted() || facts.startedAt() == null || facts.finishedAt() == null) {
            return facts;
        }
        int counter = facts.serviceCounter() != null ? facts.serviceCounter()
                : e.counter() == null ? RollupKey.NO_COUNTER : e.counter();
        cell(out, new RollupKey(facts.office(), e.officeDay(), facts.category(), counter))
                .addService(Duration.between(facts.startedAt(), facts.finishedAt()).toMillis());
        return facts.withServiceCounted();
    }

    private static RollupCounts cell(Map<RollupKey, RollupCounts> out, RollupKey key) {
        return out.computeIfAbsent(key, k -> new RollupCounts());
    }
}
