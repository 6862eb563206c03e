package tw.jiaohao.office.simulation;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import tw.jiaohao.forecast.LearnedServiceModel;
import tw.jiaohao.forecast.staffing.ArrivalForecast;
import tw.jiaohao.forecast.staffing.ArrivalForecaster;
import tw.jiaohao.forecast.staffing.DayCounts;
import tw.jiaohao.forecast.staffing.DaySimulator;
import tw.jiaohao.forecast.staffing.EarlyWarning;
import tw.jiaohao.forecast.staffing.Office;
import tw.jiaohao.forecast.staffing.OfficeCalendar;
import tw.jiaohao.forecast.staffing.Outlook;
import tw.jiaohao.forecast.staffing.Plan;
import tw.jiaohao.forecast.staffing.StaffingEngine;
import tw.jiaohao.forecast.staffing.Target;
import tw.jiaohao.forecast.staffing.Words;
import tw.jiaohao.office.Args;
import tw.jiaohao.office.OfficeException;
import tw.jiaohao.office.OfficeNodeMain;
import tw.jiaohao.office.config.CategoryConfig;
import tw.jiaohao.office.config.CounterConfig;
import tw.jiaohao.office.config.OfficeConfig;

/**
 * {@code bin/jiaohao staffing evaluate|bench [--weeks N] [--days N] [--warning-days N] [--seed N] [--config f]}:
 * the staffing advice and the early warning checked by simulation (docs/STAFFING.md).
 *
 * <p>History: {@code --weeks} weeks of office days from the realistic simulator ({@link OfficeDay},
 * arrivals scaled to the configured counters; Monday busy in the morning like a day after a
 * holiday, Tuesday and Thursday with morning and after-lunch peaks, Wednesday steady, Friday
 * with a quiet lunch), with a closure (a holiday, and the day after it busy) and a make-up
 * Saturday working as a Friday. The office staffed has the configured desks plus three more
 * ({@link #EXTRA}), so there is something to decide. From the history: the arrival forecast for
 * each day of the next week and the service model; then the advice, validated on {@code --days}
 * days per date drawn from the forecast (other seeds than the search's), next to the advice
 * with one counter fewer in the peak hour and next to Erlang-C's plan. Early warnings:
 * {@code --warning-days} days per date on which counters go missing unannounced and the day
 * is busier or quieter than forecast; the warning is assessed every {@value #CHECK_MINUTES}
 * minutes.
 */
public final class StaffingMain {
    static final int CHECK_MINUTES = 5;
    /**
     * Validation days per date by default (5 dates: 750 paired days for the second bar's sign
     * test). Chosen for power, not from what passes: a 3-point drop of the peak hour's share of
     * days, with the reverse discordance rounds 5–10 saw (up to 1 % of days), is detected at
     * p < 0.01 with a chance of 91 % on 750 days, 73 % on 500 and 30 % on 250 (docs/STAFFING.md, round 11).
     */
    static final int VALIDATION_DAYS = 150;
    /** Desks beyond the configured counters: one for A only, a generalist, one for C/D/A. */
    static final List<Office.Counter> EXTRA = List.of(new Office.Counter(6, List.of("A")),
            new Office.Counter(7, List.of("A", "B", "P")), new Office.Counter(8, List.of("C", "D", "A")));
    static final LocalDate FIRST_HISTORY_DAY = LocalDate.of(2026, 1, 5); // a Monday

    private StaffingMain() {
    }

    /** The history and what it teaches. */
    record Setup(Office office, OfficeCalendar calendar, List<DayCounts> history, LearnedServiceModel model,
                 List<LocalDate> week, Map<LocalDate, String> regimes) {
    }

