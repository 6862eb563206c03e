package tw.jiaohao.forecast.staffing;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import tw.jiaohao.forecast.CallRule;
import tw.jiaohao.forecast.ServiceModel;

/**
 * One office day (or its rest, from a given state) simulated under a {@link Plan}: Poisson
 * arrivals per category with hourly rates, tickets issued until the end of the office's last
 * hour; counters open by the plan call by the queue engine's rules (docs/office-node/QUEUE.md
 * "Call next": the priority lane first, then the oldest ticket past the starvation ceiling, then
 * the profile in order); a counter that closes by the plan finishes its customer first. A called
 * customer takes the model's call-to-start time, then a lognormal service by category, counter
 * and hour; a share do not come and the counter waits the no-show minutes. Counters of the last
 * hour serve everyone still waiting.
 *
 * <p>The same engine serves the advice, the what-if and the early warning (which starts it from
 * the office as it is now). Pure and single-threaded; the caller passes the random source.
 * Transfers are not modelled (5 % of services at the simulated offices; see docs/STAFFING.md).
 *
 * <p>Common random numbers: the random source is drawn from only when a customer arrives (the
 * next arrival of the category, whether this customer will come when called, and the standard
 * normal of their service), never when a counter calls. So two plans run with the same seed see
 * the same customers all day, each served that many standard deviations from the mean of the
 * counter that calls them, and differ only by what the plans change (docs/STAFFING.md, round 12).
 */
public final class DaySimulator {
    private final Office office;
    private final ServiceModel model;
    private final int cats;
    private final int counters;
    private final boolean[] priority;
    private final int[][] serves;
    private final int[] number;
    /** [counter][category][hour] μ and σ, looked up once. */
    private final double[][][] mu;
    private final double[][][] sigma;

    public DaySimulator(Office office, ServiceModel model) {
        this.office = office;
        this.model = model;
        cats = office.categories().size();
        counters = office.counters().size();
        priority = new boolean[cats];
        for (int c = 0; c < cats; c++) {
            priority[c] = office.priority().contains(office.categories().get(c));
        }
        serves = new int[counters][];
        number = new int[counters];
        mu = new double[counters][cats][24];
        sigma = new double[counters][cats][24];
        for (int k = 0; k < counters; k++) {
            Office.Counter counter = office.counters().get(k);
            number[k] = counter.number();
            serves[k] = counter.serves().stream().mapToInt(office::categoryIndex).toArray();
            for (int c : serves[k]) {
                for (int h = 0; h < 24; h++) {
                    mu[k][c][h] = model.mu(office.categories().get(c), number[k], h);
                    sigma[k][c][h] = model.sigma(office.categories().get(c), number[k], h);
                }
            }
        }
    }

    public Office office() {
        return office;
    }

    /**
     * Where a simulation starts: minute of day {@code minute}; the tickets waiting then
     * (category index, issue minute of day); per counter the minute it is free (≤ minute when
     * free now); counters that are away until a minute whatever the plan says.
     */
    public record Start(double minute, int[] waitingCategory, double[] waitingIssued, double[] freeAt, double[] awayUntil) {
        public static Start opening(Office office) {
            double m = office.firstHour() * 60.0;
            double[] free = new double[office.counters().size()];
            Arrays.fill(free, m);
            return new Start(m, new int[0], new double[0], free, new double[office.counters().size()]);
        }
    }

    /** The tickets of a simulated day: category index, issue and call minute (NaN: not called before the stop). */
    public static final class Tickets {
        int n;
        int[] category = new int[256];
        double[] issued = new double[256];
        double[] called = new double[256];
        int[] counter = new int[256];
        double[] done = new double[256];
        /** Per ticket, drawn when it is issued: the uniform that decides a no-show, the service's standard normal. */
        double[] comes = new double[256];
        double[] serviceZ = new double[256];
        /** How many of them were waiting at the start (they come first). */
        int initial;

        int add(int c, double at) {
            if (n == category.length) {
                category = Arrays.copyOf(category, 2 * n);
                issued = Arrays.copyOf(issued, 2 * n);
                called = Arrays.copyOf(called, 2 * n);
                counter = Arrays.copyOf(counter, 2 * n);
                done = Arrays.copyOf(done, 2 * n);
                comes = Arrays.copyOf(comes, 2 * n);
                serviceZ = Arrays.copyOf(serviceZ, 2 * n);
            }
            counter[n] = -1;
            done[n] = Double.NaN;
            category[n] = c;
            issued[n] = at;
            called[n] = Double.NaN;
            return n++;
        }

        public int size() {
            return n;
        }

        public int category(int i) {
            return category[i];
        }

        public double issued(int i) {
            return issued[i];
        }

        public double called(int i) {
            return called[i];
        }

        /** The counter index that called ticket i (-1: not called). */
        public int counter(int i) {
            return counter[i];
        }

        /** When the counter was done with ticket i (its service or the no-show wait). */
        public double done(int i) {
            return done[i];
        }

        public int initial() {
            return initial;
        }
    }

