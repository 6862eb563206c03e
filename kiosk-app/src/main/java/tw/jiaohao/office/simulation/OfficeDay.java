package tw.jiaohao.office.simulation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tw.jiaohao.office.config.CategoryConfig;
import tw.jiaohao.office.config.CounterConfig;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.forecast.Arrivals;
import tw.jiaohao.forecast.CallRule;
import tw.jiaohao.forecast.Estimate;
import tw.jiaohao.forecast.Forecaster;
import tw.jiaohao.forecast.LearnedServiceModel;
import tw.jiaohao.forecast.OfficeState;
import tw.jiaohao.forecast.ServiceModel;

/**
 * One simulated office day in memory, as the evaluation of the estimates needs it: customers
 * arrive by the {@link Regime}'s curve scaled to the office's capacity, with the category mix;
 * counters call by the queue engine's rules (priority lane, starvation ceiling, profile order);
 * service minutes are lognormal by category with a speed per counter and slower late
 * afternoons; 6 % of those called do not come (the clerk calls again after a minute and gives
 * up after 2.5); 5 % are transferred to another category keeping their place. Tickets are issued
 * from 08:30 to 16:30; everyone waiting is served.
 *
 * <p>At each issue it records what four estimates said (the old one, QL, LES and the
 * {@link Forecaster}'s) and, at the call, the actual wait. The engine itself is not used: a day
 * takes milliseconds here, so many days per regime fit on the office's Pi-sized budget.
 */
final class OfficeDay {
    static final double SIGMA = 0.45;
    static final double NO_SHOW = 0.06;
    static final double TRANSFER = 0.05;
    static final double TURNAROUND = 0.3;
    static final double NO_SHOW_HOLD = 2.7;

    /** What one ticket was told and what happened. */
    record Outcome(String category, double issuedAt, double actual, int old, int ql, int les, Estimate estimate) {
    }

    /** What a day leaves in the office's history (for learning service times and usual arrival rates). */
    record History(List<LearnedServiceModel.Sample> services, double walkAndTurnaround, int calls, int noShows,
                   int transfers, Map<String, Double> transferTargets, Map<String, Map<String, Double>> transfersBySource,
                   double[][] arrivalsByHour) {
    }

    private final OfficeConfig config;
    private final Regime regime;
    private final SplittableRandom random;
    private final ServiceModel model;
    private final double[][] usualPerMinute;
    private final boolean trueRates;
    private final Forecaster forecaster = new Forecaster();
    private final List<String> codes;
    private final int cats;
    private final int counters;
    private final double[] weight;

    private final List<ArrayDeque<Ticket>> queues = new ArrayList<>();
    private final double[] freeAt;
    private final Ticket[] at;
    private final double[] calledAt;
    private final boolean[] gone;
    private final List<Ticket> issued = new ArrayList<>();
    /** Transfers under way: they join their new category when the service that sent them on ends. */
    private final java.util.PriorityQueue<double[]> transfersDue = new java.util.PriorityQueue<>(Comparator.comparingDouble(d -> d[0]));
    private final List<Ticket> transferred = new ArrayList<>();
    private final List<Outcome> outcomes = new ArrayList<>();
    private final List<LearnedServiceModel.Sample> services = new ArrayList<>();
    /** Today's finished services per category, newest last (the old estimate's mean service). */
    private final Map<String, List<double[]>> today = new HashMap<>();
    private final Map<String, Double> lastCalledWait = new HashMap<>();
    private final double[][] arrivalsByHour = new double[24][];
    private double overhead;
    private int overheadCount;
    private int calls;
    private int noShows;
    private int transfers;
    private final Map<String, Double> transferTargets = new HashMap<>();
    private final Map<String, Map<String, Double>> transfersBySource = new HashMap<>();

    private static final class Ticket {
        final String category;
        final double issuedAt;
        final int index;
        Estimate estimate;
        int old;
        int ql;
        int les;
        boolean measured;

        Ticket(String category, double issuedAt, int index) {
            this.category = category;
            this.issuedAt = issuedAt;
            this.index = index;
        }
    }

