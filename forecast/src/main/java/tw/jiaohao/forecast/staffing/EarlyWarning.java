package tw.jiaohao.forecast.staffing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The early warning: will the office break its wait target within the next
 * {@value #HORIZON_MINUTES} minutes? "Broken" at minute m means: of the tickets whose target
 * deadline (issue + target minutes) fell in the hour up to m, fewer than the target's share were
 * called by their deadline (judged once at least {@value #MIN_DEADLINES} deadlines fell in that
 * hour; a ticket still waiting past its deadline counts as missed). The risk is the share of
 * {@value #RUNS} simulations of the office forward from now ({@link DaySimulator}, the counters
 * open now staying open, arrivals at the forecast's rate scaled by how today compares with the
 * forecast so far) in which the target breaks. What would prevent it: the closed counter whose
 * opening lowers the risk most.
 *
 * <p>{@link Watch} turns risks into one alert per episode: raised when the risk reaches
 * {@value #RAISE}, cleared when it falls below {@value #CLEAR} and the target holds now.
 * Pure; one {@link Watch} per office, called from one thread.
 */
public final class EarlyWarning {
    public static final int HORIZON_MINUTES = 30;
    public static final int RUNS = 40;
    public static final int MIN_DEADLINES = 8;
    public static final double RAISE = 0.5;
    public static final double CLEAR = 0.25;
    /** Minutes of past tickets the rule needs (the judged hour plus the target). */
    public static final int LOOKBACK_MINUTES = 60 + 240;
    private static final long SEED = 0xEA51_17L;

    private final DaySimulator simulator;
    private final Office office;

    public EarlyWarning(DaySimulator simulator) {
        this.simulator = simulator;
        this.office = simulator.office();
    }

    /**
     * The office now. Minutes are local minutes of the day.
     *
     * @param tickets         today's tickets issued in the last {@value #LOOKBACK_MINUTES} minutes and all still waiting:
     *                        category index, issue minute, call minute (NaN while waiting)
     * @param openNow         per counter index: open now
     * @param freeAt          per counter index: the minute its current customer is expected to be done (≤ now when free)
     * @param todaySoFar      tickets issued today so far; {@code forecastSoFar} what the forecast expected by now
     */
    public record Snapshot(double now, int[] category, double[] issued, double[] called, boolean[] openNow, double[] freeAt,
                           double todaySoFar, double forecastSoFar) {
        public Snapshot {
            if (category.length != issued.length || issued.length != called.length) {
                throw new IllegalArgumentException("one category, issue and call minute per ticket");
            }
            if (openNow.length != freeAt.length) {
                throw new IllegalArgumentException("one open flag and free minute per counter");
            }
            if (!(now >= 0 && now < 24 * 60)) {
                throw new IllegalArgumentException("now must be a minute of the day, got " + now);
            }
        }
    }

    /**
     * The risk now: probability of a breach within the horizon, the median minutes until it (NaN
     * with none), whether it is broken now, and the counter (number) whose opening now would help
     * most with the risk it would leave (-1: none closed).
     */
    public record Risk(double probability, double minutesToBreach, boolean brokenNow, int openCounter,
                       double probabilityWithCounter) {
    }

    public Risk assess(Snapshot s, ArrivalForecast forecast, Target target) {
        boolean brokenNow = !Double.isNaN(breach(s.category(), s.issued(), s.called(), s.issued().length, s.now(), s.now(), target));
        double factor = (s.todaySoFar() + 20) / (s.forecastSoFar() + 20);
        double[][] rates = forecast.scaled(Math.max(0.3, Math.min(3, factor)));
        double[] base = run(s, s.openNow(), rates, target);
        int bestCounter = -1;
        double bestP = base[0];
        for (int k = 0; k < s.openNow().length; k++) {
            if (s.openNow()[k]) {
                continue;
            }
            boolean[] open = s.openNow().clone();
            open[k] = true;
            double p = run(s, open, rates, target)[0];
            if (bestCounter < 0 || p < bestP) {
                bestP = p;
                bestCounter = k;
            }
        }
        return new Risk(base[0], base[1], brokenNow, bestCounter < 0 ? -1 : office.counters().get(bestCounter).number(),
                bestCounter < 0 ? Double.NaN : bestP);
    }

    /** {probability, median minutes to breach} */
    private double[] run(Snapshot s, boolean[] open, double[][] rates, Target target) {
        Plan plan = Plan.empty(office);
        for (int h = office.firstHour(); h <= office.lastHour(); h++) {
            for (int k = 0; k < open.length; k++) {
                if (open[k]) {
                    plan = plan.with(h, k, true);
                }
            }
        }
        List<Integer> waitingIdx = new ArrayList<>();
        for (int i = 0; i < s.issued().length; i++) {
            if (Double.isNaN(s.called()[i])) {
                waitingIdx.add(i);
            }
        }
        int[] wc = new int[waitingIdx.size()];
        double[] wi = new double[waitingIdx.size()];
        for (int j = 0; j < wc.length; j++) {
            wc[j] = s.category()[waitingIdx.get(j)];
            wi[j] = s.issued()[waitingIdx.get(j)];
        }
        double[] free = new double[open.length];
        for (int k = 0; k < open.length; k++) {
            free[k] = Math.max(s.now(), s.freeAt()[k]);
        }
        DaySimulator.Start start = new DaySimulator.Start(s.now(), wc, wi, free, new double[open.length]);
        SplittableRandom root = new SplittableRandom(SEED);
        double end = s.now() + HORIZON_MINUTES;
        int breaches = 0;
        double[] when = new double[RUNS];
        // the past: tickets already called
        int past = s.issued().length - wc.length;
        for (int r = 0; r < RUNS; r++) {
            DaySimulator.Tickets t = simulator.run(plan, rates, start, end + 0.001, root.split());
            int n = past + t.size();
            int[] cat = new int[n];
            double[] iss = new double[n];
            double[] cal = new double[n];
            int j = 0;
            for (int i = 0; i < s.issued().length; i++) {
                if (!Double.isNaN(s.called()[i])) {
                    cat[j] = s.category()[i];
                    iss[j] = s.issued()[i];
                    cal[j++] = s.called()[i];
                }
            }
            for (int i = 0; i < t.size(); i++) {
                cat[j] = t.category(i);
                iss[j] = t.issued(i);
                cal[j++] = t.called(i);
            }
            double b = breach(cat, iss, cal, n, s.now() + 1, end, target);
            if (!Double.isNaN(b)) {
                when[breaches++] = b - s.now();
            }
        }
        Arrays.sort(when, 0, breaches);
        return new double[] {(double) breaches / RUNS, breaches == 0 ? Double.NaN : when[breaches / 2]};
    }

    /**
     * The first whole minute in [from, to] at which the target is broken (the hour of deadlines
     * up to it below the share, with at least {@value #MIN_DEADLINES} deadlines), or NaN.
     */
    public static double breach(int[] category, double[] issued, double[] called, int n, double from, double to, Target target) {
        double[] deadline = new double[n];
        boolean[] ok = new boolean[n];
        for (int i = 0; i < n; i++) {
            deadline[i] = issued[i] + target.minutes();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(deadline[a], deadline[b]));
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = deadline[order[i]];
            double c = called[order[i]];
            ok[i] = !Double.isNaN(c) && c <= d[i];
        }
        for (double m = Math.ceil(from); m <= to; m++) {
            int in = 0;
            int good = 0;
            for (int i = 0; i < n; i++) {
                if (d[i] > m - 60 && d[i] <= m) {
                    in++;
                    good += ok[i] ? 1 : 0;
                }
            }
            if (in >= MIN_DEADLINES && good < target.share() * in) {
                return m;
            }
        }
        return Double.NaN;
    }

    /** One office's warning state: raised once per episode, cleared when the risk has passed. */
    public static final class Watch {
        private boolean raised;

        public enum Change { NONE, RAISED, CLEARED }

        public Change update(Risk risk) {
            if (!raised && (risk.probability() >= RAISE || risk.brokenNow())) {
                raised = true;
                return Change.RAISED;
            }
            if (raised && risk.probability() < CLEAR && !risk.brokenNow()) {
                raised = false;
                return Change.CLEARED;
            }
            return Change.NONE;
        }

        public boolean raised() {
            return raised;
        }
    }

    /** The alert's words: the risk and what would prevent it. */
    public static String describe(Office office, Risk risk, Target target, Locale locale) {
        boolean zh = Words.zh(locale);
        String when = Double.isNaN(risk.minutesToBreach()) ? "" : String.valueOf(Math.round(risk.minutesToBreach()));
        StringBuilder b = new StringBuilder();
        if (zh) {
            b.append(risk.brokenNow() ? "等候目標已未達成" : "預計約 " + when + " 分鐘內未達等候目標")
                    .append("（").append(target.percent()).append("% 於 ").append(Math.round(target.minutes())).append(" 分鐘內叫號，風險 ")
                    .append(Math.round(risk.probability() * 100)).append("%）");
        } else {
            b.append(risk.brokenNow() ? "The wait target is broken now" : "The wait target will likely break in about " + when + " min")
                    .append(" (").append(target.percent()).append("% called within ").append(Math.round(target.minutes()))
                    .append(" min; risk ").append(Math.round(risk.probability() * 100)).append("%)");
        }
        if (risk.openCounter() > 0) {
            Office.Counter k = office.counters().stream().filter(c -> c.number() == risk.openCounter()).findFirst().orElseThrow();
            String cats = String.join(zh ? "、" : ", ", k.serves());
            if (zh) {
                b.append("。開 ").append(k.number()).append(" 號櫃台（辦 ").append(cats).append("），風險降至 ")
                        .append(Math.round(risk.probabilityWithCounter() * 100)).append("%");
            } else {
                b.append(". Open counter ").append(k.number()).append(" (for ").append(cats).append("): risk falls to ")
                        .append(Math.round(risk.probabilityWithCounter() * 100)).append("%");
            }
        } else {
            b.append(zh ? "。所有櫃台皆已開啟" : ". Every counter is already open");
        }
        return b.toString();
    }
}
