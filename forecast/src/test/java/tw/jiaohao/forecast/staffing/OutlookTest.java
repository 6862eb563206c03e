package tw.jiaohao.forecast.staffing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OutlookTest {
    @Test
    void aQuantileFoundBySelectionIsTheOneOfTheSortedWaits_withTiesAndWaitsNeverCalled() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 2_000; trial++) {
            int n = 1 + r.nextInt(trial < 200 ? 6 : 400);
            double[] waits = new double[n + r.nextInt(5)]; // a builder's array has room beyond its values
            for (int i = 0; i < n; i++) {
                int kind = r.nextInt(10);
                waits[i] = kind == 0 ? Double.POSITIVE_INFINITY : kind < 3 ? r.nextInt(4) : r.nextDouble() * 60;
            }
            double[] sorted = Arrays.copyOf(waits, n);
            Arrays.sort(sorted);
            for (double p : new double[] {0, 0.1, 0.5, 0.9, 1}) {
                double x = p * (n - 1);
                int i = (int) Math.floor(x);
                int j = Math.min(n - 1, i + 1);
                double expected = sorted[i] + (x - i) * (sorted[j] - sorted[i]);
                assertEquals(expected, Outlook.quantileOf(waits, n, p), 0.0, "trial " + trial + ", n " + n + ", p " + p);
            }
        }
        assertEquals(Double.NaN, Outlook.quantileOf(new double[4], 0, 0.5));
    }
}
