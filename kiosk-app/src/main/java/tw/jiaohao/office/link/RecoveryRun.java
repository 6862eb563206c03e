package tw.jiaohao.office.link;

import java.util.ArrayList;
import java.util.List;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.RecoveryReply;

/**
 * What of a hub's {@link RecoveryReply} the node may import: only the run of events that
 * continues its own history without a hole — seqs {@code from}, {@code from + 1}, … of its own
 * office. Everything else in the reply is left out and counted: events of another office,
 * events before {@code from}, events after a hole (seq 10^12, 2^63−1, a lost event). A reply
 * left out entirely has a {@link #problem()}. Pure; the decision of what to do is the caller's.
 *
 * @param events   the contiguous run to import, possibly empty
 * @param ignored  events of the reply left out
 * @param hubAhead whether the hub says it holds events beyond the run (more pages, or beyond a hole)
 * @param problem  why events were left out, for the log (null when none were)
 */
public record RecoveryRun(List<OfficeEvent> events, int ignored, boolean hubAhead, String problem) {

    public RecoveryRun {
        events = List.copyOf(events);
    }

    /** The importable run of {@code reply} for a node of {@code office} whose next seq is {@code from}. */
    public static RecoveryRun of(RecoveryReply reply, String office, long from) {
        if (!reply.office().equals(office)) {
            return new RecoveryRun(List.of(), reply.events().size(), false, "a reply for office '" + reply.office() + "'");
        }
        List<OfficeEvent> run = new ArrayList<>();
        long next = from;
        String problem = null;
        for (OfficeEvent e : reply.events()) {
            if (!e.office().equals(office)) {
                problem = "an event of another office";
                break;
            }
            if (e.seq() != next) {
                problem = e.seq() < next ? "an event before seq " + from : "a hole before seq " + e.seq() + " (expected " + next + ")";
                break;
            }
            run.add(e);
            next++;
        }
        int ignored = reply.events().size() - run.size();
        boolean ahead = reply.maxSeq() >= next;
        return new RecoveryRun(run, ignored, ahead, problem);
    }

    /** The seq after the run (the next one to ask for). */
    public long next(long from) {
        return from + events.size();
    }
}
