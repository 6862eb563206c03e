package tw.jiaohao.office.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import tw.jiaohao.forecast.Arrivals;
import tw.jiaohao.forecast.Forecaster;
import tw.jiaohao.forecast.LearnedServiceModel;
import tw.jiaohao.forecast.OfficeState;
import tw.jiaohao.forecast.OfficeState.CounterNow;
import tw.jiaohao.forecast.OfficeState.WaitingTicket;
import tw.jiaohao.forecast.ServiceModel;

/**
 * Cost of one waiting estimate ({@link Forecaster}, {@value Forecaster#RUNS} runs) with 200
 * people waiting in the default office (5 counters, all busy with customers who waited as long as
 * the queue's oldest, arrivals and transfers on, each
 * run drawing its rates from an hour's evidence, issuing ending at 16:30, a service model
 * learned from 8,000 services). Target p99 &lt; 5 ms, so the kiosk's touch-to-number
 * time does not move. Wall time and the thread's CPU time are printed: on a shared machine the
 * wall time's tail is other processes' (compare the load average). Each measurement estimates a category in turn, on a state that changes
 * between measurements (one more waiting, times moved on).
 */
public final class EstimateBench {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        int waiting = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        List<String> cats = List.of("A", "B", "C", "D", "P");
        Random r = new Random(1);
        List<LearnedServiceModel.Sample> samples = new ArrayList<>();
        Map<String, Double> medians = Map.of("A", 4.0, "B", 8.0, "C", 7.0, "D", 12.0, "P", 6.0);
        for (int i = 0; i < 8_000; i++) {
            String c = cats.get(r.nextInt(cats.size()));
            samples.add(new LearnedServiceModel.Sample(c, 1 + r.nextInt(5), 8 + r.nextInt(9), medians.get(c) * Math.exp(0.45 * r.nextGaussian())));
        }
        ServiceModel model = LearnedServiceModel.fit(samples, medians, 0.8, 0.06, 2.7, 0.05, Map.of("A", 1.0, "B", 1.0, "C", 1.0, "D", 1.0));
        Forecaster forecaster = new Forecaster();
        long[] lat = new long[n];
        long[] cpu = new long[n];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long sink = 0;
        int warmup = 500;
        for (int i = 0; i < warmup + n; i++) {
            List<WaitingTicket> w = new ArrayList<>();
            double[] weights = {3, 1.3, 1, 0.6, 0.5};
            for (int j = 0; j < waiting; j++) {
                double x = r.nextDouble() * 6.4;
                int c = 0;
                while (c < 4 && (x -= weights[c]) >= 0) {
                    c++;
                }
                w.add(new WaitingTicket(cats.get(c), (waiting - j) * 0.3 + (i % 7)));
            }
            // the customers at the counters waited about as long as the queue's oldest (their place if sent on)
            double waited = waiting * 0.3;
            List<CounterNow> counters = List.of(
                    new CounterNow(1, List.of("P", "A", "B"), 0, 1 + i % 5, "A", waited + 1 + i % 5, List.of()),
                    new CounterNow(2, List.of("A", "B", "P"), 0, 2, "B", waited + 2, List.of()),
                    new CounterNow(3, List.of("B", "A"), 0, 3, "B", waited + 3, List.of()),
                    new CounterNow(4, List.of("C", "D", "A"), 0, 1, "C", waited + 1, List.of(new double[] {60, 120})),
                    new CounterNow(5, List.of("D", "C"), 0, 4, "D", waited + 4, List.of(new double[] {60, 120})));
            OfficeState s = new OfficeState(cats, Set.of("P"), w, counters,
                    Map.of("A", 0.3, "B", 0.13, "C", 0.1, "D", 0.06, "P", 0.05), 30, 9 * 60, Arrivals.evidenceMinutes(60),
                    Map.of("A", 450.0, "B", 450.0, "C", 450.0, "D", 450.0, "P", 450.0));
            String category = cats.get(i % cats.size());
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            sink += forecaster.forecast(s, model, category).medianMinutes();
            long t1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            if (i >= warmup) {
                lat[i - warmup] = t1 - t0;
                cpu[i - warmup] = c1 - c0;
            }
        }
        System.out.println("waiting estimate, " + waiting + " waiting, " + Forecaster.RUNS + " runs, wall: " + Percentiles.of(lat));
        System.out.println("waiting estimate, " + waiting + " waiting, " + Forecaster.RUNS + " runs, CPU:  " + Percentiles.of(cpu)
                + " (checksum " + sink + ")");
    }
}
