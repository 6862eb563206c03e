package tw.jiaohao.office.simulation;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;
import tw.jiaohao.office.Args;
import tw.jiaohao.office.OfficeException;
import tw.jiaohao.office.OfficeNodeMain;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.forecast.LearnedServiceModel;

/**
 * {@code bin/jiaohao estimates evaluate [--days N] [--history-days N] [--regime id,…] [--seed N] [--config f] [--true-arrival-rates]}:
 * how good the waiting estimates are, published (docs/ESTIMATES.md). For each regime it runs N
 * ({@value #DAYS} unless {@code --days} says otherwise) simulated office days ({@link OfficeDay})
 * and compares, for every ticket called, what four estimates said at issue with the actual wait:
 * the old estimate, the queue-length predictor QL, the last-to-enter-service predictor LES and
 * the forecast. Service times and usual arrival
 * rates are learned from history days simulated first (other seeds). Seeds are drawn at run
 * time unless {@code --seed} is given, and printed. {@code --true-arrival-rates} is a diagnostic:
 * the forecast is given each regime's true arrival rates instead of reading them from the day's
 * tickets, which bounds what better rate-reading could gain.
 */
public final class EstimatesMain {
    /**
     * History days learned from by default: the office node learns from its last 28 days
     * ({@code EstimateSource.HISTORY_DAYS}), 24 working days Monday to Saturday. Fewer days leave
     * the learned service model an error of a few per cent that moves every regime's bias alike.
     */
    static final int HISTORY_DAYS = 24;

    /**
     * Days per regime by default. The luck of the days moves a regime's bias by a standard error of
     * 0.12–0.36 min over 20 days and 0.07–0.20 min over 60, and its MAE against the better
     * baseline by 0.012–0.028 and 0.007–0.017 (bootstrap over days, docs/ESTIMATES.md round 12);
     * the ±1-min bias bar leaves about 0.4 min above the wait's own skew (+0.5–0.65), so from 60
     * days on two standard errors of luck fit inside it. More days do not shrink the learned
     * model's own error, which the office's history fixes.
     */
    static final int DAYS = 60;

    private EstimatesMain() {
    }

    /** One predictor's figures over a regime's tickets. */
    record Accuracy(int tickets, double mae, double bias, double p90, double within5) {
        static Accuracy of(List<OfficeDay.Outcome> outcomes, ToIntFunction<OfficeDay.Outcome> estimate) {
            double[] abs = new double[outcomes.size()];
            double sum = 0;
            double sumAbs = 0;
            int within = 0;
            for (int i = 0; i < abs.length; i++) {
                OfficeDay.Outcome o = outcomes.get(i);
                double e = o.actual() - estimate.applyAsInt(o);
                abs[i] = Math.abs(e);
                sum += e;
                sumAbs += abs[i];
                within += abs[i] <= 5 ? 1 : 0;
            }
            Arrays.sort(abs);
            int n = Math.max(1, abs.length);
            return new Accuracy(abs.length, sumAbs / n, sum / n, abs.length == 0 ? 0 : abs[Math.max(0, (int) Math.ceil(n * 0.9) - 1)],
                    within / (double) n);
        }
    }

    /** A regime's result. */
    record Result(Regime regime, int days, int tickets, double meanActual, Accuracy old, Accuracy ql, Accuracy les,
                  Accuracy forecast, double coverage, int unservablePromisedNoWait, double belowMedian) {
        /** The first MAE bar: half the better of the QL and LES predictors' MAE. */
        double baselineBar() {
            return 0.5 * Math.min(ql.mae(), les.mae());
        }

        /** The second MAE bar: a quarter of the mean actual wait, but not below 3 minutes. */
        double waitBar() {
            return Math.max(0.25 * meanActual, 3);
        }

        boolean maeVsBaselines() {
            return forecast.mae() <= baselineBar();
        }

        boolean maeVsWait() {
            return forecast.mae() <= waitBar();
        }

        boolean biasOk() {
            return Math.abs(forecast.bias()) <= 1;
        }

        boolean coverageOk() {
            return coverage >= 0.75 && coverage <= 0.85;
        }

        boolean allMet() {
            return maeVsBaselines() && maeVsWait() && biasOk() && coverageOk() && unservablePromisedNoWait == 0;
        }
    }