    /**
     * @param model           the learned service times, or null for a day that only makes history
     * @param usualPerMinute  [hour][category] usual arrivals per minute (from history), or null
     */
    OfficeDay(OfficeConfig config, Regime regime, long seed, ServiceModel model, double[][] usualPerMinute) {
        this(config, regime, seed, model, usualPerMinute, false);
    }

    /**
     * @param trueRates the forecast is given the regime's true arrival rates now instead of
     *                  reading them from the day's tickets (a diagnostic: what better rates would gain)
     */
    OfficeDay(OfficeConfig config, Regime regime, long seed, ServiceModel model, double[][] usualPerMinute, boolean trueRates) {
        this.trueRates = trueRates;
        this.config = config;
        this.regime = regime;
        this.random = new SplittableRandom(seed);
        this.model = model;
        this.usualPerMinute = usualPerMinute;
        codes = config.categories().stream().map(CategoryConfig::code).toList();
        cats = codes.size();
        counters = config.counters().size();
        weight = weights(config, regime.priorityWeight());
        for (int c = 0; c < cats; c++) {
            queues.add(new ArrayDeque<>());
        }
        for (int h = 0; h < 24; h++) {
            arrivalsByHour[h] = new double[cats];
        }
        freeAt = new double[counters];
        at = new Ticket[counters];
        calledAt = new double[counters];
        gone = new boolean[counters];
    }

    /** The category mix of a walk-in day: mostly bills (A); the priority lane weighs {@code priorityWeight}. */
    static double[] weights(OfficeConfig config, double priorityWeight) {
        double[] w = new double[config.categories().size()];
        for (int c = 0; c < w.length; c++) {
            CategoryConfig cat = config.categories().get(c);
            w[c] = cat.priority() ? priorityWeight : switch (cat.code()) {
                case "A" -> 3.0;
                case "B" -> 1.3;
                case "C" -> 1.0;
                case "D" -> 0.6;
                default -> 0.8;
            };
        }
        return w;
    }

    /** Customers per minute the office's counters can serve with this mix (what arrival curves are scaled to). */
    static double capacityPerMinute(OfficeConfig config, double[] weight) {
        double w = 0;
        double minutes = 0;
        for (int c = 0; c < weight.length; c++) {
            double mean = config.categories().get(c).serviceMinutes() * Math.exp(SIGMA * SIGMA / 2);
            w += weight[c];
            minutes += weight[c] * mean;
        }
        double counterFactor = config.counters().stream().mapToDouble(k -> counterFactor(k.number())).average().orElse(1);
        double perCustomer = (1 - NO_SHOW) * (minutes / w * counterFactor + 0.5 + TURNAROUND) + NO_SHOW * NO_SHOW_HOLD;
        return config.counters().size() / perCustomer;
    }

    double capacityPerMinute() {
        return capacityPerMinute(config, weight);
    }

    /** How fast a counter's clerk is: a speed that the history can learn. */
    static double counterFactor(int counter) {
        return switch (counter) {
            case 1 -> 0.9;
            case 2 -> 1.0;
            case 3 -> 1.1;
            case 4 -> 0.95;
            case 5 -> 1.2;
            default -> 1.0 + 0.05 * (counter % 5 - 2);
        };
    }

    /** Runs the day; returns every called ticket's outcome. */
    List<Outcome> run() {
        double capacity = capacityPerMinute();
        double maxLoad = 0;
        for (int m = Regime.OPENS; m < Regime.LAST_TICKET; m++) {
            maxLoad = Math.max(maxLoad, regime.load(m));
        }
        double lambdaMax = maxLoad * capacity;
        double nextArrival = nextArrival(Regime.OPENS, lambdaMax, capacity);
        for (int k = 0; k < counters; k++) {
            freeAt[k] = Regime.OPENS;
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
            double[] due = transfersDue.peek();
            if (due != null && due[0] <= t && due[0] <= nextArrival) {
                transfersDue.poll();
                join(transferred.get((int) due[1]), due[0]);
                continue;
            }
            if (nextArrival < Double.POSITIVE_INFINITY && nextArrival <= t) {
                arrive(nextArrival);
                nextArrival = nextArrival(nextArrival, lambdaMax, capacity);
                continue;
            }
            if (k < 0) {
                break;
            }
            step(k, t, nextArrival);
        }
        return outcomes;
    }

