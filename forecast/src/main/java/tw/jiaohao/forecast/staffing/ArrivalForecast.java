package tw.jiaohao.forecast.staffing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The arrivals expected at an office on one date: tickets per hour by category (the mean of the
 * same weekday's recent working days), their spread across those days, and the day-to-day
 * spread of the whole day's volume beyond Poisson noise ({@code daySigma}, of ln(volume)), which
 * is what simulated days draw. {@code weeks} says how many past days it rests on (0: no history,
 * nothing to advise from).
 *
 * @param perHour [category][local hour] mean tickets in that hour
 * @param sdPerHour [category][local hour] standard deviation across the days used
 */
public record ArrivalForecast(LocalDate date, DayOfWeek worksAs, List<String> categories, double[][] perHour,
                              double[][] sdPerHour, double daySigma, int weeks) {

    public ArrivalForecast {
        categories = List.copyOf(categories);
        if (perHour.length != categories.size() || sdPerHour.length != categories.size()) {
            throw new IllegalArgumentException("one row of hours per category");
        }
        for (int c = 0; c < perHour.length; c++) {
            if (perHour[c].length != 24 || sdPerHour[c].length != 24) {
                throw new IllegalArgumentException("24 hours per category");
            }
            for (int h = 0; h < 24; h++) {
                if (!(perHour[c][h] >= 0) || !(sdPerHour[c][h] >= 0) || Double.isInfinite(perHour[c][h])) {
                    throw new IllegalArgumentException("arrivals must be finite and ≥ 0");
                }
            }
        }
        if (!(daySigma >= 0) || daySigma > 2) {
            throw new IllegalArgumentException("daySigma must be in [0, 2], got " + daySigma);
        }
    }

    /** Mean tickets in {@code hour} over all categories. */
    public double total(int hour) {
        double s = 0;
        for (double[] c : perHour) {
            s += c[hour];
        }
        return s;
    }

    public double total() {
        double s = 0;
        for (int h = 0; h < 24; h++) {
            s += total(h);
        }
        return s;
    }

    /** The mean rates, per minute, [category][hour]. */
    public double[][] ratesPerMinute() {
        return scaled(1);
    }

    /** Rates of one day drawn from the forecast: the day's volume varies by {@link #daySigma}. */
    public double[][] drawRates(SplittableRandom random) {
        double z = DaySimulator.gaussian(random);
        return scaled(Math.exp(daySigma * z - daySigma * daySigma / 2));
    }

    /** The rates scaled by {@code factor} (a busier or quieter day than forecast). */
    public double[][] scaled(double factor) {
        double[][] r = new double[perHour.length][24];
        for (int c = 0; c < perHour.length; c++) {
            for (int h = 0; h < 24; h++) {
                r[c][h] = perHour[c][h] * factor / 60.0;
            }
        }
        return r;
    }
}
