package tw.jiaohao.hub.stats;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.TreeMap;
import tw.jiaohao.hub.HubException;

/**
 * Waiting times counted in one-second bins from 0 s up to {@value #LIMIT_SECONDS} s (4 h), with
 * one overflow bin for longer waits. Rollups keep one histogram per office-day × category ×
 * counter, so percentiles over any date range are a merge of histograms, never a scan of raw
 * events. A percentile read from it is within half a second of the exact value (the bin's
 * midpoint, clamped to the largest wait), except in the overflow bin, where it is the largest
 * wait.
 *
 * <p>Stored sparsely ({@link #encode()}): pairs of varints (bin distance from the previous
 * non-empty bin, count). Not thread-safe.
 */
public final class WaitHistogram {
    public static final int LIMIT_SECONDS = 4 * 3600;
    /** The bin of waits of {@value #LIMIT_SECONDS} s or more. */
    public static final int OVERFLOW = LIMIT_SECONDS;

    private final TreeMap<Integer, Long> bins = new TreeMap<>();
    private long count;

    /** Counts one wait; negative waits (clock skew between devices) count as 0. */
    public void add(long waitMillis) {
        add(binOf(waitMillis), 1);
    }

    public void merge(WaitHistogram other) {
        for (Map.Entry<Integer, Long> e : other.bins.entrySet()) {
            add(e.getKey(), e.getValue());
        }
    }

    public long count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Count in one bin (for tests and the distribution chart). */
    public long countIn(int bin) {
        return bins.getOrDefault(bin, 0L);
    }

    /**
     * The nearest-rank percentile in seconds: the smallest bin holding the ⌈p·n⌉-th smallest
     * wait, reported as the bin's midpoint and never above {@code maxWaitMillis}.
     *
     * @param p in (0, 1], e.g. 0.9 for p90
     * @return null when the histogram is empty
     */
    public Double percentileSeconds(double p, long maxWaitMillis) {
        if (!(p > 0 && p <= 1)) {
            throw new HubException("percentile must be in (0, 1], got " + p);
        }
        if (count == 0) {
            return null;
        }
        long rank = (long) Math.ceil(p * count);
        long seen = 0;
        for (Map.Entry<Integer, Long> e : bins.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                double max = maxWaitMillis / 1000.0;
                return e.getKey() == OVERFLOW ? max : Math.min(e.getKey() + 0.5, max);
            }
        }
        throw new IllegalStateException("histogram count out of step with its bins");
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bins.size() * 3);
        int previous = 0;
        for (Map.Entry<Integer, Long> e : bins.entrySet()) {
            writeVarint(out, e.getKey() - previous);
            writeVarint(out, e.getValue());
            previous = e.getKey();
        }
        return out.toByteArray();
    }

    /** Decodes {@link #encode()}'s output; null or empty gives an empty histogram. */
    public static WaitHistogram decode(byte[] data) {
        WaitHistogram h = new WaitHistogram();
        if (data == null) {
            return h;
        }
        int[] pos = {0};
        int bin = 0;
        while (pos[0] < data.length) {
            bin += (int) readVarint(data, pos);
            long n = readVarint(data, pos);
            if (bin < 0 || bin > OVERFLOW || n <= 0) {
                throw new HubException("corrupt waiting-time histogram in the store (bin " + bin + ", count " + n + ")");
            }
            h.add(bin, n);
        }
        return h;
    }

    static int binOf(long waitMillis) {
        long seconds = Math.max(0, waitMillis) / 1000;
        return seconds >= LIMIT_SECONDS ? OVERFLOW : (int) seconds;
    }

    private void add(int bin, long n) {
        bins.merge(bin, n, Long::sum);
        count += n;
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarint(byte[] data, int[] pos) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= data.length) {
                throw new HubException("corrupt waiting-time histogram in the store (truncated)");
            }
            byte b = data[pos[0]++];
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new HubException("corrupt waiting-time histogram in the store (varint too long)");
    }
}
