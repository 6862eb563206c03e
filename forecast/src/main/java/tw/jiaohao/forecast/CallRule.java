package tw.jiaohao.forecast;

/**
 * Which category's oldest waiting ticket a counter calls next: the one rule that the office
 * node's queue engine, the waiting estimate's simulation ({@link Forecaster}), the staffing
 * simulator and the evaluation's simulated office all follow (docs/office-node/QUEUE.md, "Call
 * next"):
 * <ol>
 * <li>the oldest ticket of a priority-lane category the counter serves;</li>
 * <li>else the oldest ticket of any category it serves, if it has waited the starvation ceiling
 *     or longer;</li>
 * <li>else the oldest ticket of the first category of its profile, in profile order, that has one.</li>
 * </ol>
 * Pure: categories are indices the caller chose, times are in any one unit the caller chose
 * (minutes in the simulations, epoch milliseconds in the engine).
 */
public final class CallRule {

    /**
     * The waiting tickets as the rule sees them: per category, whether any wait and when the
     * oldest was issued.
     */
    public interface Queues {
        /** Whether {@code category} is a priority-lane category. */
        boolean priority(int category);

        /** Whether a ticket of {@code category} is waiting. */
        boolean waiting(int category);

        /** When the oldest waiting ticket of {@code category} was issued; asked only while one waits. */
        double oldestIssued(int category);

        /**
         * Whether the oldest waiting ticket of {@code a} was issued before that of {@code b}
         * (both waiting). An adapter whose tickets can share an issue time breaks the tie in its
         * own order; without a tie-break the earlier category of the profile wins.
         */
        default boolean older(int a, int b) {
            return oldestIssued(a) < oldestIssued(b);
        }
    }

    private CallRule() {
    }

    /**
     * @param profile            the categories the counter serves, in its profile's order
     * @param queues             what waits now
     * @param now                the time of the call
     * @param starvationCeiling  the ceiling, in the unit of {@code now}; &gt; 0
     * @return the category whose oldest waiting ticket is called, or -1 when nothing the counter
     *         serves waits
     */
    public static int next(int[] profile, Queues queues, double now, double starvationCeiling) {
        int best = -1;
        for (int c : profile) {
            if (queues.priority(c) && queues.waiting(c) && (best < 0 || queues.older(c, best))) {
                best = c;
            }
        }
        if (best >= 0) {
            return best;
        }
        for (int c : profile) {
            if (queues.waiting(c) && (best < 0 || queues.older(c, best))) {
                best = c;
            }
        }
        if (best >= 0 && queues.oldestIssued(best) <= now - starvationCeiling) {
            return best;
        }
        for (int c : profile) {
            if (queues.waiting(c)) {
                return c;
            }
        }
        return -1;
    }
}