    public static void main(String[] argv) throws Exception {
        tw.jiaohao.process.Bugs.exitOnUncaught("staffing");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try {
            if (argv.length == 0 || !(argv[0].equals("evaluate") || argv[0].equals("bench"))) {
                out.println("usage: bin/jiaohao staffing evaluate [--weeks N] [--days N] [--warning-days N] [--seed N] [--config office.properties]");
                out.println("       bin/jiaohao staffing bench [--repeat N] [--seed N]   (advice for one office and a week, timed)");
                System.exit(argv.length == 0 || argv[0].equals("--help") ? 0 : 2);
                return;
            }
            Args args = Args.parse(Arrays.copyOfRange(argv, 1, argv.length),
                    Set.of("--weeks", "--days", "--warning-days", "--seed", "--config", "--repeat"), Set.of());
            OfficeConfig config = OfficeNodeMain.configFrom(args);
            int weeks = args.has("--weeks") ? positive("--weeks", args.get("--weeks"), 52) : 8;
            long seed = args.has("--seed") ? Long.parseLong(args.get("--seed")) : new SecureRandom().nextLong();
            SplittableRandom seeds = new SplittableRandom(seed);
            Setup setup = setup(config, weeks, seeds.split());
            if (argv[0].equals("bench")) {
                bench(out, setup, args.has("--repeat") ? positive("--repeat", args.get("--repeat"), 1000) : 10, seed);
                return;
            }
            int days = args.has("--days") ? positive("--days", args.get("--days"), 10_000) : VALIDATION_DAYS;
            int warningDays = args.has("--warning-days") ? positive("--warning-days", args.get("--warning-days"), 10_000) : 10;
            out.printf("staffing evaluate: seed %d (repeat with --seed %d), %d weeks of history, %d validation days and %d warning days per date, office %s, target %d %% within %.0f min%n",
                    seed, seed, weeks, days, warningDays, config.officeId(), Target.DEFAULT.percent(), Target.DEFAULT.minutes());
            evaluate(out, setup, days, warningDays, seeds.split());
        } catch (OfficeException | IllegalArgumentException e) {
            System.err.println("staffing: " + e.getMessage());
            System.exit(2);
        }
    }

    static int positive(String flag, String value, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(flag + " must be a whole number 1.." + max + "; got '" + value + "'");
    }

    static Regime regimeFor(DayOfWeek as, boolean dayAfterClosure) {
        if (dayAfterClosure) {
            return Regime.AFTER_HOLIDAY;
        }
        return switch (as) {
            case MONDAY -> Regime.AFTER_HOLIDAY;
            case TUESDAY, THURSDAY -> Regime.PEAKS;
            case FRIDAY -> Regime.LUNCH;
            default -> Regime.STEADY;
        };
    }

    static Setup setup(OfficeConfig config, int weeks, SplittableRandom seeds) {
        LocalDate first = FIRST_HISTORY_DAY;
        LocalDate end = first.plusWeeks(weeks);
        // a holiday on the Wednesday of week 3, a bridge Friday in week 5 made up on the Saturday of week 6
        LocalDate holiday = first.plusWeeks(2).plusDays(2);
        LocalDate bridge = first.plusWeeks(4).plusDays(4);
        LocalDate makeUp = first.plusWeeks(5).plusDays(5);
        OfficeCalendar calendar = new OfficeCalendar(OfficeCalendar.MONDAY_TO_FRIDAY, Set.of(holiday, bridge),
                weeks > 5 ? Map.of(makeUp, DayOfWeek.FRIDAY) : Map.of());
        List<String> codes = config.categories().stream().map(CategoryConfig::code).toList();
        List<DayCounts> history = new ArrayList<>();
        ServiceHistory learned = new ServiceHistory();
        Map<LocalDate, String> regimes = new HashMap<>();
        for (LocalDate d = first; d.isBefore(end); d = d.plusDays(1)) {
            var as = calendar.worksAs(d);
            if (as.isEmpty()) {
                continue;
            }
            boolean after = calendar.worksAs(d.minusDays(1)).isEmpty() && calendar.closures().contains(d.minusDays(1));
            Regime regime = regimeFor(as.get(), after);
            regimes.put(d, regime.id);
            OfficeDay day = new OfficeDay(config, regime, seeds.nextLong(), null, null);
            day.run();
            OfficeDay.History h = day.history();
            Map<String, int[]> counts = new HashMap<>();
            for (int c = 0; c < codes.size(); c++) {
                int[] hours = new int[24];
                for (int hour = 0; hour < 24; hour++) {
                    hours[hour] = (int) Math.round(h.arrivalsByHour()[hour][c]);
                }
                counts.put(codes.get(c), hours);
            }
            history.add(new DayCounts(d, counts));
            learned.add(h);
        }
        LearnedServiceModel model = learned.fit(config, false);
        List<Office.Counter> counters = new ArrayList<>();
        for (CounterConfig k : config.counters()) {
            counters.add(new Office.Counter(k.number(), k.serves()));
        }
        for (Office.Counter k : EXTRA) {
            if (counters.stream().noneMatch(x -> x.number() == k.number()) && codes.containsAll(k.serves())) {
                counters.add(k);
            }
        }
        Set<String> priority = new java.util.HashSet<>();
        config.categories().stream().filter(CategoryConfig::priority).forEach(c -> priority.add(c.code()));
        Office office = new Office(codes, priority, counters, config.starvationCeiling().toSeconds() / 60.0,
                Regime.OPENS / 60, (Regime.LAST_TICKET - 1) / 60);
        List<LocalDate> week = new ArrayList<>();
        for (LocalDate d = end; week.size() < 5; d = d.plusDays(1)) {
            if (calendar.worksAs(d).isPresent()) {
                week.add(d);
            }
        }
        return new Setup(office, calendar, history, model, week, regimes);
    }

