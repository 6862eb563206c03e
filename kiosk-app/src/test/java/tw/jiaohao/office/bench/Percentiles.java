package tw.jiaohao.office.bench;

import java.util.Arrays;

/** p50/p99/max of latencies in nanoseconds, printed in milliseconds. */
final class Percentiles {
    private Percentiles() {
    }

    static String of(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format("n=%d p50=%.3f ms p90=%.3f ms p99=%.3f ms max=%.3f ms", s.length, at(s, 0.50), at(s, 0.90), at(s, 0.99),
                s[s.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * q) - 1)] / 1e6;
    }
}
