package tw.jiaohao.forecast.staffing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tw.jiaohao.forecast.LearnedServiceModel;
import tw.jiaohao.forecast.ServiceModel;

class StaffingTest {
    static final List<String> CATS = List.of("A", "B", "P");
    static final ServiceModel MODEL = LearnedServiceModel.fit(List.of(), Map.of("A", 4.0, "B", 8.0, "P", 6.0), 0.5, 0.05, 2.0, 0, Map.of());
    static final Office OFFICE = new Office(CATS, Set.of("P"), List.of(new Office.Counter(1, List.of("P", "A", "B")),
            new Office.Counter(2, List.of("A", "B", "P")), new Office.Counter(3, List.of("B", "A")), new Office.Counter(4, List.of("A")),
            new Office.Counter(5, List.of("A", "B", "P")), new Office.Counter(6, List.of("A", "B", "P"))), 30, 9, 16);

    /** A forecast of {@code perHour[h]} A, a third as many B, a tenth P in each office hour, none outside. */
    static ArrivalForecast forecast(double... perHourA) {
        double[][] mean = new double[3][24];
        double[][] sd = new double[3][24];
        for (int i = 0; i < perHourA.length; i++) {
            mean[0][9 + i] = perHourA[i];
            mean[1][9 + i] = perHourA[i] / 3;
            mean[2][9 + i] = perHourA[i] / 10;
        }
        return new ArrivalForecast(LocalDate.of(2026, 3, 2), DayOfWeek.MONDAY, CATS, mean, sd, 0.05, 6);
    }

    static DayCounts day(LocalDate d, int a10) {
        int[] a = new int[24];
        a[10] = a10;
        a[11] = 2 * a10;
        return new DayCounts(d, Map.of("A", a, "B", new int[24], "P", new int[24]));
    }

    @Test
    void theArrivalForecastAveragesTheSameWeekdayLeavingOutClosuresAndCountingAMakeUpDayAsTheWeekdayItReplaces() {
        LocalDate mon = LocalDate.of(2026, 1, 5);
        LocalDate holiday = mon.plusWeeks(1);               // a Monday closed
        LocalDate makeUp = mon.plusWeeks(1).plusDays(5);    // that week's Saturday works as a Monday
        OfficeCalendar cal = new OfficeCalendar(OfficeCalendar.MONDAY_TO_FRIDAY, Set.of(holiday), Map.of(makeUp, DayOfWeek.MONDAY));
        List<DayCounts> history = List.of(day(mon, 10), day(holiday, 1000), day(makeUp, 20), day(mon.plusWeeks(2), 30),
                day(mon.plusDays(1), 500)); // a Tuesday: another weekday
        ArrivalForecast f = ArrivalForecaster.forecast(CATS, history, cal, mon.plusWeeks(3)).orElseThrow();
        assertEquals(3, f.weeks());
        assertEquals((10 + 20 + 30) / 3.0, f.perHour()[0][10], 1e-9);
        assertEquals(2 * (10 + 20 + 30) / 3.0, f.perHour()[0][11], 1e-9);
        assertEquals(10.0, f.sdPerHour()[0][10], 1e-9); // sd of 10, 20, 30
        assertTrue(ArrivalForecaster.forecast(CATS, history, cal, holiday).isEmpty(), "a closure date gets no forecast");
        assertTrue(ArrivalForecaster.forecast(CATS, history, cal, mon.plusDays(6)).isEmpty(), "a Sunday gets no forecast");
        ArrivalForecast onMakeUp = ArrivalForecaster.forecast(CATS, history, cal, makeUp).orElseThrow();
        assertEquals(DayOfWeek.MONDAY, onMakeUp.worksAs());
        assertEquals(10.0, onMakeUp.perHour()[0][10], 1e-9, "only the Monday before the make-up Saturday counts");
    }

