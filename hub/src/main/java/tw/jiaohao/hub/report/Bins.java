package tw.jiaohao.hub.report;

import tw.jiaohao.hub.stats.WaitHistogram;

/**
 * A dense waiting-time histogram (one-second bins 0..{@link WaitHistogram#OVERFLOW}, grown on
 * demand up to the highest bin used) that merges stored histograms straight from their
 * encoded form — the hot loop of every report.
 * Percentiles follow {@link WaitHistogram#percentileSeconds}: nearest rank, bin midpoint,
 * never above the largest wait. Not thread-safe.
 */
final class Bins {
    long[] counts = new long[1024];
    /** Highest bin holding a count, -1 when empty; loops stop there. */
    int top = -1;
    long total;

    private void put(int bin, long n) {
        if (bin >= counts.length) {
            counts = java.util.Arrays.copyOf(counts, Math.min(WaitHistogram.OVERFLOW + 1, Math.max(bin + 1, counts.length * 2)));
        }
        counts[bin] += n;
        top = Math.max(top, bin);
        total += n;
    }

    /** Adds an encoded histogram (pairs of varints: bin distance from the previous bin, count). */
    void addEncoded(byte[] data) {
        if (data == null) {
            return;
        }
        int pos = 0;
        int bin = 0;
        while (pos < data.length) {
            long v = 0;
            int shift = 0;
            byte b;
            do {
                b = data[pos++];
                v |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            bin += (int) v;
            long n = 0;
            shift = 0;
            do {
                b = data[pos++];
                n |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            put(Math.min(bin, WaitHistogram.OVERFLOW), n);
        }
    }

    void add(Bins o) {
        for (int i = 0; i <= o.top; i++) {
            if (o.counts[i] != 0) {
                put(i, o.counts[i]);
            }
        }
    }

    Double percentileSeconds(double p, long maxWaitMillis) {
        if (total == 0) {
            return null;
        }
        long rank = (long) Math.ceil(p * total);
        long seen = 0;
        double max = maxWaitMillis / 1000.0;
        for (int i = 0; i <= top; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i == WaitHistogram.OVERFLOW ? max : Math.min(i + 0.5, max);
            }
        }
        return max;
    }

    /** Waits of at most {@code seconds} whole seconds (a wait's seconds are truncated). */
    long atMost(long seconds) {
        long n = 0;
        int last = (int) Math.min(Math.min(seconds, WaitHistogram.OVERFLOW - 1), top);
        for (int i = 0; i <= last; i++) {
            n += counts[i];
        }
        return n;
    }

    /** Counts per whole minute 0..{@code minutes - 1}, then one bin for {@code minutes} and more. */
    long[] perMinute(int minutes) {
        long[] m = new long[minutes + 1];
        for (int i = 0; i <= top; i++) {
            if (counts[i] != 0) {
                m[Math.min(i / 60, minutes)] += counts[i];
            }
        }
        return m;
    }
}