    /** What the history days taught: the service model and the usual arrival rates per hour. */
    record Learned(LearnedServiceModel model, double[][] usualPerMinute) {
    }

    public static void main(String[] argv) {
        tw.jiaohao.process.Bugs.exitOnUncaught("estimates");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try {
            if (argv.length == 0 || !argv[0].equals("evaluate")) {
                out.println("usage: bin/jiaohao estimates evaluate [--days N] [--history-days N] [--regime id,…] [--seed N] [--config office.properties] [--true-arrival-rates]");
                out.println("  regimes: " + String.join(", ", Arrays.stream(Regime.values()).map(r -> r.id).toList()));
                System.exit(argv.length == 0 || argv[0].equals("--help") ? 0 : 2);
                return;
            }
            Args args = Args.parse(Arrays.copyOfRange(argv, 1, argv.length),
                    Set.of("--days", "--history-days", "--regime", "--seed", "--config"), Set.of("--true-arrival-rates"));
            OfficeConfig config = OfficeNodeMain.configFrom(args);
            int days = args.has("--days") ? positive("--days", args.get("--days")) : DAYS;
            int historyDays = args.has("--history-days") ? positive("--history-days", args.get("--history-days")) : HISTORY_DAYS;
            List<Regime> regimes = args.has("--regime")
                    ? Arrays.stream(args.get("--regime").split(",")).map(String::trim).map(Regime::byId).toList()
                    : List.of(Regime.values());
            boolean trueRates = args.has("--true-arrival-rates");
            long seed = args.has("--seed") ? Long.parseLong(args.get("--seed")) : new SecureRandom().nextLong();
            out.printf(Locale.ROOT, "estimates evaluate: seed %d (repeat with --seed %d), %d history days, %d days per regime, office %s%s%n",
                    seed, seed, historyDays, days, config.officeId(),
                    trueRates ? "; diagnostic: the forecast is given the true arrival rates" : "");
            SplittableRandom seeds = new SplittableRandom(seed);
            Learned learned = learn(config, historyDays, seeds.split());
            List<Result> results = new ArrayList<>();
            for (Regime r : regimes) {
                results.add(evaluate(config, r, days, learned, seeds.split(), trueRates));
            }
            print(out, results);
        } catch (OfficeException | IllegalArgumentException e) {
            System.err.println("estimates: " + e.getMessage());
            System.exit(2);
        }
    }

    private static int positive(String flag, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 10_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(flag + " must be a whole number 1..10000; got '" + value + "'");
    }

    /** Simulates history days (steady and peaks alternating) and learns from them. */
    static Learned learn(OfficeConfig config, int days, SplittableRandom seeds) {
        ServiceHistory history = new ServiceHistory();
        double[][] perHour = new double[24][config.categories().size()];
        for (int d = 0; d < days; d++) {
            OfficeDay day = new OfficeDay(config, d % 2 == 0 ? Regime.STEADY : Regime.PEAKS, seeds.nextLong(), null, null);
            day.run();
            OfficeDay.History h = day.history();
            history.add(h);
            for (int hour = 0; hour < 24; hour++) {
                for (int c = 0; c < perHour[hour].length; c++) {
                    perHour[hour][c] += h.arrivalsByHour()[hour][c] / 60.0 / days;
                }
            }
        }
        LearnedServiceModel model = history.fit(config, true);
        return new Learned(model, perHour);
    }

    static Result evaluate(OfficeConfig config, Regime regime, int days, Learned learned, SplittableRandom seeds) {
        return evaluate(config, regime, days, learned, seeds, false);
    }

