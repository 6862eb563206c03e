package tw.jiaohao.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import tw.jiaohao.forecast.OfficeState.CounterNow;
import tw.jiaohao.forecast.OfficeState.WaitingTicket;

/**
 * The waiting estimate: the office simulated forward from now {@link #RUNS} times, each run
 * until a ticket issued now is called. A run follows the queue engine's call rules
 * (docs/office-node/QUEUE.md "Call next": the priority lane first, then the oldest ticket past
 * the starvation ceiling, then the counter's profile in order), with the tickets waiting now,
 * the counters as they are (open, busy since when, planned breaks and openings), tickets that
 * arrive meanwhile (a counter's preferred categories and the priority lane go before this one)
 * until the office stops issuing them (the last-ticket time), and service times drawn from the
 * {@link ServiceModel}. The median of the runs is the estimate, the {@value #LOW_QUANTILE}–{@value #HIGH_QUANTILE}
 * quantiles its range; a range that starts at 0 (the ticket may be called at once) ends at the
 * ({@value #HIGH_QUANTILE} − {@value #LOW_QUANTILE}) quantile, since from 0 it already holds every
 * run called at once. With more than
 * {@value #WORK_BUDGET} ÷ {@value #RUNS} people waiting it runs fewer times (not below
 * {@value #MIN_RUNS}), so a long queue does not slow the kiosk down.
 *
 * <p>Pure: no clock, no I/O; the same state gives the same estimate (fixed seed). Cost grows
 * with the people ahead: docs/BENCHMARKS.md ("Waiting estimate").
 */
public final class Forecaster {
    public static final int RUNS = 100;
    public static final double LOW_QUANTILE = 0.10;
    public static final double HIGH_QUANTILE = 0.90;
    private static final long SEED = 0x5EED_16L;
    private static final double HORIZON = Estimate.MAX_MINUTES;
    /**
     * Work bound of one run (calls plus arrivals): a run that needs more is a queue of days or
     * an implausible arrival rate, and ends at the horizon instead of taking the kiosk's time.
     */
    static final int MAX_STEPS = 20_000;

    /**
     * Fewer runs when many wait, so an estimate's cost stays bounded (a run's work grows with the
     * people ahead): at most this many waiting tickets × runs, but never fewer than {@value #MIN_RUNS} runs.
     */
    static final int WORK_BUDGET = 20_000;
    static final int MIN_RUNS = 30;
    /** Runs for the figure recorded when no open counter serves the category (nothing is promised with it). */
    static final int UNSERVED_RUNS = 10;

    private final int runs;

    public Forecaster() {
        this(RUNS);
    }

    Forecaster(int runs) {
        this.runs = runs;
    }

    /** The estimate for a ticket of {@code category} issued now. */
    public Estimate forecast(OfficeState state, ServiceModel model, String category) {
        int me = state.categories().indexOf(category);
        if (me < 0) {
            throw new IllegalArgumentException("unknown category " + category);
        }
        boolean servable = state.counters().stream()
                .anyMatch(k -> k.serves().contains(category) && k.availableInMinutes() < Double.POSITIVE_INFINITY);
        OfficeState from = servable ? state : openedFor(state, category);
        int n = servable ? Math.max(Math.min(runs, MIN_RUNS), Math.min(runs, WORK_BUDGET / (state.waiting().size() + 1))) : UNSERVED_RUNS;
        double[] waits = new Run(from, model, me).waits(n);
        Arrays.sort(waits);
        int[] r = range(waits);
        return new Estimate(Math.min(r[1], Estimate.MAX_MINUTES), Math.max(0, r[0]), Math.min(r[2], Estimate.MAX_MINUTES), servable);
    }

