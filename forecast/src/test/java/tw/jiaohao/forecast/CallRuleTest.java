package tw.jiaohao.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CallRuleTest {
    private static final double CEILING = 30;
    /** Categories 0 = A, 1 = B, 2 = P (priority lane), 3 = Q (priority lane). */
    private static final boolean[] PRIORITY = {false, false, true, true};

    /** Oldest issue time per category; NaN = nobody waiting. */
    private static CallRule.Queues waiting(double... oldest) {
        return new CallRule.Queues() {
            @Override
            public boolean priority(int category) {
                return PRIORITY[category];
            }

            @Override
            public boolean waiting(int category) {
                return !Double.isNaN(oldest[category]);
            }

            @Override
            public double oldestIssued(int category) {
                return oldest[category];
            }
        };
    }

    private static final double NONE = Double.NaN;

    @Test
    void thePriorityLaneGoesFirstEvenBeforeAStarvingTicket() {
        assertEquals(2, CallRule.next(new int[] {0, 1, 2}, waiting(0, NONE, 95, NONE), 100, CEILING));
    }

    @Test
    void ofTwoPriorityLanesTheOlderTicketIsCalled() {
        assertEquals(3, CallRule.next(new int[] {0, 2, 3}, waiting(0, NONE, 90, 80), 100, CEILING));
    }

    @Test
    void aTicketPastTheStarvationCeilingGoesBeforeTheProfilesFirstCategory() {
        assertEquals(1, CallRule.next(new int[] {0, 1}, waiting(95, 70, NONE, NONE), 100, CEILING));
    }

    @Test
    void exactlyAtTheCeilingCountsAsStarving() {
        assertEquals(1, CallRule.next(new int[] {0, 1}, waiting(95, 70, NONE, NONE), 100, 30));
        assertEquals(0, CallRule.next(new int[] {0, 1}, waiting(95, 70.5, NONE, NONE), 100, 30));
    }

    @Test
    void belowTheCeilingTheProfileOrderDecidesNotTheAge() {
        assertEquals(0, CallRule.next(new int[] {0, 1}, waiting(99, 80, NONE, NONE), 100, CEILING));
        assertEquals(1, CallRule.next(new int[] {1, 0}, waiting(80, 99, NONE, NONE), 100, CEILING));
    }

    @Test
    void aCategoryTheCounterDoesNotServeIsNeverCalled() {
        assertEquals(-1, CallRule.next(new int[] {0, 1}, waiting(NONE, NONE, 10, 10), 100, CEILING));
        assertEquals(1, CallRule.next(new int[] {1}, waiting(0, 99, 10, NONE), 100, CEILING));
    }

    @Test
    void tiesGoToTheEarlierCategoryOfTheProfileUnlessTheAdapterBreaksThem() {
        assertEquals(3, CallRule.next(new int[] {3, 2}, waiting(NONE, NONE, 50, 50), 100, CEILING));
        CallRule.Queues byCategoryNumber = new CallRule.Queues() {
            private final CallRule.Queues plain = CallRuleTest.waiting(NONE, NONE, 50, 50);

            @Override
            public boolean priority(int category) {
                return plain.priority(category);
            }

            @Override
            public boolean waiting(int category) {
                return plain.waiting(category);
            }

            @Override
            public double oldestIssued(int category) {
                return plain.oldestIssued(category);
            }

            @Override
            public boolean older(int a, int b) {
                return oldestIssued(a) < oldestIssued(b) || oldestIssued(a) == oldestIssued(b) && a < b;
            }
        };
        assertEquals(2, CallRule.next(new int[] {3, 2}, byCategoryNumber, 100, CEILING));
    }
}