    @Test
    void theForecastUsesOnlyTheLatestWeeksAndNothingFromTheDateItself() {
        LocalDate mon = LocalDate.of(2026, 1, 5);
        List<DayCounts> history = new ArrayList<>();
        for (int w = 0; w < 10; w++) {
            history.add(day(mon.plusWeeks(w), w < 10 - ArrivalForecaster.WEEKS ? 1000 : 10));
        }
        OfficeCalendar cal = new OfficeCalendar(OfficeCalendar.MONDAY_TO_FRIDAY, Set.of(), Map.of());
        ArrivalForecast f = ArrivalForecaster.forecast(CATS, history, cal, mon.plusWeeks(10)).orElseThrow();
        assertEquals(10.0, f.perHour()[0][10], 1e-9);
        ArrivalForecast past = ArrivalForecaster.forecast(CATS, history, cal, mon.plusWeeks(3)).orElseThrow();
        assertEquals(3, past.weeks(), "days on or after the date are not history");
    }

    @Test
    void erlangCMatchesTheTextbookFigures() {
        // a = 2 Erlangs, 3 servers: P(wait) = 4/9 (textbook value 0.4444)
        assertEquals(4.0 / 9, ErlangC.waitProbability(3, 2), 1e-9);
        assertEquals(1.0, ErlangC.waitProbability(2, 2), 1e-9);
        // 1 customer a minute, 2 min each, 3 servers, 1 min: 1 − 4/9·e^(−1·1/2)
        assertEquals(1 - 4.0 / 9 * Math.exp(-0.5), ErlangC.serviceLevel(3, 1, 2, 1), 1e-9);
        assertEquals(0, ErlangC.servers(0, 5, Target.DEFAULT, 10));
        int c = ErlangC.servers(1, 5, Target.DEFAULT, 20);
        assertTrue(ErlangC.serviceLevel(c, 1, 5, 15) >= 0.8 && ErlangC.serviceLevel(c - 1, 1, 5, 15) < 0.8);
    }

    @Test
    void moreCountersNeverMakeTheSimulatedWaitLongerAndEveryTicketIsCalledByTheEndOfTheDay() {
        StaffingEngine engine = new StaffingEngine(OFFICE, MODEL);
        ArrivalForecast f = forecast(40, 50, 60, 30, 40, 50, 40, 20);
        Outlook two = engine.outlook(engine.planFromCounts(f, new int[] {2, 2, 2, 2, 2, 2, 2, 2}), f, Target.DEFAULT, 20, 7);
        Outlook five = engine.outlook(engine.planFromCounts(f, new int[] {5, 5, 5, 5, 5, 5, 5, 5}), f, Target.DEFAULT, 20, 7);
        assertTrue(five.dayShareWithin() > two.dayShareWithin(), two + " vs " + five);
        assertTrue(five.p90Minutes() < two.p90Minutes());
        DaySimulator.Tickets t = engine.simulator().run(engine.planFromCounts(f, new int[] {3, 3, 3, 3, 3, 3, 3, 3}), f.ratesPerMinute(),
                DaySimulator.Start.opening(OFFICE), Double.POSITIVE_INFINITY, new SplittableRandom(3));
        assertTrue(t.size() > 200, "about 380 arrivals expected, got " + t.size());
        for (int i = 0; i < t.size(); i++) {
            assertFalse(Double.isNaN(t.called(i)), "ticket " + i + " never called");
            assertTrue(t.called(i) >= t.issued(i));
            assertTrue(t.issued(i) >= 9 * 60 && t.issued(i) < 17 * 60, "issued outside office hours: " + t.issued(i));
        }
    }

    @Test
    void theAdviceIsTheSameWhetherItsSimulatedDaysRunOneAfterTheOtherOrSeveralAtOnce() {
        ArrivalForecast f = forecast(40, 50, 60, 30, 40, 50, 40, 20);
        StaffingEngine.Advice one = new StaffingEngine(OFFICE, MODEL, 1).advise(f, Target.DEFAULT);
        StaffingEngine.Advice three = new StaffingEngine(OFFICE, MODEL, 3).advise(f, Target.DEFAULT);
        assertEquals(one.plan(), three.plan());
        assertEquals(one.outlook(), three.outlook());
        assertEquals(one, three);
        Plan plan = one.plan();
        assertEquals(new StaffingEngine(OFFICE, MODEL, 1).whatIf(plan, f, Target.DEFAULT),
                new StaffingEngine(OFFICE, MODEL, 4).whatIf(plan, f, Target.DEFAULT));
    }