    /** The state with the category's counters open now (the figure recorded when none would open). */
    private static OfficeState openedFor(OfficeState s, String category) {
        List<CounterNow> counters = new ArrayList<>();
        for (CounterNow k : s.counters()) {
            counters.add(k.serves().contains(category) ? new CounterNow(k.number(), k.serves(), 0, k.busyMinutes(),
                    k.busyCategory(), k.busyIssuedMinutesAgo(), k.breaks()) : k);
        }
        return new OfficeState(s.categories(), s.priority(), s.waiting(), counters, s.arrivalsPerMinute(),
                s.starvationMinutes(), s.localMinuteOfDay(), s.arrivalEvidenceMinutes(), s.issuingEndsInMinutes());
    }

    /**
     * Low end, median and high end in whole minutes of sorted waits. A range that starts at 0
     * holds every run called at once (often far more than the lowest {@value #LOW_QUANTILE}),
     * so from 0 it reaches only to the ({@value #HIGH_QUANTILE} − {@value #LOW_QUANTILE})
     * quantile: otherwise it would hold up to {@value #HIGH_QUANTILE} of the runs, not the
     * intended share.
     */
    static int[] range(double[] sorted) {
        int median = (int) Math.round(quantile(sorted, 0.5));
        int low = Math.min(median, (int) Math.round(quantile(sorted, LOW_QUANTILE)));
        double upper = low <= 0 ? HIGH_QUANTILE - LOW_QUANTILE : HIGH_QUANTILE;
        int high = Math.max(median, (int) Math.round(quantile(sorted, upper)));
        return new int[] {low, median, high};
    }

    static double quantile(double[] sorted, double p) {
        double x = p * (sorted.length - 1);
        int i = (int) Math.floor(x);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (x - i) * (sorted[j] - sorted[i]);
    }

    /** One forecast's simulation, its tables prepared once and reused by every run. */
    private static final class Run implements CallRule.Queues {
        private final int cats;
        private final int me;
        private final boolean[] priority;
        private final double[] rate;
        /** Per category: minutes from now after which nobody of it arrives (the last-ticket time). */
        private final double[] issuingEnds;
        /** This run's rates: {@link #rate} times one level drawn by the office's evidence behind it. */
        private final double[] runRate;
        private final double evidence;
        /** All categories' rates together: the office's level, which {@link #evidence} is about. */
        private final double totalRate;
        private final double starvation;
        private final int startMinute;
        private final int counters;
        private final int[] number;
        private final int[][] serves;
        private final double[] available;
        private final double[] busy;
        /** Minutes since the issue of the customer at each counter (their place if sent on). */
        private final double[] busyIssued;
        private final int[] busyCat;
        private final double[][][] breaks;
        /** [counter][category][hour] */
        private final double[][][] mu;
        private final double[][][] sigma;
        private final double callToStart;
        private final double noShowShare;
        private final double noShowMinutes;
        private final double transferShare;
        /** Per source category: cumulative transfer target weights by category index (the source's own weight 0). */
        private final double[][] transferCumulative;
        /** Transfers under way in a run: when the ticket joins, its category and original issue time. */
        private double[] pendingAt = new double[16];
        private int[] pendingCat = new int[16];
        private double[] pendingIssued = new double[16];
        private int pending;
        private int mePositionNow;
        /** Per category: issue times (minutes, now = 0) of the tickets waiting now, oldest first, then room for arrivals. */
        private final double[][] queue;
        /** The waiting tickets as they are now, copied into {@link #queue} at each run's start (transfers shift them). */
        private final double[][] now;
        private final int[] initial;
        private final int[] size;
        private final int[] head;
        private final int mePosition;
        private final double[] nextArrival;
        private final double[] freeAt;
        private final SplittableRandom random = new SplittableRandom(SEED);

