package tw.jiaohao.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tw.jiaohao.forecast.OfficeState.CounterNow;
import tw.jiaohao.forecast.OfficeState.WaitingTicket;

class ForecasterTest {
    static final List<String> CATS = List.of("A", "B", "C", "D", "P");
    static final Map<String, Double> MEDIANS = Map.of("A", 4.0, "B", 8.0, "C", 7.0, "D", 12.0, "P", 6.0);
    static final ServiceModel MODEL = LearnedServiceModel.fit(List.of(), MEDIANS, 0.8, 0.05, 2.5, 0.0, Map.of());

    static List<CounterNow> fiveOpen() {
        return List.of(CounterNow.idle(1, List.of("P", "A", "B")), CounterNow.idle(2, List.of("A", "B", "P")),
                CounterNow.idle(3, List.of("B", "A")), CounterNow.idle(4, List.of("C", "D", "A")), CounterNow.idle(5, List.of("D", "C")));
    }

    static List<WaitingTicket> waiting(String category, int n) {
        List<WaitingTicket> w = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            w.add(new WaitingTicket(category, n - i));
        }
        return w;
    }

    static OfficeState state(List<WaitingTicket> waiting, List<CounterNow> counters, Map<String, Double> rates) {
        return new OfficeState(CATS, Set.of("P"), waiting, counters, rates, 30, 10 * 60);
    }

    final Forecaster forecaster = new Forecaster();

    @Test
    void aTicketWithNobodyAheadAndAnIdleCounterIsCalledAtOnce() {
        Estimate e = forecaster.forecast(state(List.of(), fiveOpen(), Map.of()), MODEL, "A");
        assertEquals(new Estimate(0, 0, 0, true), e);
    }

    @Test
    void aCategoryNoOpenCounterServesIsNeverPromisedAWait() {
        List<CounterNow> counters = new ArrayList<>(fiveOpen());
        counters.set(3, new CounterNow(4, List.of("C", "D", "A"), Double.POSITIVE_INFINITY, -1, null, List.of()));
        counters.set(4, new CounterNow(5, List.of("D", "C"), Double.POSITIVE_INFINITY, -1, null, List.of()));
        Estimate e = forecaster.forecast(state(waiting("D", 3), counters, Map.of()), MODEL, "D");
        assertFalse(e.servable(), e.toString());
        assertTrue(e.medianMinutes() > 0, "the figure recorded for when its counters open is not 'no wait': " + e);
    }

    @Test
    void morePeopleAheadMeansALongerWait() {
        Estimate few = forecaster.forecast(state(waiting("A", 5), fiveOpen(), Map.of()), MODEL, "A");
        Estimate many = forecaster.forecast(state(waiting("A", 40), fiveOpen(), Map.of()), MODEL, "A");
        assertTrue(many.medianMinutes() > few.medianMinutes() * 3, few + " vs " + many);
        assertTrue(many.lowMinutes() <= many.medianMinutes() && many.medianMinutes() <= many.highMinutes());
        assertTrue(many.highMinutes() > many.lowMinutes(), "a real range: " + many);
    }

    @Test
    void theOnlyCounterAtLunchMakesTheWaitRunToItsReturn() {
        List<CounterNow> counters = List.of(new CounterNow(5, List.of("D"), 0, 2, "D", List.of(new double[] {3, 40})));
        Estimate e = forecaster.forecast(new OfficeState(CATS, Set.of("P"), waiting("D", 1), counters, Map.of(), 30, 11 * 60 + 57),
                MODEL, "D");
        assertTrue(e.servable());
        assertTrue(e.lowMinutes() >= 40, "nobody is called before the counter is back at +40 min: " + e);
    }

    @Test
    void aCustomerAtTheCounterFarLongerThanUsualIsNotTakenAsNearlyDone() {
        // D's median is 12 min (σ 0.5); called 60 min ago, the lognormal's tail beyond that leaves
        // a median of about 7 minutes (a guess of a quarter of the median would say 3)
        List<CounterNow> counters = List.of(new CounterNow(5, List.of("D"), 0, 60, "D", List.of()));
        Estimate e = forecaster.forecast(new OfficeState(CATS, Set.of("P"), List.of(), counters, Map.of(), 30, 10 * 60), MODEL, "D");
        assertTrue(e.servable());
        assertTrue(e.medianMinutes() >= 5, "the customer under way is in the tail, not nearly done: " + e);
    }

    @Test
    void aCounterThatOpensLaterStillServesTheCategory() {
        List<CounterNow> counters = List.of(new CounterNow(5, List.of("D"), 25, -1, null, List.of()));
        Estimate e = forecaster.forecast(new OfficeState(CATS, Set.of("P"), List.of(), counters, Map.of(), 30, 8 * 60), MODEL, "D");
        assertTrue(e.servable());
        assertEquals(25, e.medianMinutes());
    }

    @Test
    void priorityCustomersWhoArriveMeanwhileGoFirst() {
        List<CounterNow> counters = List.of(CounterNow.idle(1, List.of("P", "A")));
        OfficeState quiet = new OfficeState(CATS, Set.of("P"), waiting("A", 10), counters, Map.of(), 30, 600);
        OfficeState busyLane = new OfficeState(CATS, Set.of("P"), waiting("A", 10), counters, Map.of("P", 0.1), 30, 600);
        assertTrue(forecaster.forecast(busyLane, MODEL, "A").medianMinutes() > forecaster.forecast(quiet, MODEL, "A").medianMinutes());
    }

    @Test
    void aTicketPastTheStarvationCeilingIsCalledBeforeACountersPreferredCategory() {
        // counter 3 prefers B, and B tickets keep coming faster than it serves them: our A ticket
        // is called once it has waited the ceiling (30 min), not never
        List<CounterNow> counters = List.of(CounterNow.idle(3, List.of("B", "A")));
        List<WaitingTicket> w = waiting("B", 3);
        Estimate e = forecaster.forecast(new OfficeState(CATS, Set.of("P"), w, counters, Map.of("B", 0.25), 30, 600), MODEL, "A");
        assertTrue(e.lowMinutes() >= 30 && e.highMinutes() <= 60, "called after the ceiling and the service then under way: " + e);
    }

    @Test
    void theSameStateGivesTheSameEstimate() {
        OfficeState s = state(waiting("B", 12), fiveOpen(), Map.of("A", 0.3, "P", 0.05));
        assertEquals(forecaster.forecast(s, MODEL, "B"), forecaster.forecast(s, MODEL, "B"));
    }

    @Test
    void aTransferredTicketThatKeepsItsPlaceLengthensTheWait() {
        ServiceModel transfers = LearnedServiceModel.fit(List.of(), MEDIANS, 0.8, 0.05, 2.5, 0.5, Map.of("B", 1.0));
        List<CounterNow> counters = List.of(CounterNow.idle(1, List.of("A")), CounterNow.idle(3, List.of("B")));
        List<WaitingTicket> w = new ArrayList<>(waiting("A", 10));
        w.addAll(waiting("B", 5));
        OfficeState s = new OfficeState(CATS, Set.of("P"), w, counters, Map.of(), 300, 600);
        assertTrue(forecaster.forecast(s, transfers, "B").medianMinutes() > forecaster.forecast(s, MODEL, "B").medianMinutes());
    }

    @Test
    void anImplausibleArrivalRateEndsAtTheHorizonInsteadOfRunningAway() {
        // a counter that prefers B, B arriving 1,000 a minute: A is never reached
        List<CounterNow> counters = List.of(CounterNow.idle(3, List.of("B", "A")));
        Estimate e = forecaster.forecast(new OfficeState(CATS, Set.of("P"), waiting("A", 1), counters, Map.of("B", 1000.0), 100_000, 600),
                MODEL, "A");
        assertEquals(Estimate.MAX_MINUTES, e.medianMinutes());
    }

    @Test
    void aRateReadFromAShortWindowWidensTheRange() {
        List<CounterNow> counters = fiveOpen();
        Map<String, Double> rates = Map.of("P", 0.15, "B", 0.2, "C", 0.1, "D", 0.05, "A", 0.3);
        OfficeState known = new OfficeState(CATS, Set.of("P"), waiting("A", 25), counters, rates, 30, 600);
        OfficeState tenMinutes = new OfficeState(CATS, Set.of("P"), waiting("A", 25), counters, rates, 30, 600,
                Arrivals.evidenceMinutes(0));
        OfficeState longWindow = new OfficeState(CATS, Set.of("P"), waiting("A", 25), counters, rates, 30, 600,
                Arrivals.evidenceMinutes(60));
        Estimate exact = forecaster.forecast(known, MODEL, "A");
        Estimate shortly = forecaster.forecast(tenMinutes, MODEL, "A");
        Estimate hour = forecaster.forecast(longWindow, MODEL, "A");
        int exactWidth = exact.highMinutes() - exact.lowMinutes();
        int shortWidth = shortly.highMinutes() - shortly.lowMinutes();
        int hourWidth = hour.highMinutes() - hour.lowMinutes();
        assertTrue(shortWidth > exactWidth, "10 minutes of evidence " + shortly + " vs exact rates " + exact);
        assertTrue(shortWidth >= hourWidth, "10 minutes of evidence " + shortly + " vs an hour " + hour);
    }

    @Test
    void aSmallCategorysRateIsDrawnWithTheOfficesEvidence_soItsSkewDoesNotShortenTheMedian() {
        // The rates are read as the office's level (all categories' tickets) times the day's mix
        // (Arrivals.perMinute), so the level, not a category's handful of tickets, is what is
        // uncertain. Counter 1 serves the priority lane first, then A; counters 2 and 3 serve
        // only B, the busy category. The A ticket's wait depends on how many P arrive meanwhile.
        // Drawn from P's own 1 ticket of evidence (gamma shape 1, median 0.69 × the rate), the
        // median run had far fewer P than the rate says, and the median wait came out short.
        List<CounterNow> counters = List.of(CounterNow.idle(1, List.of("P", "A")), CounterNow.idle(2, List.of("B")),
                CounterNow.idle(3, List.of("B")));
        Map<String, Double> rates = Map.of("P", 0.05, "B", 1.0);
        double evidence = Arrivals.evidenceMinutes(10);
        OfficeState exact = new OfficeState(CATS, Set.of("P"), waiting("A", 12), counters, rates, 600, 600);
        OfficeState drawn = new OfficeState(CATS, Set.of("P"), waiting("A", 12), counters, rates, 600, 600, evidence);
        Forecaster many = new Forecaster(4000);
        Estimate known = many.forecast(exact, MODEL, "A");
        Estimate read = many.forecast(drawn, MODEL, "A");
        assertTrue(Math.abs(read.medianMinutes() - known.medianMinutes()) <= 1,
                "rates drawn from 20 min of the office's evidence " + read + " vs exact rates " + known);
    }

    @Test
    void theCustomerAtACounterNowMayBeSentOnAheadOfThisTicket() {
        // one counter, busy with a B customer called 1 minute ago; transfers go to A
        ServiceModel sendsOn = LearnedServiceModel.fit(List.of(), MEDIANS, 0.8, 0.0, 2.5, 0.6, Map.of("A", 1.0));
        ServiceModel keeps = LearnedServiceModel.fit(List.of(), MEDIANS, 0.8, 0.0, 2.5, 0.0, Map.of("A", 1.0));
        List<CounterNow> one = List.of(new CounterNow(1, List.of("A", "B"), 0, 1, "B", List.of()));
        OfficeState s = new OfficeState(CATS, Set.of("P"), List.of(), one, Map.of(), 30, 600);
        Estimate withTransfers = forecaster.forecast(s, sendsOn, "A");
        Estimate without = forecaster.forecast(s, keeps, "A");
        assertTrue(withTransfers.medianMinutes() > without.medianMinutes() + 1,
                "the B customer goes before a ticket issued after them: " + withTransfers + " vs " + without);
    }

    @Test
    void aCustomerSentOnFromACounterRejoinsAtTheirOriginalIssueTime_pastTheStarvationCeiling() {
        // counter 1 serves B only and has a B customer called 1 minute ago, who may be sent on to A;
        // counter 2 prefers C over A. Issued 41 minutes ago, that customer rejoins A past the
        // 30-minute ceiling and goes before counter 2's C tickets; taken as issued when called,
        // they would wait behind them, and the new C ticket would not wait for their service.
        ServiceModel sendsOn = LearnedServiceModel.fit(List.of(), MEDIANS, 0.8, 0.0, 2.5, 0.6, Map.of("A", 1.0));
        List<WaitingTicket> c = waiting("C", 3);
        OfficeState issuedAtCall = new OfficeState(CATS, Set.of("P"), c, List.of(
                new CounterNow(1, List.of("B"), 0, 1, "B", List.of()), CounterNow.idle(2, List.of("C", "A"))), Map.of(), 30, 600);
        OfficeState issuedEarlier = new OfficeState(CATS, Set.of("P"), c, List.of(
                new CounterNow(1, List.of("B"), 0, 1, "B", 41, List.of()), CounterNow.idle(2, List.of("C", "A"))), Map.of(), 30, 600);
        Estimate young = forecaster.forecast(issuedAtCall, sendsOn, "C");
        Estimate old = forecaster.forecast(issuedEarlier, sendsOn, "C");
        assertTrue(old.medianMinutes() >= young.medianMinutes() + 2,
                "the starving transferee goes first at counter 2: " + old + " vs " + young);
    }

    @Test
    void aBusyCountersCustomerCannotHaveBeenIssuedAfterTheirCall() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new CounterNow(1, List.of("A"), 0, 5, "A", 4, List.of()));
    }

    @Test
    void nobodyIsExpectedToArriveAfterTheLastTicketTime() {
        List<WaitingTicket> w = waiting("A", 12);
        Map<String, Double> heavyLane = Map.of("P", 0.5);
        Estimate none = forecaster.forecast(state(w, fiveOpen(), Map.of()), MODEL, "A");
        Estimate open = forecaster.forecast(state(w, fiveOpen(), heavyLane), MODEL, "A");
        Estimate closed = forecaster.forecast(new OfficeState(CATS, Set.of("P"), w, fiveOpen(), heavyLane, 30, 16 * 60 + 30,
                Double.POSITIVE_INFINITY, Map.of("P", 0.0)), MODEL, "A");
        assertTrue(open.medianMinutes() > none.medianMinutes(), "priority customers arriving meanwhile go first: " + none + " vs " + open);
        assertEquals(none, closed, "issuing has stopped: nobody goes before the ticket any more");
    }

    @Test
    void aRangeFromZeroHoldsTheRunsCalledAtOnce_soItEndsAtTheEightiethPercentile() {
        double[] waits = new double[100];
        for (int i = 40; i < 100; i++) {
            waits[i] = i - 39; // 40 runs called at once, then 1..60 minutes
        }
        int[] r = Forecaster.range(waits);
        assertEquals(0, r[0]);
        assertEquals((int) Math.round(Forecaster.quantile(waits, 0.8)), r[2], "0 to the 80th percentile holds 80 % of the runs");
        double[] later = new double[100];
        for (int i = 0; i < 100; i++) {
            later[i] = 10 + i;
        }
        int[] l = Forecaster.range(later);
        assertEquals((int) Math.round(Forecaster.quantile(later, 0.1)), l[0]);
        assertEquals((int) Math.round(Forecaster.quantile(later, 0.9)), l[2], "away from 0: the 10th to the 90th percentile");
    }
}
