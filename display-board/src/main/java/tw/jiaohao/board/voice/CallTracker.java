package tw.jiaohao.board.voice;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tw.jiaohao.protocol.state.StateSnapshot;
import tw.jiaohao.protocol.state.StateSnapshot.CallView;

/**
 * Finds the calls to announce in a stream of snapshots: entries of {@code lastCalls} not seen
 * before (a recall is a new entry with its own instant, so it is announced again), oldest
 * first. The calls in the first snapshot after start-up are history, not announced; calls
 * older than {@code maxAge} on arrival (made while the board was offline) are shown, not
 * spoken. Not thread-safe: fed by one thread.
 */
public final class CallTracker {
    private final Duration maxAge;
    private final Set<String> seen = new HashSet<>();
    private boolean primed;

    public CallTracker(Duration maxAge) {
        this.maxAge = maxAge;
    }

    public List<CallView> newCalls(StateSnapshot snapshot, Instant now) {
        List<CallView> fresh = new ArrayList<>();
        Set<String> current = new HashSet<>();
        for (CallView c : snapshot.lastCalls()) {
            String key = c.ticketId() + "@" + c.counter() + "@" + c.at();
            current.add(key);
            if (primed && !seen.contains(key) && !c.at().isBefore(now.minus(maxAge))) {
                fresh.add(0, c);
            }
        }
        seen.addAll(current);
        seen.retainAll(current);
        primed = true;
        return fresh;
    }
}
