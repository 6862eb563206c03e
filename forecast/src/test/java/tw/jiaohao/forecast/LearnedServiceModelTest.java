package tw.jiaohao.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LearnedServiceModelTest {
    @Test
    void withoutHistoryTheConfiguredMinutesAreTheMedian() {
        LearnedServiceModel m = LearnedServiceModel.fit(List.of(), Map.of("A", 4.0), 0.5, 0.05, 2, 0, Map.of());
        assertEquals(4.0, Math.exp(m.mu("A", 1, 10)), 1e-9);
        assertEquals(LearnedServiceModel.DEFAULT_SIGMA, m.sigma("A", 1, 10), 1e-9);
    }

    @Test
    void aSlowCounterAndASlowHourAreLearnedFromTheOfficesOwnServices() {
        Random r = new Random(7);
        List<LearnedServiceModel.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            int counter = 1 + r.nextInt(2);
            int hour = 9 + r.nextInt(7);
            double median = 6.0 * (counter == 2 ? 1.5 : 1.0) * (hour >= 15 ? 1.2 : 1.0);
            samples.add(new LearnedServiceModel.Sample("B", counter, hour, median * Math.exp(0.4 * r.nextGaussian())));
        }
        LearnedServiceModel m = LearnedServiceModel.fit(samples, Map.of("B", 8.0), 0.5, 0.05, 2, 0, Map.of());
        double ratioCounter = Math.exp(m.mu("B", 2, 10) - m.mu("B", 1, 10));
        double ratioHour = Math.exp(m.mu("B", 1, 15) - m.mu("B", 1, 10));
        assertTrue(ratioCounter > 1.4 && ratioCounter < 1.6, "counter 2 is 1.5× slower, learned " + ratioCounter);
        assertTrue(ratioHour > 1.12 && ratioHour < 1.28, "15:00 is 1.2× slower, learned " + ratioHour);
        assertTrue(Math.abs(m.sigma("B", 1, 10) - 0.4) < 0.03, "spread 0.4, learned " + m.sigma("B", 1, 10));
    }

    @Test
    void theAfternoonsPaceIsTheOfficesAndAnHourWithoutServicesTakesTheNearestHours() {
        // everyone is 1.2× slower from 15:00; B is served all day, D mostly in the morning, and
        // nobody after 16:59 (a long queue runs into 17:00 only on busy days)
        Random r = new Random(11);
        List<LearnedServiceModel.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            boolean d = r.nextInt(4) == 0;
            int hour = d && r.nextInt(20) > 0 ? 9 + r.nextInt(5) : 9 + r.nextInt(8);
            double median = (d ? 12.0 : 6.0) * (hour >= 15 ? 1.2 : 1.0);
            samples.add(new LearnedServiceModel.Sample(d ? "D" : "B", 1, hour, median * Math.exp(0.4 * r.nextGaussian())));
        }
        LearnedServiceModel m = LearnedServiceModel.fit(samples, Map.of("B", 8.0, "D", 12.0), 0.5, 0.05, 2, 0, Map.of());
        double dLate = Math.exp(m.mu("D", 1, 16) - m.mu("D", 1, 10));
        double bAfterHours = Math.exp(m.mu("B", 1, 17) - m.mu("B", 1, 10));
        assertTrue(dLate > 1.10 && dLate < 1.30, "D at 16:00 is 1.2× slower like everyone, learned " + dLate);
        assertTrue(bAfterHours > 1.12 && bAfterHours < 1.28, "17:00 has no services: the 16:00 pace, learned " + bAfterHours);
    }

    @Test
    void theLastHourWithAFewServicesKeepsTheAfternoonsPace_notTheDaysAverage() {
        // 8 % slower from 15:00, a hundred services in each hour to 16:00 and only six after
        // 17:00 (the hour a long queue, a counter gone, runs into after the last ticket); each
        // hour's services spread ±0.45 in ln around its median, as services do
        List<LearnedServiceModel.Sample> samples = new ArrayList<>();
        for (int hour = 9; hour <= 17; hour++) {
            double median = hour >= 15 ? 4.0 * 1.08 : 4.0;
            for (int i = 0; i < (hour == 17 ? 6 : 100); i++) {
                samples.add(new LearnedServiceModel.Sample("A", 1, hour, median * Math.exp(i % 2 == 0 ? 0.45 : -0.45)));
            }
        }
        LearnedServiceModel m = LearnedServiceModel.fit(samples, Map.of("A", 4.0), 0.5, 0.05, 2, 0, Map.of());
        double lastVsAfternoon = Math.exp(m.mu("A", 1, 17) - m.mu("A", 1, 16));
        double afternoonVsMorning = Math.exp(m.mu("A", 1, 16) - m.mu("A", 1, 10));
        assertEquals(1.0, lastVsAfternoon, 0.01, "17:00 is as slow as 16:00, learned " + lastVsAfternoon);
        assertEquals(1.08, afternoonVsMorning, 0.02, "16:00 is 8 % slower than 10:00, learned " + afternoonVsMorning);
    }

    @Test
    void aThinLastHourWhoseFewServicesRanShortByLuckKeepsTheAfternoonsPace_andTheRealStepAt15IsKept() {
        // 8 % slower from 15:00; 700 services in each hour to 16:00 (the office's 24 days) and 26
        // in the last hour, whose services ran 18 % short by luck (−0.2 in ln, 2.3 standard
        // errors of a mean of 26 services spread ±0.45). Shrunk towards 16:00 by 15 pseudo-samples
        // alone, 17:00 kept 26/41 of that luck and came out 12 % too fast.
        List<LearnedServiceModel.Sample> samples = new ArrayList<>();
        for (int hour = 9; hour <= 17; hour++) {
            double median = (hour >= 15 ? 4.0 * 1.08 : 4.0) * (hour == 17 ? Math.exp(-0.2) : 1.0);
            for (int i = 0; i < (hour == 17 ? 26 : 700); i++) {
                samples.add(new LearnedServiceModel.Sample("A", 1, hour, median * Math.exp(i % 2 == 0 ? 0.45 : -0.45)));
            }
        }
        LearnedServiceModel m = LearnedServiceModel.fit(samples, Map.of("A", 4.0), 0.5, 0.05, 2, 0, Map.of());
        double last = Math.exp(m.mu("A", 1, 17) - m.mu("A", 1, 10));
        double afternoon = Math.exp(m.mu("A", 1, 15) - m.mu("A", 1, 10));
        assertEquals(1.08, last, 0.05, "17:00 is truly as slow as 16:00, 1.08 × 10:00's pace; learned " + last);
        assertEquals(1.08, afternoon, 0.01, "15:00 is 8 % slower than 10:00, learned " + afternoon);
    }

    @Test
    void aCounterThatWorksMostlyInTheAfternoonDoesNotTakeTheAfternoonsPaceForItsOwn() {
        // Every counter as fast as every other, 8 % slower from 15:00 for everyone. A is served at
        // counter 1 only in the morning and at counter 2 all day; B at counter 3 all day and at
        // counter 2 from 14:00. Counter 2 works more in the afternoon than the office does, so a
        // single pass (counters, then hours) gave it part of the afternoon's pace as its offset,
        // and the office's afternoon came out too fast: A at 15:00 0.974 of its 10:00 pace × 1.08.
        List<LearnedServiceModel.Sample> samples = new ArrayList<>();
        // (ten times a day's services, so the shrinking of an hour towards its neighbour is negligible)
        addDay(samples, "A", 1, 9, 12, 600, 4.0);
        addDay(samples, "A", 2, 9, 17, 200, 4.0);
        addDay(samples, "B", 3, 9, 17, 400, 8.0);
        addDay(samples, "B", 2, 14, 17, 400, 8.0);
        LearnedServiceModel m = LearnedServiceModel.fit(samples, Map.of("A", 4.0, "B", 8.0), 0.5, 0.05, 2, 0, Map.of());
        for (int counter : new int[] {1, 2}) {
            double afternoon = Math.exp(m.mu("A", counter, 15) - m.mu("A", counter, 10));
            double last = Math.exp(m.mu("A", counter, 17) - m.mu("A", counter, 10));
            assertEquals(1.08, afternoon, 0.01, "A at counter " + counter + ", 15:00 against 10:00, learned " + afternoon);
            assertEquals(1.08, last, 0.01, "A at counter " + counter + ", 17:00 against 10:00, learned " + last);
        }
    }

    /** {@code n} services an hour from {@code from} to {@code to}, ±0.4 in ln around the median, 8 % slower from 15:00. */
    private static void addDay(List<LearnedServiceModel.Sample> samples, String category, int counter, int from, int to, int n,
                               double median) {
        for (int hour = from; hour <= to; hour++) {
            double m = hour >= 15 ? median * 1.08 : median;
            for (int i = 0; i < n; i++) {
                samples.add(new LearnedServiceModel.Sample(category, counter, hour, m * Math.exp(i % 2 == 0 ? 0.4 : -0.4)));
            }
        }
    }

    @Test
    void aClerksPaceIsLearnedFromEveryCategoryTheyServe_notFromTheLuckOfTheirFewPriorityServices() {
        // Counter 1's clerk is 10 % faster than the others at everything. Counters 1, 2 and 3 serve
        // A (400 services each) and B (150 each); the priority lane P is served at counters 1
        // and 2, 40 times each, and counter 1's 40 happened to run 10 % short of its pace (luck
        // of 0.1 in ln, 1.4 standard errors of 40 services). Each cell on its own took that luck
        // for P's figure at counter 1: 0.82 of counter 2's instead of 0.9.
        List<LearnedServiceModel.Sample> samples = new ArrayList<>();
        for (int counter = 1; counter <= 3; counter++) {
            double pace = counter == 1 ? 0.9 : 1.0;
            addCell(samples, "A", counter, 400, 4.0 * pace);
            addCell(samples, "B", counter, 150, 8.0 * pace);
        }
        addCell(samples, "P", 1, 40, 6.0 * 0.9 * Math.exp(-0.1));
        addCell(samples, "P", 2, 40, 6.0);
        LearnedServiceModel m = LearnedServiceModel.fit(samples, Map.of("A", 4.0, "B", 8.0, "P", 6.0), 0.5, 0.05, 2, 0, Map.of());
        double p = Math.exp(m.mu("P", 1, 10) - m.mu("P", 2, 10));
        double a = Math.exp(m.mu("A", 1, 10) - m.mu("A", 2, 10));
        assertEquals(0.9, p, 0.015, "P at counter 1 against counter 2: the clerk's pace, learned " + p);
        assertEquals(0.9, a, 0.01, "A at counter 1 against counter 2, learned " + a);
    }

    /** {@code n} services at 10:00, ±0.45 in ln around the median. */
    private static void addCell(List<LearnedServiceModel.Sample> samples, String category, int counter, int n, double median) {
        for (int i = 0; i < n; i++) {
            samples.add(new LearnedServiceModel.Sample(category, counter, 10, median * Math.exp(i % 2 == 0 ? 0.45 : -0.45)));
        }
    }

    @Test
    void aCounterWithAFewServicesBarelyMovesTheCategorysFigure() {
        List<LearnedServiceModel.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            samples.add(new LearnedServiceModel.Sample("A", 1, 10, 4.0));
        }
        samples.add(new LearnedServiceModel.Sample("A", 9, 10, 40.0));
        LearnedServiceModel m = LearnedServiceModel.fit(samples, Map.of("A", 4.0), 0.5, 0.05, 2, 0, Map.of());
        assertTrue(Math.exp(m.mu("A", 9, 10)) < 4.0 * 1.2, "one long service at counter 9: " + Math.exp(m.mu("A", 9, 10)));
    }

    @Test
    void usualArrivalsSteadyTodaysWindow() {
        assertEquals(0.2, Arrivals.perMinute(0, 0, 0.2), 1e-9);
        double busier = Arrivals.perMinute(30, 60, 0.2);
        assertTrue(busier > 0.4 && busier < 0.5, "30 in the last hour, usually 12: " + busier);
    }

    @Test
    void aCategorysRateIsTheOfficesRecentRateSplitByTodaysMix_notItsOwnHandfulOfTheLastHour() {
        // usually 1 in 10 is priority; today 4 in 10 were, but the last hour happened to bring only 2 of 30
        double[] r = Arrivals.perMinute(new int[] {28, 2}, 60, new int[] {120, 80}, new double[] {0.45, 0.05});
        double level = Arrivals.perMinute(30, 60, 0.5);
        assertEquals(level, r[0] + r[1], 1e-9, "the level is read from all categories' recent tickets together");
        assertEquals((80 + 20 * 0.1) / (200 + 20), r[1] / level, 1e-9, "the mix is today's, steadied by 20 tickets of the usual mix");
        double[] early = Arrivals.perMinute(new int[] {0, 0}, 0, new int[] {0, 0}, new double[] {0.45, 0.05});
        assertEquals(0.45, early[0], 1e-9, "before the first ticket: the usual rates");
        assertEquals(0.05, early[1], 1e-9);
    }

    @Test
    void whereTransfersGoIsLearnedBySourceCategory_elseFromAllTransfers() {
        LearnedServiceModel m = LearnedServiceModel.fit(List.of(), Map.of("A", 4.0, "B", 8.0, "C", 7.0), 0.5, 0.05, 2, 0.05,
                Map.of("A", 10.0, "B", 5.0, "C", 5.0), Map.of("B", Map.of("A", 9.0, "C", 1.0)));
        assertEquals(Map.of("A", 9.0, "C", 1.0), m.transferTargets("B"));
        assertEquals(m.transferTargets(), m.transferTargets("C"), "no transfers counted out of C");
    }
}
