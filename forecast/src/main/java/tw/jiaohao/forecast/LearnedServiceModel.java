package tw.jiaohao.forecast;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ServiceModel} learned from the office's own finished services. ln(minutes) is
 * modelled as the category's level (its mean) plus a counter offset plus the office's hour offset
 * plus the category's own deviation from it at that hour. Level, counters and hours are fitted together
 * (each in turn on what the others leave, repeated until they settle, so a counter that works
 * mostly in the slower afternoon does not take the afternoon's pace for its own), then the
 * category's own hours on what they leave. A counter's offset for a category is the clerk's
 * pace over every category the counter serves, shrunk towards 0 by {@value #SHRINK}
 * pseudo-samples (a counter with few services barely moves the category's figure, one with many
 * speaks for itself), plus that category's own deviation from the clerk's pace as far as such
 * deviations exceed their sampling noise (empirical Bayes): a category a counter serves a few
 * hundred times is not taken at the luck of those few hundred. An office hour's offset is
 * shrunk by as many towards that of its nearest hour with more services (the pace changes
 * through the day; the busiest hour's is shrunk towards 0), or is that hour's when its services
 * are much fewer and say nothing clearly different (the last hour). A category's
 * own deviation at an hour (from every category's mean at that hour) is shrunk by how much such deviations differ beyond their sampling
 * noise (empirical Bayes): when the categories' hours all follow the office's pattern, a cell of
 * a hundred services no longer moves the figure by its noise of ±5 %. The hour offset is the office's, learned
 * from every category's services (the afternoon's slower pace is the clerks', whatever the
 * business): an hour the office rarely sees (the last hour, when a long queue runs past the last
 * ticket) is not taken as the day's average but near the late afternoon's pace. An hour without
 * any services takes the offset of the nearest hour with some. σ is the category's spread around
 * that mean (pooled). A category with
 * fewer than {@value #MIN_SAMPLES} services uses its configured median and σ = {@value #DEFAULT_SIGMA}.
 */
public final class LearnedServiceModel implements ServiceModel {
    static final int SHRINK = 15;
    static final int MIN_SAMPLES = 5;
    static final double DEFAULT_SIGMA = 0.5;
    /** Backfitting of levels, counters and hours: at most this many passes, until no figure moves by {@value #CONVERGED}. */
    static final int MAX_PASSES = 200;
    static final double CONVERGED = 1e-7;
    /** Without a measurement: the call-to-start time and the no-show figures assumed. */
    public static final double DEFAULT_CALL_TO_START = 0.5;
    public static final double DEFAULT_NO_SHOW_SHARE = 0.05;
    public static final double DEFAULT_NO_SHOW_MINUTES = 2.0;

    /** One finished service: category, counter, local hour it started, minutes from start to finish. */
    public record Sample(String category, int counter, int hour, double minutes) {
        public Sample {
            if (!(minutes > 0) || hour < 0 || hour > 23) {
                throw new IllegalArgumentException("a service sample needs minutes > 0 and hour 0..23");
            }
        }
    }

    private final Map<String, double[]> category = new HashMap<>();      // code -> {mu, sigma}
    private final Map<String, Double> counterOffset = new HashMap<>();   // code#counter
    private final Map<String, Double> hourOffset = new HashMap<>();      // code@hour, around the office's
    /** The office's hour offset, all categories together (0 when nothing was learned). */
    private final double[] officeHour = new double[24];
    private final double callToStart;
    private final double noShowShare;
    private final double noShowMinutes;
    private final double transferShare;
    private final Map<String, Double> transferTargets;
    private final Map<String, Map<String, Double>> transferTargetsBySource;

    private LearnedServiceModel(double callToStart, double noShowShare, double noShowMinutes, double transferShare,
                                Map<String, Double> transferTargets, Map<String, Map<String, Double>> transferTargetsBySource) {
        this.callToStart = callToStart;
        this.noShowShare = noShowShare;
        this.noShowMinutes = noShowMinutes;
        this.transferShare = transferShare;
        this.transferTargets = Map.copyOf(transferTargets);
        Map<String, Map<String, Double>> bySource = new HashMap<>();
        transferTargetsBySource.forEach((from, to) -> bySource.put(from, Map.copyOf(to)));
        this.transferTargetsBySource = Map.copyOf(bySource);
    }

    /**
     * Fits the model without knowing where transfers came from: every source category sends
     * its transfers by the same spread ({@code transferTargets}).
     */
    public static LearnedServiceModel fit(List<Sample> samples, Map<String, Double> configuredMedians, double callToStart,
                                          double noShowShare, double noShowMinutes, double transferShare,
                                          Map<String, Double> transferTargets) {
        return fit(samples, configuredMedians, callToStart, noShowShare, noShowMinutes, transferShare, transferTargets, Map.of());
    }

    /**
     * Fits the model.
     *
     * @param samples           finished services (any number; the more, the finer)
     * @param configuredMedians each category's configured service minutes (used until measured)
     * @param callToStart       mean call-to-start minutes measured (or {@link #DEFAULT_CALL_TO_START})
     * @param noShowShare       share of calls that ended as no-shows
     * @param noShowMinutes     mean minutes from a call to its no-show mark
     * @param transferShare     share of services that ended in a transfer
     * @param transferTargets   transfers counted by target category
     * @param transferTargetsBySource transfers counted by source category, then target category
     *                          (a source with none counted falls back to {@code transferTargets})
     */
    public static LearnedServiceModel fit(List<Sample> samples, Map<String, Double> configuredMedians, double callToStart,
                                          double noShowShare, double noShowMinutes, double transferShare,
                                          Map<String, Double> transferTargets,
                                          Map<String, Map<String, Double>> transferTargetsBySource) {
        if (!(callToStart >= 0) || !(noShowShare >= 0 && noShowShare < 1) || !(noShowMinutes >= 0)
                || !(transferShare >= 0 && transferShare < 1)) {
            throw new IllegalArgumentException("callToStart ≥ 0, noShowShare and transferShare in [0,1), noShowMinutes ≥ 0");
        }
        LearnedServiceModel m = new LearnedServiceModel(callToStart, noShowShare, noShowMinutes, transferShare, transferTargets,
                transferTargetsBySource);
        Map<String, double[]> sums = new HashMap<>(); // n, Σ ln x
        for (Sample s : samples) {
            double[] a = sums.computeIfAbsent(s.category(), k -> new double[2]);
            a[0]++;
            a[1] += Math.log(s.minutes());
        }
        configuredMedians.forEach((code, median) -> m.category.put(code, new double[] {Math.log(median), DEFAULT_SIGMA}));
        for (var e : sums.entrySet()) {
            if (e.getValue()[0] >= MIN_SAMPLES) {
                m.category.put(e.getKey(), new double[] {e.getValue()[1] / e.getValue()[0], DEFAULT_SIGMA});
            }
        }
        List<Sample> used = samples.stream().filter(x -> m.category.containsKey(x.category())
                && sums.get(x.category())[0] >= MIN_SAMPLES).toList();
        // the category levels, the counters and the office's hours together: each in turn on what
        // the others leave, repeated until none moves (backfitting). A level is the category's
        // mean over all its services at the office's pace and an average clerk's (its counters'
        // offsets are shrunk and centred, so one counter's handful of services does not move
        // it). One pass is not enough when a category's services are spread over the counters
        // and hours unevenly (a counter
        // that serves A mostly in the slower afternoon took part of the afternoon's pace into its
        // own offset, and the office's afternoon came out too fast for everyone); then each
        // category's own hours on what all three leave. The passes run over indices, not keys:
        // each pass reads every service of the history again
        int size = used.size();
        Map<String, Integer> catIndex = new HashMap<>();
        Map<String, Integer> counterIndex = new HashMap<>();
        Map<Integer, Integer> clerkIndex = new HashMap<>();
        int[] cat = new int[size];
        int[] ctr = new int[size];
        int[] clerk = new int[size];
        int[] hr = new int[size];
        double[] y = new double[size];
        List<Integer> cellClerk = new java.util.ArrayList<>();
        for (int i = 0; i < size; i++) {
            Sample x = used.get(i);
            cat[i] = catIndex.computeIfAbsent(x.category(), k -> catIndex.size());
            clerk[i] = clerkIndex.computeIfAbsent(x.counter(), k -> clerkIndex.size());
            int cells = counterIndex.size();
            ctr[i] = counterIndex.computeIfAbsent(x.category() + "#" + x.counter(), k -> cells);
            if (ctr[i] == cells) {
                cellClerk.add(clerk[i]);
            }
            hr[i] = x.hour();
            y[i] = Math.log(x.minutes());
        }
        double[] officeN = new double[24];
        double[] catN = new double[catIndex.size()];
        double[] ctrN = new double[counterIndex.size()];
        double[] clerkN = new double[clerkIndex.size()];
        for (int i = 0; i < size; i++) {
            officeN[hr[i]]++;
            catN[cat[i]]++;
            ctrN[ctr[i]]++;
            clerkN[clerk[i]]++;
        }
        double[] level = new double[catIndex.size()];
        double[] counter = new double[counterIndex.size()];
        double[] officeHour = m.officeHour;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            double moved = 0;
            double[] sumLevel = new double[level.length];
            for (int i = 0; i < size; i++) {
                sumLevel[cat[i]] += y[i] - officeHour[hr[i]] - counter[ctr[i]];
            }
            for (int c = 0; c < level.length; c++) {
                double v = sumLevel[c] / catN[c];
                moved = Math.max(moved, Math.abs(v - level[c]));
                level[c] = v;
            }
            double[] cellOffset = counterOffsets(y, level, officeHour, cat, ctr, clerk, hr, ctrN, clerkN, cellClerk);
            for (int k = 0; k < counter.length; k++) {
                moved = Math.max(moved, Math.abs(cellOffset[k] - counter[k]));
                counter[k] = cellOffset[k];
            }
            double[] officeSum = new double[24];
            double squares = 0;
            for (int i = 0; i < size; i++) {
                double r = y[i] - level[cat[i]] - counter[ctr[i]];
                officeSum[hr[i]] += r;
                squares += r * r;
            }
            double within = squares;
            int hoursSeen = 0;
            for (int h = 0; h < 24; h++) {
                if (officeN[h] > 0) {
                    within -= officeSum[h] * officeSum[h] / officeN[h];
                    hoursSeen++;
                }
            }
            within = size > hoursSeen ? within / (size - hoursSeen) : 0;
            double[] before = officeHour.clone();
            fitOfficeHours(officeN, officeSum, within, officeHour);
            // the office's hours around their average over the services, the rest in the levels
            // (the sums the model gives do not change): without it the hours and the levels
            // trade a constant only as fast as the busiest hour's shrinking pulls it back, and
            // a category still on its configured median is read against the office's average pace
            double centre = 0;
            for (int h = 0; h < 24; h++) {
                centre += officeN[h] * officeHour[h];
            }
            centre = size == 0 ? 0 : centre / size;
            for (int h = 0; h < 24; h++) {
                officeHour[h] -= centre;
                moved = Math.max(moved, Math.abs(officeHour[h] - before[h]));
            }
            if (moved < CONVERGED) {
                break;
            }
        }
        for (var e : catIndex.entrySet()) {
            m.category.get(e.getKey())[0] = level[e.getValue()];
        }
        for (var e : counterIndex.entrySet()) {
            m.counterOffset.put(e.getKey(), counter[e.getValue()]);
        }
        Map<String, double[]> hours = new HashMap<>();
        double squares = 0;
        for (Sample x : used) {
            double r = Math.log(x.minutes()) - m.category.get(x.category())[0]
                    - m.counterOffset.getOrDefault(x.category() + "#" + x.counter(), 0.0) - m.officeHour[x.hour()];
            double[] a = hours.computeIfAbsent(x.category() + "@" + x.hour(), k -> new double[2]);
            a[0]++;
            a[1] += r;
            squares += r * r;
        }
        // a category's own hour pattern beyond the office's: its cell's mean against every
        // category's at that hour (what the office's hour did not take is the office's, kept
        // back by its prior, not a category's), trusted as far as the cells differ by more than
        // their sampling noise (empirical Bayes: the cells' true spread τ² against σ²/n)
        double[] atHourN = new double[24];
        double[] atHourSum = new double[24];
        hours.forEach((k, a) -> {
            int h = Integer.parseInt(k.substring(k.lastIndexOf('@') + 1));
            atHourN[h] += a[0];
            atHourSum[h] += a[1];
        });
        double noise = used.isEmpty() ? 0 : squares / used.size();
        double spreadOfMeans = 0;
        double expectedNoise = 0;
        Map<String, double[]> deviations = new HashMap<>(); // deviation, its sampling variance
        for (var e : hours.entrySet()) {
            double[] a = e.getValue();
            int h = Integer.parseInt(e.getKey().substring(e.getKey().lastIndexOf('@') + 1));
            double deviation = a[1] / a[0] - atHourSum[h] / atHourN[h];
            double variance = Math.max(0, noise * (1 / a[0] - 1 / atHourN[h]));
            deviations.put(e.getKey(), new double[] {deviation, variance});
            spreadOfMeans += deviation * deviation;
            expectedNoise += variance;
        }
        double tau2 = hours.isEmpty() ? 0 : Math.max(0, (spreadOfMeans - expectedNoise) / hours.size());
        deviations.forEach((k, d) -> m.hourOffset.put(k, tau2 <= 0 ? 0 : d[0] * tau2 / (tau2 + d[1])));
        Map<String, double[]> spread = new HashMap<>();
        for (Sample s : samples) {
            double[] c = m.category.get(s.category());
            if (c == null || sums.get(s.category())[0] < MIN_SAMPLES) {
                continue;
            }
            double r = Math.log(s.minutes()) - m.mu(s.category(), s.counter(), s.hour());
            double[] a = spread.computeIfAbsent(s.category(), k -> new double[2]);
            a[0]++;
            a[1] += r * r;
        }
        spread.forEach((code, a) -> m.category.get(code)[1] = Math.max(0.05, Math.sqrt(a[1] / Math.max(1, a[0] - 1))));
        return m;
    }

    @Override
    public double mu(String code, int counter, int hour) {
        double[] c = category.get(code);
        if (c == null) {
            throw new IllegalArgumentException("no service figures for category " + code);
        }
        return c[0] + counterOffset.getOrDefault(code + "#" + counter, 0.0) + (hour >= 0 && hour < 24 ? officeHour[hour] : 0)
                + hourOffset.getOrDefault(code + "@" + hour, 0.0);
    }

    /**
     * Each category's offset at each counter (index by {@code ctr}), from the residuals that the
     * levels and the office's hours leave. A clerk's pace shows in every category they serve, so
     * a cell is read as its counter's pace over all its services (shrunk towards the office's by
     * {@value #SHRINK} pseudo-services) plus the cell's own deviation from that pace, kept as far
     * as such deviations differ between the cells beyond their sampling noise (empirical Bayes,
     * as for a category's own hours). A category a counter serves a few hundred times (the
     * priority lane) then takes the clerk's pace measured on thousands, not its own sampling
     * luck of ±3 %; where the office's clerks do differ by category the deviations show it and
     * are kept. A counter that serves one category only has nothing to pool: its cell is its
     * pace, shrunk as before, so one counter's handful of services still barely moves anything.
     * The offsets are centred on their average over the services (the levels take the rest).
     */
    private static double[] counterOffsets(double[] y, double[] level, double[] officeHour, int[] cat, int[] ctr, int[] clerk,
                                           int[] hr, double[] ctrN, double[] clerkN, List<Integer> cellClerk) {
        int size = y.length;
        double[] cellSum = new double[ctrN.length];
        double[] cellSquares = new double[ctrN.length];
        double[] clerkSum = new double[clerkN.length];
        for (int i = 0; i < size; i++) {
            double r = y[i] - level[cat[i]] - officeHour[hr[i]];
            cellSum[ctr[i]] += r;
            cellSquares[ctr[i]] += r * r;
            clerkSum[clerk[i]] += r;
        }
        // the spread of services within a cell, and how far the cells' deviations from their
        // clerk's pace elsewhere exceed what that spread explains
        double within = 0;
        for (int k = 0; k < ctrN.length; k++) {
            within += cellSquares[k] - cellSum[k] * cellSum[k] / ctrN[k];
        }
        within = size > ctrN.length ? within / (size - ctrN.length) : 0;
        double excess = 0;
        int compared = 0;
        for (int k = 0; k < ctrN.length; k++) {
            int j = cellClerk.get(k);
            double elsewhere = clerkN[j] - ctrN[k];
            if (elsewhere > 0) {
                double d = cellSum[k] / ctrN[k] - (clerkSum[j] - cellSum[k]) / elsewhere;
                excess += d * d - within * (1 / ctrN[k] + 1 / elsewhere);
                compared++;
            }
        }
        double tau2 = compared == 0 ? 0 : Math.max(0, excess / compared);
        double[] offset = new double[ctrN.length];
        double centre = 0;
        for (int k = 0; k < ctrN.length; k++) {
            int j = cellClerk.get(k);
            double pace = clerkSum[j] / (clerkN[j] + SHRINK);
            double own = cellSum[k] / (ctrN[k] + SHRINK);
            double noise = within / ctrN[k];
            double pooled = tau2 + noise > 0 ? noise / (tau2 + noise) : 1;
            offset[k] = pooled * pace + (1 - pooled) * own;
            centre += ctrN[k] * offset[k];
        }
        centre = size == 0 ? 0 : centre / size;
        for (int k = 0; k < ctrN.length; k++) {
            offset[k] -= centre;
        }
        return offset;
    }

    /**
     * The office's hour offsets from each hour's services ({@code n}, {@code sum} of residuals,
     * {@code within} the variance of a service around its hour's mean). The pace changes through
     * the day, not from hour to hour at random, so a sparse hour is read against its nearest hour
     * already fitted, not against the day's average: hours are fitted from the one with the most
     * services (shrunk towards 0) down. A later hour either keeps its neighbour's pace or differs
     * from it (a spike-and-slab prior): as a change it is shrunk towards the neighbour by
     * {@value #SHRINK} pseudo-services, as before; as no change it is the neighbour's; it is the
     * two mixed by how likely each is given the hour's mean and standard error. The prior chance
     * of a change is the hour's services against its neighbour's: an hour the office works as
     * fully as the one next to it is a working hour whose pace may step (15:00's, kept whole),
     * while the last hour, which only the long queues of bad days reach, holds the same clerks
     * an hour later on a few of the days, and keeps the late afternoon's pace unless its handful
     * of services clearly says otherwise (pulled by 15 pseudo-services alone it kept 40–65 % of
     * their noise; a normal prior strong enough for that would pull 15:00's step too). An hour
     * without services takes its nearest fitted hour's offset.
     */
    private static void fitOfficeHours(double[] n, double[] sum, double within, double[] offset) {
        boolean[] fitted = new boolean[24];
        boolean any = false;
        for (int round = 0; round < 24; round++) {
            int h = -1;
            for (int x = 0; x < 24; x++) {
                if (!fitted[x] && (h < 0 || n[x] > n[h])) {
                    h = x;
                }
            }
            int from = any ? nearestFitted(fitted, h) : -1;
            double prior = from < 0 ? 0 : offset[from];
            double shrunk = (sum[h] + SHRINK * prior) / (n[h] + SHRINK);
            if (from < 0 || n[h] == 0 || !(within > 0)) {
                offset[h] = shrunk;
            } else {
                double step = sum[h] / n[h] - prior;
                double sameVar = within / n[h];
                double changeVar = sameVar + within / SHRINK;
                // the likelihoods' ratio in logs (a step of many standard errors overflows the densities)
                double logRatio = 0.5 * Math.log(sameVar / changeVar) + 0.5 * step * step * (1 / sameVar - 1 / changeVar);
                double changeShare = Math.min(1, n[h] / n[from]);
                double change = changeShare >= 1 ? 1 : 1 / (1 + (1 - changeShare) / changeShare * Math.exp(-Math.min(700, logRatio)));
                offset[h] = change * shrunk + (1 - change) * prior;
            }
            fitted[h] = true;
            any = true;
        }
    }

    /** The fitted hour nearest {@code h} (the earlier on a tie), or -1 when none is. */
    private static int nearestFitted(boolean[] fitted, int h) {
        for (int d = 1; d < 24; d++) {
            if (h - d >= 0 && fitted[h - d]) {
                return h - d;
            }
            if (h + d < 24 && fitted[h + d]) {
                return h + d;
            }
        }
        return -1;
    }

    @Override
    public double sigma(String code, int counter, int hour) {
        double[] c = category.get(code);
        if (c == null) {
            throw new IllegalArgumentException("no service figures for category " + code);
        }
        return c[1];
    }

    @Override
    public double callToStartMinutes() {
        return callToStart;
    }

    @Override
    public double noShowShare() {
        return noShowShare;
    }

    @Override
    public double noShowMinutes() {
        return noShowMinutes;
    }

    @Override
    public double transferShare() {
        return transferShare;
    }

    @Override
    public Map<String, Double> transferTargets() {
        return transferTargets;
    }

    @Override
    public Map<String, Double> transferTargets(String from) {
        Map<String, Double> to = transferTargetsBySource.get(from);
        double total = 0;
        if (to != null) {
            for (var e : to.entrySet()) {
                total += e.getKey().equals(from) ? 0 : Math.max(0, e.getValue());
            }
        }
        return total > 0 ? to : transferTargets;
    }
}