        Run(OfficeState s, ServiceModel model, int me) {
            this.me = me;
            cats = s.categories().size();
            priority = new boolean[cats];
            rate = new double[cats];
            for (int c = 0; c < cats; c++) {
                String code = s.categories().get(c);
                priority[c] = s.priority().contains(code);
                rate[c] = s.arrivalsPerMinute().getOrDefault(code, 0.0);
            }
            runRate = new double[cats];
            issuingEnds = new double[cats];
            for (int c = 0; c < cats; c++) {
                issuingEnds[c] = s.issuingEndsInMinutes().getOrDefault(s.categories().get(c), Double.POSITIVE_INFINITY);
            }
            evidence = s.arrivalEvidenceMinutes();
            double total = 0;
            for (int c = 0; c < cats; c++) {
                total += Math.max(0, rate[c]);
            }
            totalRate = total;
            starvation = s.starvationMinutes();
            startMinute = s.localMinuteOfDay();
            counters = s.counters().size();
            number = new int[counters];
            serves = new int[counters][];
            available = new double[counters];
            busy = new double[counters];
            busyIssued = new double[counters];
            busyCat = new int[counters];
            breaks = new double[counters][][];
            mu = new double[counters][cats][24];
            sigma = new double[counters][cats][24];
            for (int k = 0; k < counters; k++) {
                CounterNow n = s.counters().get(k);
                number[k] = n.number();
                serves[k] = n.serves().stream().mapToInt(x -> s.categories().indexOf(x)).toArray();
                available[k] = n.availableInMinutes();
                busy[k] = n.busyMinutes();
                busyIssued[k] = n.busyIssuedMinutesAgo();
                busyCat[k] = n.busyCategory() == null ? -1 : s.categories().indexOf(n.busyCategory());
                breaks[k] = n.breaks().toArray(new double[0][]);
                for (int c = 0; c < cats; c++) {
                    boolean used = c == busyCat[k];
                    for (int x : serves[k]) {
                        used |= x == c;
                    }
                    if (!used) {
                        continue;
                    }
                    for (int h = 0; h < 24; h++) {
                        mu[k][c][h] = model.mu(s.categories().get(c), n.number(), h);
                        sigma[k][c][h] = model.sigma(s.categories().get(c), n.number(), h);
                    }
                }
            }
            callToStart = model.callToStartMinutes();
            noShowShare = model.noShowShare();
            noShowMinutes = model.noShowMinutes();
            transferShare = model.transferShare();
            transferCumulative = new double[cats][cats];
            for (int from = 0; from < cats; from++) {
                java.util.Map<String, Double> targets = model.transferTargets(s.categories().get(from));
                double sum = 0;
                for (int c = 0; c < cats; c++) {
                    sum += c == from ? 0 : Math.max(0, targets.getOrDefault(s.categories().get(c), 0.0));
                    transferCumulative[from][c] = sum;
                }
            }
            List<WaitingTicket> sorted = new ArrayList<>(s.waiting());
            sorted.sort(Comparator.comparingDouble(WaitingTicket::waitedMinutes).reversed());
            initial = new int[cats];
            for (WaitingTicket w : sorted) {
                initial[s.categories().indexOf(w.category())]++;
            }
            initial[me]++;
            queue = new double[cats][];
            for (int c = 0; c < cats; c++) {
                queue[c] = new double[initial[c] + 64];
            }
            int[] fill = new int[cats];
            for (WaitingTicket w : sorted) {
                int c = s.categories().indexOf(w.category());
                queue[c][fill[c]++] = -w.waitedMinutes();
            }
            mePosition = fill[me];
            queue[me][fill[me]] = 0;
            now = new double[cats][];
            for (int c = 0; c < cats; c++) {
                now[c] = Arrays.copyOf(queue[c], initial[c]);
            }
            size = new int[cats];
            head = new int[cats];
            nextArrival = new double[cats];
            freeAt = new double[counters];
        }