    History history() {
        return new History(services, overheadCount == 0 ? LearnedServiceModel.DEFAULT_CALL_TO_START : overhead / overheadCount,
                calls, noShows, transfers, transferTargets, transfersBySource, arrivalsByHour);
    }

    private double nextArrival(double from, double lambdaMax, double capacity) {
        double t = from;
        while (true) {
            t += -Math.log(1 - random.nextDouble()) / lambdaMax;
            if (t >= Regime.LAST_TICKET) {
                return Double.POSITIVE_INFINITY;
            }
            if (random.nextDouble() * lambdaMax <= regime.load(t) * capacity) {
                return t;
            }
        }
    }

    private void arrive(double t) {
        double r = random.nextDouble() * java.util.Arrays.stream(weight).sum();
        int c = 0;
        while (c < cats - 1 && (r -= weight[c]) >= 0) {
            c++;
        }
        Ticket ticket = new Ticket(codes.get(c), t, issued.size());
        if (model != null) {
            estimate(ticket, t);
        }
        issued.add(ticket);
        queues.get(c).addLast(ticket);
        arrivalsByHour[(int) (t / 60)][c]++;
        wakeIdle(t);
    }

    /** Counter k is free at t: finish what it had, then call the next ticket. */
    private void step(int k, double t, double nextArrival) {
        CounterConfig counter = config.counters().get(k);
        at[k] = null;
        if (regime.closingCounters().contains(counter.number()) && t >= regime.closingMinute()) {
            gone[k] = true;
            freeAt[k] = Double.POSITIVE_INFINITY;
            return;
        }
        if (t < available(k, t)) {
            freeAt[k] = available(k, t);
            return;
        }
        Ticket next = choose(counter, t);
        if (next == null) {
            freeAt[k] = Double.POSITIVE_INFINITY; // woken by the next arrival
            return;
        }
        queues.get(codes.indexOf(next.category)).remove(next);
        calls++;
        if (!next.measured) {
            next.measured = true;
            double wait = t - next.issuedAt;
            lastCalledWait.put(next.category, wait);
            if (next.estimate != null) {
                outcomes.add(new Outcome(next.category, next.issuedAt, wait, next.old, next.ql, next.les, next.estimate));
            }
            today.computeIfAbsent(next.category + "#calls", x -> new ArrayList<>()).add(new double[] {t});
        }
        at[k] = next;
        calledAt[k] = t;
        if (random.nextDouble() < NO_SHOW) {
            noShows++;
            freeAt[k] = t + NO_SHOW_HOLD;
            return;
        }
        double walk = 0.2 + 0.6 * random.nextDouble();
        int hour = (int) ((t + walk) / 60);
        double median = config.category(next.category).orElseThrow().serviceMinutes() * counterFactor(counter.number())
                * (hour >= 15 ? 1.08 : 1.0);
        double service = Math.max(0.3, median * Math.exp(SIGMA * random.nextGaussian()));
        services.add(new LearnedServiceModel.Sample(next.category, counter.number(), hour, service));
        today.computeIfAbsent(next.category, x -> new ArrayList<>()).add(new double[] {service, walk});
        overhead += walk + TURNAROUND;
        overheadCount++;
        double end = t + walk + service;
        if (random.nextDouble() < TRANSFER) {
            List<String> others = config.categories().stream().filter(c -> !c.priority() && !c.code().equals(next.category))
                    .map(CategoryConfig::code).toList();
            if (!others.isEmpty()) {
                String target = others.get(random.nextInt(others.size()));
                transfers++;
                transferTargets.merge(target, 1.0, Double::sum);
                transfersBySource.computeIfAbsent(next.category, x -> new HashMap<>()).merge(target, 1.0, Double::sum);
                Ticket moved = new Ticket(target, next.issuedAt, next.index);
                moved.measured = true;
                transferred.add(moved);
                transfersDue.add(new double[] {end, transferred.size() - 1});
            }
        }
        freeAt[k] = end + TURNAROUND;
    }

