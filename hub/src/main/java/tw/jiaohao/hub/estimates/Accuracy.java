package tw.jiaohao.hub.estimates;

import java.util.Arrays;

/**
 * How well the waiting estimates of a set of called tickets held, all in minutes, the same
 * definitions as the node's evaluation (docs/ESTIMATES.md): the error is actual − quoted median,
 * where the actual wait runs from issue to the first call.
 *
 * @param tickets        called tickets that carried an estimate
 * @param meanAbsError   mean |actual − median|; null when {@code tickets} is 0
 * @param bias           mean (actual − median): positive means customers waited longer than promised; null when empty
 * @param p90AbsError    nine in ten errors were at most this (nearest rank); null when empty
 * @param withinFive     share of tickets whose wait was within ±5 min of the median; null when empty
 * @param ranged         tickets that also carried a range (low–high)
 * @param coverage       share of {@code ranged} tickets whose wait fell within [low, high]; null when none was ranged
 * @param meanActual     mean actual wait; null when empty
 * @param meanQuoted     mean quoted median; null when empty
 */
public record Accuracy(long tickets, Double meanAbsError, Double bias, Double p90AbsError, Double withinFive, long ranged,
                       Double coverage, Double meanActual, Double meanQuoted) {

    /** Gathers tickets one at a time; not thread-safe. */
    public static final class Builder {
        private double[] errors = new double[16];
        private int n;
        private double sumActual;
        private double sumQuoted;
        private long ranged;
        private long covered;

        /** One ticket: the actual wait in minutes, the quoted median and range ends (null when none). */
        public Builder add(double actualMinutes, int estimate, Integer low, Integer high) {
            if (n == errors.length) {
                errors = Arrays.copyOf(errors, n * 2);
            }
            errors[n++] = actualMinutes - estimate;
            sumActual += actualMinutes;
            sumQuoted += estimate;
            if (low != null && high != null) {
                ranged++;
                if (actualMinutes >= low && actualMinutes <= high) {
                    covered++;
                }
            }
            return this;
        }

        public Builder addAll(Builder o) {
            for (int i = 0; i < o.n; i++) {
                if (n == errors.length) {
                    errors = Arrays.copyOf(errors, n * 2);
                }
                errors[n++] = o.errors[i];
            }
            sumActual += o.sumActual;
            sumQuoted += o.sumQuoted;
            ranged += o.ranged;
            covered += o.covered;
            return this;
        }

        public Accuracy build() {
            if (n == 0) {
                return new Accuracy(0, null, null, null, null, 0, null, null, null);
            }
            double[] abs = new double[n];
            double sum = 0;
            double sumAbs = 0;
            long within = 0;
            for (int i = 0; i < n; i++) {
                sum += errors[i];
                abs[i] = Math.abs(errors[i]);
                sumAbs += abs[i];
                if (abs[i] <= 5.0) {
                    within++;
                }
            }
            Arrays.sort(abs);
            int rank = (int) Math.ceil(0.9 * n);
            return new Accuracy(n, sumAbs / n, sum / n, abs[rank - 1], (double) within / n, ranged,
                    ranged == 0 ? null : (double) covered / ranged, sumActual / n, sumQuoted / n);
        }
    }
}