    @Test
    void twoPlansRunWithTheSameSeedSeeTheSameCustomersAllDayWhereTheyDifferOnlyInTheQueue() {
        // the search compares plans on the same seeds; when a counter's call drew from the same
        // random source as the arrivals, one counter fewer at 10:00 re-drew every customer after
        // it, and a removal at the peak was judged on other customers hours later (round 12)
        StaffingEngine engine = new StaffingEngine(OFFICE, MODEL);
        ArrivalForecast f = forecast(40, 50, 60, 30, 40, 50, 40, 20);
        Plan plan = engine.planFromCounts(f, new int[] {4, 4, 4, 4, 4, 4, 4, 4});
        List<Integer> atTen = plan.numbers(10);
        Plan fewerAtTen = plan.with(10, plan.index(atTen.get(atTen.size() - 1)), false);
        DaySimulator.Tickets a = engine.simulator().run(plan, f.ratesPerMinute(), DaySimulator.Start.opening(OFFICE),
                Double.POSITIVE_INFINITY, new SplittableRandom(11));
        DaySimulator.Tickets b = engine.simulator().run(fewerAtTen, f.ratesPerMinute(), DaySimulator.Start.opening(OFFICE),
                Double.POSITIVE_INFINITY, new SplittableRandom(11));
        assertTrue(a.size() > 200, "about 470 arrivals expected, got " + a.size());
        assertEquals(a.size(), b.size(), "the same number of customers");
        boolean queueDiffers = false;
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.category(i), b.category(i), "customer " + i + "'s category");
            assertEquals(a.issued(i), b.issued(i), 1e-9, "customer " + i + "'s arrival");
            queueDiffers |= a.called(i) != b.called(i);
        }
        assertTrue(queueDiffers, "one counter fewer at 10:00 changes when someone is called");
    }

    @Test
    void aClosedCounterCallsNobodyAndAPriorityTicketGoesFirst() {
        StaffingEngine engine = new StaffingEngine(OFFICE, MODEL);
        Plan onlyFour = Plan.of(OFFICE, List.of(Set.of(4), Set.of(4), Set.of(4), Set.of(4), Set.of(4), Set.of(4), Set.of(4), Set.of(4)));
        double[][] none = new double[3][24];
        // waiting at 10:00: a B (only counters 1–3, 5, 6 serve it) and an A; then a P at the 1-serving counter
        DaySimulator.Start start = new DaySimulator.Start(600, new int[] {1, 0}, new double[] {590, 595}, new double[6], new double[6]);
        DaySimulator.Tickets t = engine.simulator().run(onlyFour, none, start, Double.POSITIVE_INFINITY, new SplittableRandom(1));
        assertTrue(Double.isNaN(t.called(0)), "no open counter serves B");
        assertEquals(600, t.called(1), 1e-9);
        assertEquals(3, t.counter(1)); // index of counter 4
        Plan one = Plan.of(OFFICE, List.of(Set.of(3), Set.of(3), Set.of(3), Set.of(3), Set.of(3), Set.of(3), Set.of(3), Set.of(3)));
        DaySimulator.Start withP = new DaySimulator.Start(600, new int[] {0, 2}, new double[] {500, 599}, new double[6], new double[6]);
        Plan counter1 = Plan.of(OFFICE, List.of(Set.of(1), Set.of(1), Set.of(1), Set.of(1), Set.of(1), Set.of(1), Set.of(1), Set.of(1)));
        DaySimulator.Tickets p = engine.simulator().run(counter1, none, withP, Double.POSITIVE_INFINITY, new SplittableRandom(1));
        assertTrue(p.called(1) < p.called(0), "the priority lane goes before an older A");
        assertEquals(List.of(3), one.numbers(12));
    }

    @Test
    void theAdviceMeetsTheTargetOnFreshSimulatedDaysAndOneCounterFewerAtThePeakDoesWorse() {
        StaffingEngine engine = new StaffingEngine(OFFICE, MODEL);
        ArrivalForecast f = forecast(10, 20, 25, 10, 15, 20, 15, 8);
        StaffingEngine.Advice advice = engine.advise(f, Target.DEFAULT);
        assertTrue(advice.unreachableHours().isEmpty(), advice.unreachableHours().toString());
        Outlook fresh = engine.outlook(advice.plan(), f, Target.DEFAULT, 60, 12345);
        assertTrue(fresh.daysMeetingTarget() >= 0.9, "days meeting the target: " + fresh.daysMeetingTarget());
        int peak = 11;
        int best = -1;
        double bestShare = -1;
        for (int k = 0; k < OFFICE.counters().size(); k++) {
            if (advice.plan().open(peak, k)) {
                double s = engine.outlook(advice.plan().with(peak, k, false), f, Target.DEFAULT, 60, 12345).hour(peak).shareWithin();
                if (s > bestShare) {
                    bestShare = s;
                    best = k;
                }
            }
        }
        assertTrue(best >= 0);
        assertTrue(bestShare < fresh.hour(peak).shareWithin(), bestShare + " vs " + fresh.hour(peak).shareWithin());
        // the busier hours get more counters than the quiet ones
        assertTrue(advice.plan().count(11) > advice.plan().count(16), advice.plan().toString());
        for (int h = 9; h <= 16; h++) {
            assertTrue(advice.plan().served(h).contains("P"), "the priority lane has a counter at " + h + ":00");
        }
    }

    /** Nine desks, so that the peak hour can get more counters than its pooled share needs. */
    static final Office NINE_DESKS = new Office(CATS, Set.of("P"), List.of(new Office.Counter(1, List.of("P", "A", "B")),
            new Office.Counter(2, List.of("A", "B", "P")), new Office.Counter(3, List.of("B", "A")), new Office.Counter(4, List.of("A")),
            new Office.Counter(5, List.of("A", "B", "P")), new Office.Counter(6, List.of("A", "B", "P")),
            new Office.Counter(7, List.of("A", "B", "P")), new Office.Counter(8, List.of("A", "B")), new Office.Counter(9, List.of("A"))),
            30, 9, 16);

    /** A Monday at {@link #NINE_DESKS} with its peak at 11:00 and days varying by 15 % (σ of ln volume). */
    private static ArrivalForecast peakAtElevenVaryingByFifteenPercent() {
        return mondayVaryingByFifteenPercent(15, 30, 44, 18, 15, 25, 15, 8);
    }

    /** A Monday with {@code a[h]} A per office hour from 09:00, a third as many B, a tenth P, days varying by 15 %. */
    private static ArrivalForecast mondayVaryingByFifteenPercent(double... a) {
        double[][] mean = new double[3][24];
        for (int i = 0; i < a.length; i++) {
            mean[0][9 + i] = a[i];
            mean[1][9 + i] = a[i] / 3;
            mean[2][9 + i] = a[i] / 10;
        }
        return new ArrivalForecast(LocalDate.of(2026, 3, 2), DayOfWeek.MONDAY, CATS, mean, new double[3][24], 0.15, 6);
    }

    @Test
    void thePeakHoursOwnTicketsMeetTheTargetOnAlmostEveryDayWhereAPooledShareAloneLeftThemShortOnOneDayInTwelve() {
        // days vary by 15 % (σ of ln volume): the pooled share of the peak hour passes with a margin
        // while its own tickets miss on many single days; the search used to stop there (92 % of
        // the 200 days below, 34 counter-hours)
        StaffingEngine engine = new StaffingEngine(NINE_DESKS, MODEL);
        ArrivalForecast f = peakAtElevenVaryingByFifteenPercent();
        int peak = engine.peakHour(f);
        assertEquals(11, peak);
        StaffingEngine.Advice advice = engine.advise(f, Target.DEFAULT);
        assertTrue(advice.outlook().hour(peak).daysMeeting() >= StaffingEngine.PEAK_HOUR_DAY_CONFIDENCE,
                "on the confirmation's days: " + advice.outlook().hour(peak).daysMeeting());
        Outlook fresh = engine.outlook(advice.plan(), f, Target.DEFAULT, 200, 12345);
        assertTrue(fresh.hour(peak).daysMeeting() >= 0.95, "the peak hour's own tickets met the target on "
                + fresh.hour(peak).daysMeeting() + " of 200 fresh days with " + advice.plan());
    }

    /** About one standard error of a 97 % share measured on 400 days (√(0.97 × 0.03 / 400) = 0.0085). */
    static final double WITHIN_SAMPLING_ERROR_OF_400_DAYS = 0.01;

    @Test
    void everyCounterTheAdviceKeepsInThePeakHourIsNeededForThePeaksStatedShareOfDays() {
        // judged on 32 days, 97 % allows no miss there: a plan whose peak hour meets the target on
        // 98 % of days fails it two times in five; and taken away last, the peak kept counters
        // only the day's rule needed (99.25 % of these 400 days without counter 1 before round 11)
        assertEveryPeakCounterIsNeeded(peakAtElevenVaryingByFifteenPercent());
    }

    @Test
    void aPeakCounterIsNotKeptForTheDaysTargetOnDaysTheRestOfThePlanWasNeverJudgedOn() {
        // a removal at the peak was judged on its 128 days for every rule; the plan itself missed
        // the day's target on 4 of them (96.9 %), so each removal failed the day's 97 % although
        // the peak's own tickets passed, and the peak kept all 9 desks: without counter 1 it met
        // the target on 98.5 % of these 400 days (round 12)
        assertEveryPeakCounterIsNeeded(mondayVaryingByFifteenPercent(12, 19, 19, 24, 28, 41, 20, 21));
    }

    private static void assertEveryPeakCounterIsNeeded(ArrivalForecast f) {
        StaffingEngine engine = new StaffingEngine(NINE_DESKS, MODEL);
        int peak = engine.peakHour(f);
        Plan advice = engine.advise(f, Target.DEFAULT).plan();
        for (int k = 0; k < NINE_DESKS.counters().size(); k++) {
            if (!advice.open(peak, k) || !engine.covers(advice.with(peak, k, false), f, peak)) {
                continue;
            }
            Plan fewer = advice.with(peak, k, false);
            double met = engine.outlook(fewer, f, Target.DEFAULT, 400, 4242).hour(peak).daysMeeting();
            assertTrue(met < StaffingEngine.PEAK_HOUR_DAY_CONFIDENCE + WITHIN_SAMPLING_ERROR_OF_400_DAYS, "without counter " + (k + 1) + " the peak hour met the target on "
                    + met + " of 400 days; the advice: " + advice);
        }
    }

    @Test
    void thePeakHourIsTheHourExpectingTheMostTicketsTheEarliestOnATie() {
        StaffingEngine engine = new StaffingEngine(OFFICE, MODEL);
        assertEquals(11, engine.peakHour(forecast(10, 20, 25, 10, 15, 20, 15, 8)));
        assertEquals(10, engine.peakHour(forecast(10, 25, 25, 10, 15, 20, 15, 8)));
    }

    @Test
    void aPlanIsGivenUpEarlyOnlyAfterMoreMissesThanTheShareAllows() {
        assertEquals(0, StaffingEngine.allowedMisses(32, 0.97));
        assertEquals(1, StaffingEngine.allowedMisses(64, 0.97));
        assertEquals(3, StaffingEngine.allowedMisses(32, 0.90));
    }

    @Test
    void theWordsGroupHoursAndNameCountersThatServeOnlySomeCategories() {
        Plan p = Plan.of(OFFICE, List.of(Set.of(1, 2), Set.of(1, 2, 4), Set.of(1, 2, 4), Set.of(1), Set.of(1), Set.of(1), Set.of(1), Set.of(1)));
        List<Words.Line> en = Words.lines(p, Locale.ENGLISH);
        assertEquals(3, en.size());
        assertEquals("10:00–12:00: 3 counters (1, 2, 4), one of them serving only A", en.get(1).text());
        assertEquals("09:00–10:00: 2 counters (1, 2)", en.get(0).text());
        assertEquals("12:00–17:00: 1 counter (1)", en.get(2).text());
        Plan onlyA = Plan.of(OFFICE, List.of(Set.of(4), Set.of(4), Set.of(4), Set.of(4), Set.of(4), Set.of(4), Set.of(4), Set.of(4)));
        assertEquals("09:00–17:00: 1 counter (4), serving only A, none serving B and P", Words.lines(onlyA, Locale.ENGLISH).get(0).text());
        assertEquals("10:00–12:00： 3 個櫃台（1、2、4），其中 1 個只辦 A", Words.lines(p, Locale.TRADITIONAL_CHINESE).get(1).text());
    }

    @Test
    void theEarlyWarningRisesWithALongQueueIsRaisedOnceAndClearsWhenTheRiskPasses() {
        StaffingEngine engine = new StaffingEngine(OFFICE, MODEL);
        EarlyWarning w = new EarlyWarning(engine.simulator());
        ArrivalForecast f = forecast(30, 60, 70, 30, 40, 60, 40, 20);
        boolean[] oneOpen = {true, false, false, false, false, false};
        boolean[] allOpen = {true, true, true, true, true, true};
        // 25 A waiting, issued over the last 10 minutes, one counter open
        int n = 25;
        int[] cat = new int[n];
        double[] iss = new double[n];
        double[] cal = new double[n];
        for (int i = 0; i < n; i++) {
            iss[i] = 590 + i * 0.4;
            cal[i] = Double.NaN;
        }
        EarlyWarning.Snapshot crowded = new EarlyWarning.Snapshot(600, cat, iss, cal, oneOpen, new double[6], 60, 60);
        EarlyWarning.Risk risk = w.assess(crowded, f, Target.DEFAULT);
        assertTrue(risk.probability() >= EarlyWarning.RAISE, risk.toString());
        assertTrue(risk.openCounter() > 1 && risk.probabilityWithCounter() <= risk.probability(), risk.toString());
        EarlyWarning.Snapshot calm = new EarlyWarning.Snapshot(600, new int[0], new double[0], new double[0], allOpen, new double[6], 60, 60);
        EarlyWarning.Risk none = w.assess(calm, f, Target.DEFAULT);
        assertTrue(none.probability() < EarlyWarning.CLEAR, none.toString());
        EarlyWarning.Watch watch = new EarlyWarning.Watch();
        assertEquals(EarlyWarning.Watch.Change.RAISED, watch.update(risk));
        assertEquals(EarlyWarning.Watch.Change.NONE, watch.update(risk), "raised once");
        assertEquals(EarlyWarning.Watch.Change.CLEARED, watch.update(none));
        assertEquals(EarlyWarning.Watch.Change.NONE, watch.update(none));
        assertTrue(EarlyWarning.describe(OFFICE, risk, Target.DEFAULT, Locale.ENGLISH).contains("Open counter " + risk.openCounter()));
        assertTrue(EarlyWarning.describe(OFFICE, risk, Target.DEFAULT, Locale.TRADITIONAL_CHINESE).contains("開 " + risk.openCounter() + " 號櫃台"));
    }

    @Test
    void aBreachIsAnHourOfDeadlinesBelowTheTargetShare() {
        // 10 tickets issued 9:00–9:09, deadlines 9:15–9:24; 3 called late → 70 % < 80 %
        int n = 10;
        double[] iss = new double[n];
        double[] cal = new double[n];
        for (int i = 0; i < n; i++) {
            iss[i] = 540 + i;
            cal[i] = i < 3 ? iss[i] + 20 : iss[i] + 5;
        }
        double b = EarlyWarning.breach(new int[n], iss, cal, n, 540, 700, Target.DEFAULT);
        assertEquals(540 + 7 + 15, b, 1e-9, "judged as soon as 8 deadlines passed: 5 of 8 in time");
        cal[0] = iss[0] + 5;
        cal[1] = iss[1] + 5;
        assertTrue(Double.isNaN(EarlyWarning.breach(new int[n], iss, cal, n, 540, 700, Target.DEFAULT)), "8 of 10 meets it");
    }

    @Test
    void badInputIsRefusedWithTheRuleItBreaks() {
        assertThrows(IllegalArgumentException.class, () -> new Target(1.2, 15));
        assertThrows(IllegalArgumentException.class, () -> new Office(CATS, Set.of("X"), OFFICE.counters(), 30, 9, 16));
        assertThrows(IllegalArgumentException.class, () -> new DayCounts(LocalDate.now(), Map.of("A", new int[23])));
        Map<String, int[]> neg = new HashMap<>();
        int[] h = new int[24];
        h[3] = -1;
        neg.put("A", h);
        assertThrows(IllegalArgumentException.class, () -> new DayCounts(LocalDate.now(), neg));
        StaffingEngine engine = new StaffingEngine(OFFICE, MODEL);
        assertThrows(IllegalArgumentException.class, () -> engine.planFromCounts(forecast(10), new int[] {9, 0, 0, 0, 0, 0, 0, 0}));
    }

    @Test
    void theCsvHasOneRowPerHourWithTheSameFiguresAsTheOutlookAndQuotesTheWords() {
        StaffingEngine engine = new StaffingEngine(OFFICE, MODEL);
        ArrivalForecast f = forecast(10, 20, 25, 10, 15, 20, 15, 8);
        Plan p = engine.planFromCounts(f, new int[] {2, 3, 4, 2, 3, 3, 3, 2});
        Outlook o = engine.whatIf(p, f, Target.DEFAULT);
        String[] lines = StaffingCsv.whatIf("2026-03-02", p, o, Locale.ENGLISH).split("\r\n");
        assertEquals(1 + OFFICE.hours(), lines.length);
        assertEquals(StaffingCsv.HEADER, lines[0]);
        Outlook.Hour eleven = o.hour(11);
        String row = lines[1 + 11 - 9];
        assertTrue(row.startsWith("2026-03-02,11:00,4,"), row);
        assertTrue(row.contains(String.format(Locale.ROOT, ",%.3f,", eleven.shareWithin())), row);
        assertTrue(row.endsWith("\"" + Words.counters(OFFICE, p.numbers(11), Locale.ENGLISH) + "\""), row);
        assertEquals("'=1", StaffingCsv.cell("=1"));
    }

    @Test
    void aSnapshotTakesAnyMinuteOfTheOfficeDayFromMidnightToTheLastMinuteAndRefusesOthers() {
        boolean[] open = new boolean[6];
        double[] free = new double[6];
        new EarlyWarning.Snapshot(0, new int[0], new double[0], new double[0], open, free, 0, 0);
        new EarlyWarning.Snapshot(1439.5, new int[0], new double[0], new double[0], open, free, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> new EarlyWarning.Snapshot(1440, new int[0], new double[0], new double[0], open, free, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new EarlyWarning.Snapshot(-1, new int[0], new double[0], new double[0], open, free, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new EarlyWarning.Snapshot(600, new int[1], new double[0], new double[0], open, free, 0, 0));
        // late afternoon, after the last ticket hour: nothing arrives, the waiting are still served
        StaffingEngine engine = new StaffingEngine(OFFICE, MODEL);
        EarlyWarning.Risk r = new EarlyWarning(engine.simulator()).assess(new EarlyWarning.Snapshot(17 * 60 + 30, new int[] {0},
                new double[] {17 * 60 + 25}, new double[] {Double.NaN}, new boolean[] {true, true, false, false, false, false}, free, 300, 300),
                forecast(10, 20, 25, 10, 15, 20, 15, 8), Target.DEFAULT);
        assertEquals(0, r.probability(), 1e-9, r.toString());
    }
}