    /** A transferred ticket joins its new category where its original issue time puts it. */
    private void join(Ticket moved, double t) {
        ArrayDeque<Ticket> q = queues.get(codes.indexOf(moved.category));
        List<Ticket> sorted = new ArrayList<>(q);
        sorted.add(moved);
        sorted.sort(Comparator.comparingDouble((Ticket x) -> x.issuedAt).thenComparingInt(x -> x.index));
        q.clear();
        q.addAll(sorted);
        wakeIdle(t);
    }

    /** An idle clerk notices a new ticket at once. */
    private void wakeIdle(double t) {
        for (int k = 0; k < counters; k++) {
            if (!gone[k] && freeAt[k] == Double.POSITIVE_INFINITY) {
                freeAt[k] = Math.max(t, available(k, t));
            }
        }
    }

    /** When counter k can call at or after t (after its lunch break). */
    private double available(int k, double t) {
        int number = config.counters().get(k).number();
        if (regime.lunchCounters().contains(number) && t >= Regime.LUNCH_FROM && t < Regime.LUNCH_TO) {
            return Regime.LUNCH_TO;
        }
        return t;
    }

    private Ticket choose(CounterConfig counter, double t) {
        int[] profile = counter.serves().stream().mapToInt(codes::indexOf).toArray();
        int c = CallRule.next(profile, waitingNow, t, config.starvationCeiling().toMinutes());
        return c < 0 ? null : queues.get(c).peekFirst();
    }

    /** The queues as the call rule sees them. */
    private final CallRule.Queues waitingNow = new CallRule.Queues() {
        @Override
        public boolean priority(int category) {
            return config.category(codes.get(category)).orElseThrow().priority();
        }

        @Override
        public boolean waiting(int category) {
            return !queues.get(category).isEmpty();
        }

        @Override
        public double oldestIssued(int category) {
            return queues.get(category).peekFirst().issuedAt;
        }
    };

    // ------------------------------------------------------------------ the four estimates

    private void estimate(Ticket ticket, double t) {
        int c = codes.indexOf(ticket.category);
        int ahead = queues.get(c).size();
        ticket.estimate = forecaster.forecast(state(t), model, ticket.category);
        ticket.ql = ql(ticket.category, ahead);
        Double les = lastCalledWait.get(ticket.category);
        ticket.les = les == null ? 0 : (int) Math.round(les);
        ticket.old = old(ticket.category, t);
    }

    /** What the forecast starts from: this office now, as the engine's adapter would read it. */
    OfficeState state(double t) {
        List<OfficeState.WaitingTicket> waiting = new ArrayList<>();
        for (ArrayDeque<Ticket> q : queues) {
            for (Ticket w : q) {
                waiting.add(new OfficeState.WaitingTicket(w.category, t - w.issuedAt));
            }
        }
        List<OfficeState.CounterNow> now = new ArrayList<>();
        for (int k = 0; k < counters; k++) {
            CounterConfig counter = config.counters().get(k);
            List<double[]> breaks = regime.lunchCounters().contains(counter.number()) && t < Regime.LUNCH_TO
                    ? List.of(new double[] {Math.max(0, Regime.LUNCH_FROM - t), Regime.LUNCH_TO - t}) : List.of();
            double availableIn = gone[k] ? Double.POSITIVE_INFINITY : 0;
            boolean busy = at[k] != null && freeAt[k] > t;
            now.add(new OfficeState.CounterNow(counter.number(), counter.serves(), availableIn,
                    busy ? t - calledAt[k] : -1, busy ? at[k].category : null, busy ? t - at[k].issuedAt : -1, breaks));
        }
        Map<String, Double> rates = new HashMap<>();
        double window = Math.min(Arrivals.WINDOW_MINUTES, t - Regime.OPENS);
        int[] recent = new int[cats];
        for (int i = issued.size() - 1; i >= 0 && issued.get(i).issuedAt > t - window; i--) {
            recent[codes.indexOf(issued.get(i).category)]++;
        }
        int[] todayCount = new int[cats];
        double[] usualNow = new double[cats];
        for (Ticket x : issued) {
            todayCount[codes.indexOf(x.category)]++;
        }
        for (int c = 0; c < cats; c++) {
            usualNow[c] = usualPerMinute == null ? 0 : usualPerMinute[(int) (t / 60) % 24][c];
        }
        double[] mix = Arrivals.perMinute(recent, window, todayCount, usualNow);
        double total = java.util.Arrays.stream(weight).sum();
        Map<String, Double> ends = new HashMap<>();
        for (int c = 0; c < cats; c++) {
            rates.put(codes.get(c), trueRates ? regime.load(t) * capacityPerMinute() * weight[c] / total : mix[c]);
            ends.put(codes.get(c), Math.max(0, Regime.LAST_TICKET - t));
        }
        return new OfficeState(codes, config.categories().stream().filter(CategoryConfig::priority).map(CategoryConfig::code)
                .collect(java.util.stream.Collectors.toSet()), waiting, now, rates, config.starvationCeiling().toMinutes(),
                (int) t % (24 * 60), trueRates ? Double.POSITIVE_INFINITY : Arrivals.evidenceMinutes(window), ends);
    }