    static ArrivalForecast forecast(Setup s, LocalDate date) {
        return ArrivalForecaster.forecast(s.office().categories(), s.history(), s.calendar(), date).orElseThrow();
    }

    /** The advice with one counter fewer in the peak hour: the counter whose absence hurts least there. */
    static Plan oneFewerAtPeak(StaffingEngine engine, Plan plan, ArrivalForecast f, int peak) {
        Plan best = null;
        double bestShare = -1;
        for (int k = 0; k < engine.office().counters().size(); k++) {
            if (plan.open(peak, k)) {
                Plan p = plan.with(peak, k, false);
                double share = engine.outlook(p, f, Target.DEFAULT, StaffingEngine.SEARCH_DAYS, 1).hour(peak).shareWithin();
                if (share > bestShare) {
                    bestShare = share;
                    best = p;
                }
            }
        }
        return best == null ? plan : best;
    }

    static int counterHours(Plan p) {
        int n = 0;
        for (int h = p.office().firstHour(); h <= p.office().lastHour(); h++) {
            n += p.count(h);
        }
        return n;
    }

    static void evaluate(PrintStream out, Setup s, int days, int warningDays, SplittableRandom seeds) {
        StaffingEngine engine = new StaffingEngine(s.office(), s.model());
        Target target = Target.DEFAULT;
        out.println();
        out.println("history: " + s.history().size() + " working days; closures " + s.calendar().closures()
                + "; make-up days " + s.calendar().makeUpDays());
        out.println("office: " + s.office().counters().size() + " desks "
                + s.office().counters().stream().map(k -> k.number() + "=" + String.join("", k.serves())).toList());
        out.println();
        out.println("| date | works as | shape (history) | forecast tickets | day σ | counter-hours advice / Erlang-C | days meeting target: advice | one fewer at peak | Erlang-C | peak hour | peak share: advice | one fewer | days the peak hour met the target: advice | one fewer | Erlang-C | days the worst hour met the target: advice | Erlang-C |");
        out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        int totalDays = 0;
        double meetAdvice = 0;
        double meetFewer = 0;
        double meetErlang = 0;
        double peakAdvice = 0;
        double peakFewer = 0;
        double peakErlang = 0;
        double shareAdvice = 0;
        double shareFewer = 0;
        double shareErlang = 0;
        double worstAdvice = Double.POSITIVE_INFINITY;
        double worstErlang = Double.POSITIVE_INFINITY;
        List<String> words = new ArrayList<>();
        Pairs peakPairs = new Pairs();
        Pairs dayPairs = new Pairs();
        int adviceHours = 0;
        int erlangHours = 0;
        List<Integer> advicePeakCounters = new ArrayList<>();
        List<Integer> erlangPeakCounters = new ArrayList<>();
        for (LocalDate date : s.week()) {
            ArrivalForecast f = forecast(s, date);
            StaffingEngine.Advice advice = engine.advise(f, target);
            int peak = engine.peakHour(f);
            Plan fewer = oneFewerAtPeak(engine, advice.plan(), f, peak);
            long vseed = seeds.nextLong();
            Outlook a = engine.outlook(advice.plan(), f, target, days, vseed);
            Outlook b = engine.outlook(fewer, f, target, days, vseed);
            Outlook e = engine.outlook(advice.erlang(), f, target, days, vseed);
            List<Outlook> aDays = engine.outlookPerDay(advice.plan(), f, target, days, vseed);
            List<Outlook> bDays = engine.outlookPerDay(fewer, f, target, days, vseed);
            for (int d = 0; d < days; d++) {
                peakPairs.add(met(aDays.get(d).hour(peak).daysMeeting()), met(bDays.get(d).hour(peak).daysMeeting()));
                dayPairs.add(aDays.get(d).daysMeetingTarget() >= 1, bDays.get(d).daysMeetingTarget() >= 1);
            }
            adviceHours += counterHours(advice.plan());
            erlangHours += counterHours(advice.erlang());
            advicePeakCounters.add(advice.plan().count(peak));
            erlangPeakCounters.add(advice.erlang().count(peak));
            DayOfWeek as = f.worksAs();
            String shape = regimeFor(as, false).id;
            Outlook.Hour wa = worstHour(a);
            Outlook.Hour we = worstHour(e);
            worstAdvice = Math.min(worstAdvice, wa.daysMeeting());
            worstErlang = Math.min(worstErlang, we.daysMeeting());
            out.printf("| %s | %s | %s | %.0f | %.2f | %d / %d | %.0f %% | %.0f %% | %.0f %% | %02d:00 | %.0f %% | %.0f %% | %.0f %% | %.0f %% | %.0f %% | %.0f %% (%02d:00) | %.0f %% (%02d:00) |%n", date,
                    as.toString().substring(0, 3), shape, f.total(), f.daySigma(), counterHours(advice.plan()), counterHours(advice.erlang()),
                    a.daysMeetingTarget() * 100, b.daysMeetingTarget() * 100, e.daysMeetingTarget() * 100, peak,
                    a.hour(peak).shareWithin() * 100, b.hour(peak).shareWithin() * 100,
                    a.hour(peak).daysMeeting() * 100, b.hour(peak).daysMeeting() * 100, e.hour(peak).daysMeeting() * 100,
                    wa.daysMeeting() * 100, wa.hour(), we.daysMeeting() * 100, we.hour());
            peakAdvice += a.hour(peak).daysMeeting() * days;
            peakFewer += b.hour(peak).daysMeeting() * days;
            peakErlang += e.hour(peak).daysMeeting() * days;
            totalDays += days;
            meetAdvice += a.daysMeetingTarget() * days;
            meetFewer += b.daysMeetingTarget() * days;
            meetErlang += e.daysMeetingTarget() * days;
            shareAdvice += a.dayShareWithin() * days;
            shareFewer += b.dayShareWithin() * days;
            shareErlang += e.dayShareWithin() * days;
            if (words.isEmpty()) {
                words.add(date + " (" + as + "), advice:");
                Words.lines(advice.plan(), Locale.ENGLISH).forEach(l -> words.add("  " + l.text()));
                Words.lines(advice.plan(), Locale.TRADITIONAL_CHINESE).forEach(l -> words.add("  " + l.text()));
                words.add(date + ", Erlang-C alone:");
                Words.lines(advice.erlang(), Locale.ENGLISH).forEach(l -> words.add("  " + l.text()));
                words.add(String.format("  per hour, advice vs Erlang-C (share within target on the validation days): %s",
                        hourly(a, e)));
            }
        }
        out.println();
        out.printf("week: %d simulated days; target met on %.1f %% of days following the advice, %.1f %% with one counter fewer at the peak, %.1f %% following Erlang-C%n",
                totalDays, 100 * meetAdvice / totalDays, 100 * meetFewer / totalDays, 100 * meetErlang / totalDays);
        out.printf("the day's share called within %.0f min (all its tickets, pooled over the days): %.1f %% following the advice, %.1f %% with one counter fewer at the peak, %.1f %% following Erlang-C%n",
                target.minutes(), 100 * shareAdvice / totalDays, 100 * shareFewer / totalDays, 100 * shareErlang / totalDays);
        out.printf("peak hour (the hour with the most forecast arrivals): its own tickets met the target on %.1f %% of days following the advice, %.1f %% with one counter fewer in it, %.1f %% following Erlang-C%n",
                100 * peakAdvice / totalDays, 100 * peakFewer / totalDays, 100 * peakErlang / totalDays);
        out.printf("the worst hour of any date (its own tickets): met the target on %.1f %% of days following the advice, %.1f %% following Erlang-C%n",
                100 * worstAdvice, 100 * worstErlang);
        out.printf("counter-hours for the week: %d following the advice, %d following Erlang-C%n", adviceHours, erlangHours);
        out.printf("counters in each date's peak hour: %s following the advice (%d), %s following Erlang-C (%d)%n", advicePeakCounters,
                advicePeakCounters.stream().mapToInt(Integer::intValue).sum(), erlangPeakCounters,
                erlangPeakCounters.stream().mapToInt(Integer::intValue).sum());
        out.println();
        out.println("THE reading of the bars (docs/STAFFING.md): the peak hour's own tickets, day by day, the same simulated days for both plans");
        double bar1 = 100 * peakAdvice / totalDays;
        out.printf("  bar 1, following the advice meets the target on >= 90 %% of days: %.1f %% of %d days -> %s%n",
                bar1, totalDays, bar1 >= 90 ? "HOLDS" : "FAILS");
        out.printf("  bar 2, one counter fewer in the peak hour misses it measurably: %.1f %% of days (%+.1f points); %s -> %s%n",
                100 * peakFewer / totalDays, 100 * (peakFewer - peakAdvice) / totalDays, peakPairs,
                peakPairs.measurable() ? "HOLDS" : "FAILS");
        out.println("  (measurably: the days the advice met the target and one fewer missed it outnumber the reverse, one-sided sign test p < 0.01)");
        out.println("the day's tickets, for reference (not the reading):");
        out.printf("  following the advice: %.1f %% of days; one counter fewer at the peak: %.1f %% (%+.1f points); %s -> %s%n",
                100 * meetAdvice / totalDays, 100 * meetFewer / totalDays, 100 * (meetFewer - meetAdvice) / totalDays, dayPairs,
                dayPairs.measurable() ? "measurable" : "not measurable");
        out.println();
        words.forEach(out::println);
        warnings(out, s, engine, warningDays, seeds.split());
    }