    static Result evaluate(OfficeConfig config, Regime regime, int days, Learned learned, SplittableRandom seeds, boolean trueRates) {
        List<OfficeDay.Outcome> all = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            all.addAll(new OfficeDay(config, regime, seeds.nextLong(), learned.model(), learned.usualPerMinute(), trueRates).run());
        }
        double meanActual = all.stream().mapToDouble(OfficeDay.Outcome::actual).average().orElse(0);
        long covered = all.stream().filter(o -> o.actual() >= o.estimate().lowMinutes() && o.actual() <= o.estimate().highMinutes()).count();
        int promised = (int) all.stream().filter(o -> !o.estimate().servable() && o.estimate().medianMinutes() == 0).count();
        List<OfficeDay.Outcome> waited = all.stream().filter(o -> o.estimate().medianMinutes() > 0).toList();
        double belowMedian = waited.isEmpty() ? 0
                : waited.stream().filter(o -> o.actual() < o.estimate().medianMinutes()).count() / (double) waited.size();
        return new Result(regime, days, all.size(), meanActual, Accuracy.of(all, OfficeDay.Outcome::old), Accuracy.of(all, OfficeDay.Outcome::ql),
                Accuracy.of(all, OfficeDay.Outcome::les), Accuracy.of(all, o -> o.estimate().medianMinutes()),
                all.isEmpty() ? 0 : covered / (double) all.size(), promised, belowMedian);
    }

    static void print(PrintStream out, List<Result> results) {
        out.println();
        out.println("| regime | days | tickets | mean wait | estimate | mean abs. error | bias (actual − est.) | p90 abs. error | within ±5 min | range coverage |");
        out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Result r : results) {
            row(out, r, "old", r.old(), "");
            row(out, r, "QL", r.ql(), "");
            row(out, r, "LES", r.les(), "");
            row(out, r, "**new** (median)", r.forecast(), String.format(Locale.ROOT, "%.0f %%", r.coverage() * 100));
        }
        out.println();
        out.println("| regime | new MAE ≤ 0.5 × better of QL/LES | new MAE ≤ max(25 % of mean wait, 3 min) | bias within ±1 min | coverage 80 % ± 5 % | no-counter tickets promised no wait | actual below the median (median > 0) |");
        out.println("| --- | --- | --- | --- | --- | --- | --- |");
        for (Result r : results) {
            out.printf(Locale.ROOT, "| %s | %s | %s | %s %+.2f | %s %.1f %% | %d | %.1f %% |%n", r.regime().id,
                    versus(r.maeVsBaselines(), r.forecast().mae(), r.baselineBar()),
                    versus(r.maeVsWait(), r.forecast().mae(), r.waitBar()),
                    mark(r.biasOk()), r.forecast().bias(), mark(r.coverageOk()), r.coverage() * 100, r.unservablePromisedNoWait(),
                    r.belowMedian() * 100);
        }
        long failed = results.stream().filter(r -> !r.allMet()).count();
        out.println();
        out.println(failed == 0 ? "all targets met" : failed + " regime(s) miss a target (marked ✗)");
    }

    private static void row(PrintStream out, Result r, String name, Accuracy a, String coverage) {
        out.printf(Locale.ROOT, "| %s | %d | %d | %.1f min | %s | %.1f min | %+.1f min | %.1f min | %.0f %% | %s |%n", r.regime().id, r.days(),
                r.tickets(), r.meanActual(), name, a.mae(), a.bias(), a.p90(), a.within5() * 100, coverage);
    }

    /** A MAE against its bar, to two decimals: at one decimal a miss by less than 0.05 min read "3.0 ≤ 3.0". */
    static String versus(boolean ok, double mae, double bar) {
        return String.format(Locale.ROOT, "%s %.2f %s %.2f", mark(ok), mae, ok ? "≤" : ">", bar);
    }

    private static String mark(boolean ok) {
        return ok ? "✓" : "✗";
    }
}
