package tw.jiaohao.forecast.staffing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Arrival forecasts from an office's own history: for a date, the last {@value #WEEKS} working
 * days that worked as the same weekday (closures and holidays left out, make-up days counted as
 * the weekday they replace, days with no tickets at all left out as days the office did not
 * report). The forecast for an hour is their mean, its spread their standard deviation; the
 * day's volume spread ({@link ArrivalForecast#daySigma()}) is the spread of ln(day total)
 * left after Poisson noise, at least {@value #MIN_DAY_SIGMA}.
 */
public final class ArrivalForecaster {
    public static final int WEEKS = 6;
    static final double MIN_DAY_SIGMA = 0.05;

    private ArrivalForecaster() {
    }

    /**
     * @param history any days of the office's history (any order, duplicates not allowed)
     * @return the forecast, or empty when the date is not a working day
     */
    public static Optional<ArrivalForecast> forecast(List<String> categories, List<DayCounts> history, OfficeCalendar calendar,
                                                     LocalDate date) {
        Optional<DayOfWeek> as = calendar.worksAs(date);
        if (as.isEmpty()) {
            return Optional.empty();
        }
        List<DayCounts> same = new ArrayList<>();
        for (DayCounts d : history) {
            if (d.date().isBefore(date) && calendar.worksAs(d.date()).equals(as) && d.total() > 0) {
                same.add(d);
            }
        }
        same.sort(Comparator.comparing(DayCounts::date).reversed());
        if (same.size() > WEEKS) {
            same = same.subList(0, WEEKS);
        }
        int n = same.size();
        int cats = categories.size();
        double[][] mean = new double[cats][24];
        double[][] sd = new double[cats][24];
        if (n > 0) {
            for (int c = 0; c < cats; c++) {
                for (int h = 0; h < 24; h++) {
                    double s = 0;
                    double s2 = 0;
                    for (DayCounts d : same) {
                        int x = d.count(categories.get(c), h);
                        s += x;
                        s2 += (double) x * x;
                    }
                    mean[c][h] = s / n;
                    sd[c][h] = n > 1 ? Math.sqrt(Math.max(0, (s2 - s * s / n) / (n - 1))) : Math.sqrt(mean[c][h]);
                }
            }
        }
        double daySigma = MIN_DAY_SIGMA;
        if (n > 2) {
            double s = 0;
            double s2 = 0;
            double inv = 0;
            for (DayCounts d : same) {
                double l = Math.log(d.total());
                s += l;
                s2 += l * l;
                inv += 1.0 / d.total();
            }
            double var = (s2 - s * s / n) / (n - 1) - inv / n; // minus Poisson's share of ln-variance (≈ 1/N)
            daySigma = Math.min(2, Math.max(MIN_DAY_SIGMA, Math.sqrt(Math.max(0, var))));
        }
        return Optional.of(new ArrivalForecast(date, as.get(), categories, mean, sd, daySigma, n));
    }
}