    /** QL: (people ahead + 1) × mean service time ÷ open counters serving the category. */
    private int ql(String category, int ahead) {
        long serving = 0;
        for (int k = 0; k < counters; k++) {
            if (!gone[k] && config.counters().get(k).serves(category)) {
                serving++;
            }
        }
        return (int) Math.round((ahead + 1) * meanService(category) / Math.max(1, serving));
    }

    private double meanService(String category) {
        List<double[]> done = today.getOrDefault(category, List.of());
        if (done.size() < 3) {
            return config.category(category).orElseThrow().serviceMinutes();
        }
        return done.subList(Math.max(0, done.size() - 20), done.size()).stream().mapToDouble(d -> d[0]).average().orElseThrow();
    }

    /**
     * The estimate the node gave before (docs/ESTIMATES.md): the measured call rate of the last 30
     * minutes once 5 calls are in it, else people ahead × (service + call-to-start) ÷ the open
     * counters' shares of the category.
     */
    private int old(String category, double t) {
        int same = queues.get(codes.indexOf(category)).size();
        int ahead = same;
        boolean priority = config.category(category).orElseThrow().priority();
        List<CounterConfig> servingAll = config.counters().stream().filter(k -> k.serves(category)).toList();
        if (!priority) {
            java.util.Set<String> shared = new java.util.HashSet<>();
            for (CounterConfig k : servingAll) {
                for (String s : k.serves()) {
                    if (config.category(s).orElseThrow().priority()) {
                        shared.add(s);
                    }
                }
            }
            for (String p : shared) {
                ahead += queues.get(codes.indexOf(p)).size();
            }
        }
        if (ahead == 0) {
            return 0;
        }
        List<double[]> called = today.getOrDefault(category + "#calls", List.of());
        int recent = 0;
        double first = t;
        for (int i = called.size() - 1; i >= 0 && called.get(i)[0] >= t - 30; i--) {
            recent++;
            first = called.get(i)[0];
        }
        if (recent >= 5) {
            return (int) Math.min(Estimate.MAX_MINUTES, Math.ceil(same / (recent / Math.max(1.0, t - first))));
        }
        List<CounterConfig> counting = new ArrayList<>();
        for (int k = 0; k < counters; k++) {
            if (!gone[k] && config.counters().get(k).serves(category)) {
                counting.add(config.counters().get(k));
            }
        }
        if (counting.isEmpty()) {
            counting = servingAll;
        }
        double servers = 0;
        for (CounterConfig k : counting) {
            int load = 1;
            for (String s : k.serves()) {
                load += queues.get(codes.indexOf(s)).size();
            }
            servers += (same + 1.0) / load;
        }
        List<double[]> done = today.getOrDefault(category, List.of());
        double walk = done.size() < 3 ? 0.5 : done.subList(Math.max(0, done.size() - 20), done.size()).stream()
                .mapToDouble(d -> d[1]).average().orElseThrow();
        return (int) Math.min(Estimate.MAX_MINUTES, Math.ceil(ahead * (meanService(category) + walk) / Math.max(servers, 1e-3)));
    }
}