    /** A peak hour with no tickets on a day is not judged that day: counted as met, as the outlook does not count it. */
    private static boolean met(double daysMeeting) {
        return Double.isNaN(daysMeeting) || daysMeeting >= 1;
    }

    /** Paired days of the advice and one counter fewer: on how many only one of them met the target. */
    static final class Pairs {
        int onlyAdvice;
        int onlyFewer;

        void add(boolean advice, boolean fewer) {
            onlyAdvice += advice && !fewer ? 1 : 0;
            onlyFewer += fewer && !advice ? 1 : 0;
        }

        /** One-sided sign test: the chance of this many or more advice-only days among the discordant ones if both plans were alike. */
        double p() {
            int n = onlyAdvice + onlyFewer;
            double sum = 0;
            for (int k = onlyAdvice; k <= n; k++) {
                sum += Math.exp(logChoose(n, k) - n * Math.log(2));
            }
            return Math.min(1, sum);
        }

        boolean measurable() {
            return onlyAdvice > onlyFewer && p() < 0.01;
        }

        private static double logChoose(int n, int k) {
            double r = 0;
            for (int i = 1; i <= k; i++) {
                r += Math.log(n - k + i) - Math.log(i);
            }
            return r;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "met by the advice only on %d days, by one fewer only on %d (sign test p = %.2g)", onlyAdvice, onlyFewer, p());
        }
    }

    /** The hour expecting a ticket or more whose own tickets met the target on the fewest days. */
    static Outlook.Hour worstHour(Outlook o) {
        Outlook.Hour worst = null;
        for (Outlook.Hour h : o.hours()) {
            if (h.tickets() >= 1 && !Double.isNaN(h.daysMeeting()) && (worst == null || h.daysMeeting() < worst.daysMeeting())) {
                worst = h;
            }
        }
        return worst;
    }

    private static String hourly(Outlook a, Outlook e) {
        StringBuilder b = new StringBuilder();
        for (Outlook.Hour h : a.hours()) {
            Outlook.Hour x = e.hour(h.hour());
            b.append(String.format("%n    %02d:00  %d counters %3.0f %%   Erlang-C %d counters %3.0f %%", h.hour(), h.counters(),
                    h.shareWithin() * 100, x.counters(), x.shareWithin() * 100));
        }
        return b.toString();
    }

    /** Early warnings on simulated days with unannounced absences. */
    static void warnings(PrintStream out, Setup s, StaffingEngine engine, int perDate, SplittableRandom seeds) {
        Target target = Target.DEFAULT;
        Office office = s.office();
        EarlyWarning warning = new EarlyWarning(engine.simulator());
        List<Double> leads = new ArrayList<>();
        int episodes = 0;
        int missed = 0;
        int falseAlarms = 0;
        int raises = 0;
        int days = 0;
        int daysWithBreach = 0;
        int[] falsePerDay = new int[0];
        for (LocalDate date : s.week()) {
            ArrivalForecast f = forecast(s, date);
            Plan advised = engine.advise(f, target).plan();
            for (int d = 0; d < perDate; d++) {
                SplittableRandom r = seeds.split();
                // the day as it happens: one or two counters away for an hour or two, unannounced; volume off by ±25 %
                Plan truth = advised;
                int away = 1 + r.nextInt(2);
                for (int i = 0; i < away; i++) {
                    int from = 9 + r.nextInt(6);
                    int len = 1 + r.nextInt(2);
                    for (int h = from; h < Math.min(office.lastHour() + 1, from + len); h++) {
                        List<Integer> open = new ArrayList<>();
                        for (int k = 0; k < office.counters().size(); k++) {
                            if (truth.open(h, k)) {
                                open.add(k);
                            }
                        }
                        if (!open.isEmpty()) {
                            truth = truth.with(h, open.get(r.nextInt(open.size())), false);
                        }
                    }
                }
                double factor = Math.exp(0.15 * gaussian(r));
                DaySimulator.Tickets day = engine.simulator().run(truth, f.scaled(factor), DaySimulator.Start.opening(office),
                        Double.POSITIVE_INFINITY, r);
                int n = day.size();
                int[] cat = new int[n];
                double[] iss = new double[n];
                double[] cal = new double[n];
                for (int i = 0; i < n; i++) {
                    cat[i] = day.category(i);
                    iss[i] = day.issued(i);
                    cal[i] = day.called(i);
                }
                double open = office.firstHour() * 60.0;
                double close = (office.lastHour() + 1) * 60.0;
                // the truth: breach episodes (minutes)
                List<Double> starts = new ArrayList<>();
                boolean broken = false;
                for (double m = open; m <= close + 60; m++) {
                    boolean b = !Double.isNaN(EarlyWarning.breach(cat, iss, cal, n, m, m, target));
                    if (b && !broken) {
                        starts.add(m);
                    }
                    broken = b;
                }
                // the warning, assessed every few minutes from what the hub would know
                EarlyWarning.Watch watch = new EarlyWarning.Watch();
                List<double[]> alerts = new ArrayList<>(); // {raised, cleared}
                double meanBusy = engine.meanServiceMinutes(f, 10);
                for (double t = open + CHECK_MINUTES; t <= close; t += CHECK_MINUTES) {
                    EarlyWarning.Risk risk = warning.assess(snapshot(office, truth, day, t, meanBusy, f), f, target);
                    switch (watch.update(risk)) {
                        case RAISED -> alerts.add(new double[] {t, Double.POSITIVE_INFINITY});
                        case CLEARED -> alerts.get(alerts.size() - 1)[1] = t;
                        default -> { }
                    }
                }
                int dayFalse = 0;
                for (double[] a : alerts) {
                    raises++;
                    boolean followed = false;
                    for (double b : starts) {
                        followed |= b >= a[0] - CHECK_MINUTES && b <= a[0] + EarlyWarning.HORIZON_MINUTES + CHECK_MINUTES;
                    }
                    boolean during = false;
                    during = stillBroken(cat, iss, cal, n, a[0], target);
                    if (!followed && !during) {
                        dayFalse++;
                    }
                }
                falseAlarms += dayFalse;
                falsePerDay = Arrays.copyOf(falsePerDay, falsePerDay.length + 1);
                falsePerDay[falsePerDay.length - 1] = dayFalse;
                for (double b : starts) {
                    if (b > close) {
                        continue; // after the last ticket hour the office is draining; not judged
                    }
                    episodes++;
                    double lead = -1;
                    for (double[] a : alerts) {
                        if (a[0] <= b && a[1] >= b) {
                            lead = b - a[0];
                        }
                    }
                    if (lead < 0) {
                        missed++;
                        lead = 0;
                    }
                    leads.add(lead);
                }
                days++;
                daysWithBreach += starts.isEmpty() ? 0 : 1;
            }
        }
        leads.sort(Double::compare);
        double median = leads.isEmpty() ? Double.NaN : leads.get(leads.size() / 2);
        out.println();
        out.printf("early warnings: %d simulated days (counters away unannounced, volume ±15 %%), %d with a breach; %d breach episodes; "
                        + "checked every %d min, horizon %d min%n", days, daysWithBreach, episodes, CHECK_MINUTES, EarlyWarning.HORIZON_MINUTES);
        long warned15 = leads.stream().filter(l -> l >= 15).count();
        out.printf("  lead time before the breach: median %.0f min, p25 %.0f min, p75 %.0f min; breaches with no warning before them: %d; warned 15 min or more before: %d of %d%n",
                median, leads.isEmpty() ? Double.NaN : leads.get(leads.size() / 4), leads.isEmpty() ? Double.NaN : leads.get(3 * leads.size() / 4), missed,
                warned15, leads.size());
        out.printf("  warnings raised: %d; false alarms (no breach began within %d min of the raise, target not broken at it): %d, %.2f per day; per day: %s%n",
                raises, EarlyWarning.HORIZON_MINUTES + CHECK_MINUTES, falseAlarms,
                (double) falseAlarms / Math.max(1, days), Arrays.toString(falsePerDay));
    }

    private static boolean stillBroken(int[] cat, double[] iss, double[] cal, int n, double m, Target target) {
        return !Double.isNaN(EarlyWarning.breach(cat, iss, cal, n, m, m, target));
    }

    /** What the hub knows at minute t of a simulated day. */
    static EarlyWarning.Snapshot snapshot(Office office, Plan truth, DaySimulator.Tickets day, double t, double meanBusy, ArrivalForecast f) {
        List<Integer> keep = new ArrayList<>();
        int issuedSoFar = 0;
        double[] freeAt = new double[office.counters().size()];
        for (int i = 0; i < day.size(); i++) {
            if (day.issued(i) > t) {
                continue;
            }
            issuedSoFar++;
            boolean waiting = !(day.called(i) <= t);
            if (waiting || day.issued(i) >= t - EarlyWarning.LOOKBACK_MINUTES) {
                keep.add(i);
            }
            if (!waiting && day.counter(i) >= 0) {
                freeAt[day.counter(i)] = Math.max(freeAt[day.counter(i)], day.called(i) + meanBusy);
            }
        }
        int[] cat = new int[keep.size()];
        double[] iss = new double[keep.size()];
        double[] cal = new double[keep.size()];
        for (int j = 0; j < keep.size(); j++) {
            int i = keep.get(j);
            cat[j] = day.category(i);
            iss[j] = day.issued(i);
            cal[j] = day.called(i) <= t ? day.called(i) : Double.NaN;
        }
        boolean[] open = new boolean[office.counters().size()];
        int hour = (int) (t / 60);
        for (int k = 0; k < open.length; k++) {
            open[k] = truth.open(hour, k);
        }
        double expected = 0;
        for (int h = 0; h < 24; h++) {
            expected += f.total(h) * Math.max(0, Math.min(1, (t - h * 60) / 60));
        }
        return new EarlyWarning.Snapshot(t, cat, iss, cal, open, freeAt, issuedSoFar, expected);
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }

    static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** Advice for one office and a week (five dates), timed after a warm-up. */
    static void bench(PrintStream out, Setup s, int repeat, long seed) throws java.io.IOException {
        StaffingEngine engine = new StaffingEngine(s.office(), s.model());
        List<ArrivalForecast> forecasts = new ArrayList<>();
        long t0 = System.nanoTime();
        for (LocalDate d : s.week()) {
            forecasts.add(forecast(s, d));
        }
        double forecastMs = (System.nanoTime() - t0) / 1e6;
        for (int w = 0; w < 2; w++) {
            for (ArrivalForecast f : forecasts) {
                engine.advise(f, Target.DEFAULT);
            }
        }
        int evaluations = 0;
        for (ArrivalForecast f : forecasts) {
            engine.advise(f, Target.DEFAULT);
            evaluations += engine.lastEvaluations();
        }
        long o0 = System.nanoTime();
        Plan all = engine.planFromCounts(forecasts.get(0), filled(s.office().hours(), s.office().counters().size()));
        for (int i = 0; i < 20; i++) {
            engine.outlook(all, forecasts.get(0), Target.DEFAULT, StaffingEngine.SEARCH_DAYS, i);
        }
        double outlookMs = (System.nanoTime() - o0) / 1e6 / 20;
        double[] ms = new double[repeat];
        double[] cpu = new double[repeat];
        // the process's CPU time: the engine simulates a judgement's days on every core
        var process = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < repeat; i++) {
            long a = System.nanoTime();
            long c = process.getProcessCpuTime();
            for (LocalDate d : s.week()) {
                engine.advise(forecast(s, d), Target.DEFAULT);
            }
            ms[i] = (System.nanoTime() - a) / 1e6;
            cpu[i] = (process.getProcessCpuTime() - c) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        String load = Files.exists(Path.of("/proc/loadavg")) ? Files.readString(Path.of("/proc/loadavg")).trim() : "n/a";
        out.printf("staffing bench: seed %d; advice for one office (%d desks, %d categories) and a week (%d dates, %d history days): "
                        + "median %.0f ms wall (%.0f ms CPU, all cores), max %.0f ms wall over %d repeats (the first forecasts: %.1f ms); %d CPUs; load average %s%n",
                seed, s.office().counters().size(), s.office().categories().size(), s.week().size(), s.history().size(),
                ms[repeat / 2], cpu[repeat / 2], ms[repeat - 1], repeat, forecastMs, Runtime.getRuntime().availableProcessors(), load);
        out.printf("  the search judged %d plans for the week, each on %d simulated days (%.1f ms per plan with every desk open)%n",
                evaluations, StaffingEngine.SEARCH_DAYS, outlookMs);
    }
}