        double[] waits(int n) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = once();
            }
            return out;
        }

        private int steps;

        private double once() {
            steps = 0;
            System.arraycopy(initial, 0, size, 0, cats);
            for (int c = 0; c < cats; c++) {
                System.arraycopy(now[c], 0, queue[c], 0, initial[c]);
            }
            Arrays.fill(head, 0);
            pending = 0;
            mePositionNow = mePosition;
            double level = drawLevel();
            for (int c = 0; c < cats; c++) {
                runRate[c] = rate[c] * level;
                nextArrival[c] = runRate[c] > 0 ? exponential(runRate[c]) : Double.POSITIVE_INFINITY;
                if (nextArrival[c] >= issuingEnds[c]) {
                    nextArrival[c] = Double.POSITIVE_INFINITY;
                }
            }
            for (int k = 0; k < counters; k++) {
                if (available[k] > 0) {
                    freeAt[k] = afterBreaks(k, available[k]);
                } else if (busy[k] >= 0) {
                    double left = residual(k, busyCat[k], busy[k]);
                    if (transferShare > 0 && random.nextDouble() < transferShare) {
                        // the customer at the counter may be sent on too, keeping their original issue time
                        transferLater(left, busyCat[k], -busyIssued[k]);
                    }
                    freeAt[k] = afterBreaks(k, left);
                } else {
                    freeAt[k] = afterBreaks(k, 0);
                }
            }
            while (true) {
                int k = -1;
                double t = Double.POSITIVE_INFINITY;
                for (int i = 0; i < counters; i++) {
                    if (freeAt[i] < t) {
                        t = freeAt[i];
                        k = i;
                    }
                }
                if (k < 0 || t >= HORIZON || ++steps > MAX_STEPS) {
                    return HORIZON;
                }
                arrivalsUntil(t);
                int c = choose(k, t);
                if (c < 0) {
                    double next = Double.POSITIVE_INFINITY;
                    for (int x : serves[k]) {
                        next = Math.min(next, nextArrival[x]);
                        for (int i = 0; i < pending; i++) {
                            if (pendingCat[i] == x) {
                                next = Math.min(next, pendingAt[i]);
                            }
                        }
                    }
                    freeAt[k] = next == Double.POSITIVE_INFINITY ? next : afterBreaks(k, next);
                    continue;
                }
                if (c == me && head[c] == mePositionNow) {
                    return t;
                }
                double issued = queue[c][head[c]];
                head[c]++;
                freeAt[k] = afterBreaks(k, t + occupancy(k, c, t, issued));
            }
        }

        /** The engine's call-next rule ({@link CallRule}) for counter k at time t; -1 when nothing it serves waits. */
        private int choose(int k, double t) {
            return CallRule.next(serves[k], this, t, starvation);
        }

        @Override
        public boolean priority(int category) {
            return priority[category];
        }

        @Override
        public boolean waiting(int category) {
            return head[category] < size[category];
        }

        @Override
        public double oldestIssued(int category) {
            return queue[category][head[category]];
        }

        private void arrivalsUntil(double t) {
            for (int i = 0; i < pending; i++) {
                if (pendingAt[i] <= t) {
                    insert(pendingCat[i], pendingIssued[i]);
                    pending--;
                    pendingAt[i] = pendingAt[pending];
                    pendingCat[i] = pendingCat[pending];
                    pendingIssued[i] = pendingIssued[pending];
                    i--;
                }
            }
            for (int c = 0; c < cats; c++) {
                while (nextArrival[c] <= t && steps <= MAX_STEPS) {
                    steps++;
                    if (size[c] == queue[c].length) {
                        queue[c] = Arrays.copyOf(queue[c], queue[c].length * 2);
                    }
                    queue[c][size[c]++] = nextArrival[c];
                    nextArrival[c] += exponential(runRate[c]);
                    if (nextArrival[c] >= issuingEnds[c]) {
                        nextArrival[c] = Double.POSITIVE_INFINITY;
                    }
                }
            }
        }

        /** A transferred ticket joins category c at its original issue time's place. */
        private void insert(int c, double issued) {
            if (size[c] == queue[c].length) {
                queue[c] = Arrays.copyOf(queue[c], queue[c].length * 2);
            }
            int p = size[c];
            while (p > head[c] && queue[c][p - 1] > issued) {
                queue[c][p] = queue[c][p - 1];
                p--;
            }
            queue[c][p] = issued;
            size[c]++;
            if (c == me && p <= mePositionNow) {
                mePositionNow++;
            }
        }

        private void transferLater(double at, int from, double issued) {
            double[] cumulative = transferCumulative[from];
            double total = cumulative[cats - 1];
            if (total <= 0) {
                return;
            }
            double r = random.nextDouble() * total;
            int to = -1;
            for (int c = 0; c < cats; c++) {
                if (r < cumulative[c]) {
                    to = c;
                    break;
                }
            }
            if (to < 0) {
                return;
            }
            if (pending == pendingAt.length) {
                pendingAt = Arrays.copyOf(pendingAt, pending * 2);
                pendingCat = Arrays.copyOf(pendingCat, pending * 2);
                pendingIssued = Arrays.copyOf(pendingIssued, pending * 2);
            }
            pendingAt[pending] = at;
            pendingCat[pending] = to;
            pendingIssued[pending] = issued;
            pending++;
        }

        private double afterBreaks(int k, double t) {
            for (double[] b : breaks[k]) {
                if (t >= b[0] && t < b[1]) {
                    t = b[1];
                }
            }
            return t;
        }

        private int hour(double t) {
            return (int) (((startMinute + (long) t) / 60) % 24);
        }

        private double occupancy(int k, int c, double t, double issued) {
            if (random.nextDouble() < noShowShare) {
                return noShowMinutes;
            }
            int h = hour(t);
            double d = callToStart + Math.exp(mu[k][c][h] + sigma[k][c][h] * random.nextGaussian());
            if (transferShare > 0 && random.nextDouble() < transferShare) {
                transferLater(t + d, c, issued);
            }
            return d;
        }

        /**
         * Minutes left for a customer called {@code elapsed} minutes ago: a draw from the service
         * time given that it is longer than what has passed (the lognormal's tail beyond it).
         */
        private double residual(int k, int c, double elapsed) {
            int h = hour(0);
            double m = mu[k][c][h];
            double s = sigma[k][c][h];
            double z;
            double floor = elapsed > callToStart && s > 0 ? (Math.log(elapsed - callToStart) - m) / s : Double.NEGATIVE_INFINITY;
            if (floor < 0) {
                do {
                    z = random.nextGaussian();
                } while (z <= floor);
            } else {
                // past the median plain draws rarely pass, and a capped number of them had to give
                // up with a guess; Robert's exponential proposal samples the tail exactly
                double alpha = (floor + Math.sqrt(floor * floor + 4)) / 2;
                do {
                    z = floor - Math.log(1 - random.nextDouble()) / alpha;
                } while (random.nextDouble() > Math.exp(-(z - alpha) * (z - alpha) / 2));
            }
            return Math.max(0, callToStart + Math.exp(m + s * z) - elapsed);
        }

        /**
         * This run's factor on every category's rate. The rates were read as the office's level
         * (all categories' tickets over {@link #evidence} minutes) times the day's category mix
         * ({@link Arrivals#perMinute(int[], double, int[], double[])}), so what is uncertain is
         * that level: the factor is drawn from the gamma distribution that the office's arrivals
         * leave (shape = all categories' arrivals in the evidence, mean 1), and short windows
         * widen the range. One draw for the office, not one per category: a small category's own
         * handful of tickets is not what its rate was read from, and a gamma of so small a shape
         * has its median well below its mean (0.69 at shape 1), which pulled the median run short.
         * The mix rests on the whole day's tickets and is taken as known.
         */
        private double drawLevel() {
            if (evidence == Double.POSITIVE_INFINITY || totalRate <= 0) {
                return 1;
            }
            double shape = totalRate * evidence;
            return gamma(shape) / shape;
        }

        /** Gamma(shape, 1) by Marsaglia and Tsang; below 1 by the boost U^(1/shape). */
        private double gamma(double shape) {
            if (shape < 1) {
                return gamma(shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
            }
            double d = shape - 1.0 / 3;
            double c = 1 / Math.sqrt(9 * d);
            while (true) {
                double x = random.nextGaussian();
                double v = 1 + c * x;
                if (v <= 0) {
                    continue;
                }
                v = v * v * v;
                double u = random.nextDouble();
                if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                    return d * v;
                }
            }
        }

        private double exponential(double perMinute) {
            return -Math.log(1 - random.nextDouble()) / perMinute;
        }
    }
}