    /**
     * Simulates from {@code start} until everyone is called or {@code stopMinute}.
     *
     * @param ratePerMinute [category][local hour] arrivals per minute
     */
    public Tickets run(Plan plan, double[][] ratePerMinute, Start start, double stopMinute, SplittableRandom random) {
        Tickets t = new Tickets();
        int[][] queue = new int[cats][64];
        int[] head = new int[cats];
        int[] tail = new int[cats];
        for (int i = 0; i < start.waitingCategory().length; i++) {
            int id = issue(t, start.waitingCategory()[i], start.waitingIssued()[i], random);
            queue = push(queue, tail, start.waitingCategory()[i], id);
        }
        t.initial = t.n;
        // waiting tickets are given oldest first within each category
        for (int c = 0; c < cats && t.n > 0; c++) {
            final Tickets tt = t;
            int[] ids = Arrays.copyOfRange(queue[c], 0, tail[c]);
            Integer[] boxed = Arrays.stream(ids).boxed().toArray(Integer[]::new);
            Arrays.sort(boxed, (a, b) -> Double.compare(tt.issued[a], tt.issued[b]));
            for (int i = 0; i < boxed.length; i++) {
                queue[c][i] = boxed[i];
            }
        }
        double lastTicket = (office.lastHour() + 1) * 60.0;
        Waiting waitingNow = new Waiting(t, queue, head, tail);
        double[] next = new double[cats];
        for (int c = 0; c < cats; c++) {
            next[c] = nextArrival(ratePerMinute[c], start.minute(), lastTicket, random);
        }
        double[] ready = new double[counters];
        boolean[] idle = new boolean[counters];
        for (int k = 0; k < counters; k++) {
            ready[k] = openFrom(plan, k, Math.max(start.freeAt()[k], Math.max(start.minute(), start.awayUntil()[k])));
        }
        int waiting = t.n;
        while (true) {
            double ta = Double.POSITIVE_INFINITY;
            int ca = -1;
            for (int c = 0; c < cats; c++) {
                if (next[c] < ta) {
                    ta = next[c];
                    ca = c;
                }
            }
            double tk = Double.POSITIVE_INFINITY;
            int k = -1;
            for (int i = 0; i < counters; i++) {
                if (!idle[i] && ready[i] < tk) {
                    tk = ready[i];
                    k = i;
                }
            }
            if (Math.min(ta, tk) >= stopMinute || (ca < 0 && (k < 0 || waiting == 0))) {
                return t;
            }
            if (ta <= tk) {
                int id = issue(t, ca, ta, random);
                queue = push(queue, tail, ca, id);
                waiting++;
                next[ca] = nextArrival(ratePerMinute[ca], ta, lastTicket, random);
                for (int i = 0; i < counters; i++) {
                    if (idle[i] && servesCategory(i, ca)) {
                        idle[i] = false;
                        ready[i] = openFrom(plan, i, ta);
                    }
                }
                continue;
            }
            int c = CallRule.next(serves[k], waitingNow, tk, office.starvationMinutes());
            if (c < 0) {
                idle[k] = true;
                continue;
            }
            int id = queue[c][head[c]++];
            waiting--;
            t.called[id] = tk;
            double busy;
            if (t.comes[id] < model.noShowShare()) {
                busy = model.noShowMinutes();
            } else {
                int hour = Math.min(23, (int) (tk / 60));
                busy = model.callToStartMinutes() + Math.exp(mu[k][c][hour] + sigma[k][c][hour] * t.serviceZ[id]);
            }
            t.counter[id] = k;
            t.done[id] = tk + busy;
            ready[k] = openFrom(plan, k, tk + busy);
        }
    }

    /** A ticket issued, with its customer's draws taken now, whatever the plan (common random numbers). */
    private static int issue(Tickets t, int category, double at, SplittableRandom random) {
        int id = t.add(category, at);
        t.comes[id] = random.nextDouble();
        t.serviceZ[id] = gaussian(random);
        return id;
    }

    private boolean servesCategory(int k, int c) {
        for (int x : serves[k]) {
            if (x == c) {
                return true;
            }
        }
        return false;
    }

    /** The first minute ≥ t at which counter k is open by the plan (∞ when never again). */
    private double openFrom(Plan plan, int k, double t) {
        int h = (int) Math.floor(t / 60);
        if (plan.open(h, k)) {
            return t;
        }
        for (int x = Math.max(h + 1, office.firstHour()); x <= office.lastHour(); x++) {
            if (plan.open(x, k)) {
                return x * 60.0;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** The waiting tickets of one run as the call rule sees them. */
    private final class Waiting implements CallRule.Queues {
        private final Tickets tickets;
        private final int[][] queue;
        private final int[] head;
        private final int[] tail;

        Waiting(Tickets tickets, int[][] queue, int[] head, int[] tail) {
            this.tickets = tickets;
            this.queue = queue;
            this.head = head;
            this.tail = tail;
        }

        @Override
        public boolean priority(int category) {
            return priority[category];
        }

        @Override
        public boolean waiting(int category) {
            return head[category] < tail[category];
        }

        @Override
        public double oldestIssued(int category) {
            return tickets.issued[queue[category][head[category]]];
        }
    }

    private static int[][] push(int[][] queue, int[] tail, int c, int id) {
        if (tail[c] == queue[c].length) {
            queue[c] = Arrays.copyOf(queue[c], 2 * tail[c]);
        }
        queue[c][tail[c]++] = id;
        return queue;
    }

    /** Next Poisson arrival after t with hourly piecewise-constant rates (∞ after the last ticket minute). */
    private static double nextArrival(double[] rate, double t, double end, SplittableRandom random) {
        while (t < end) {
            int h = (int) Math.floor(t / 60);
            double hourEnd = Math.min(end, (h + 1) * 60.0);
            double r = h < 24 ? rate[h] : 0;
            if (r > 0) {
                double dt = -Math.log(1 - random.nextDouble()) / r;
                if (t + dt < hourEnd) {
                    return t + dt;
                }
            }
            t = hourEnd;
        }
        return Double.POSITIVE_INFINITY;
    }

    static double gaussian(SplittableRandom random) {
        // Box–Muller; SplittableRandom has no nextGaussian before Java 17's RandomGenerator default
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Counter numbers in office order (for words and results). */
    List<Integer> numbers() {
        return Arrays.stream(number).boxed().toList();
    }
}
