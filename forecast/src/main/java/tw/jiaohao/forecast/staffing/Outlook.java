package tw.jiaohao.forecast.staffing;

import java.util.Arrays;
import java.util.List;

/**
 * What a plan gives on the days simulated from a forecast: per hour of issue the tickets
 * expected, the share called within the target (pooled over the simulated days), the median and
 * 90th-percentile wait; for the day the pooled share and the share of simulated days on which
 * the day's tickets met the target.
 *
 * @param hours one entry per office hour, first hour first
 */
public record Outlook(Target target, int days, List<Hour> hours, double dayShareWithin, double daysMeetingTarget,
                      double p50Minutes, double p90Minutes) {
    public Outlook {
        hours = List.copyOf(hours);
    }

    /**
     * One hour of issue: tickets expected per day, share within target (NaN with no tickets), wait
     * quantiles, and the share of simulated days on which this hour's own tickets met the target
     * (of the days that had any; NaN with none).
     */
    public record Hour(int hour, int counters, double tickets, double shareWithin, double p50Minutes, double p90Minutes,
                       double daysMeeting) {
        public boolean meets(Target target) {
            return Double.isNaN(shareWithin) || shareWithin >= target.share();
        }
    }

    public Hour hour(int localHour) {
        for (Hour h : hours) {
            if (h.hour() == localHour) {
                return h;
            }
        }
        throw new IllegalArgumentException("no hour " + localHour);
    }

    /** The hours whose share within target is below it (hours expecting under 1 ticket are not judged). */
    public List<Hour> missed() {
        return hours.stream().filter(h -> h.tickets() >= 1 && !h.meets(target)).toList();
    }

    /**
     * The {@code p} quantile of the first {@code n} values of {@code values}, linear between the two
     * ranks around {@code p·(n−1)} of their sorted order, found without sorting them: the two ranks
     * are found by selection, and the values are left reordered. A judgement of the search
     * builds an outlook of thousands of waits, and sorting them was a tenth of the advice's time.
     */
    static double quantileOf(double[] values, int n, double p) {
        if (n == 0) {
            return Double.NaN;
        }
        double x = p * (n - 1);
        int i = (int) Math.floor(x);
        double low = select(values, n, i);
        double high = low;
        if (i + 1 < n) {
            // after the selection every value right of rank i is at least as large: the next rank is their minimum
            high = values[i + 1];
            for (int k = i + 2; k < n; k++) {
                high = Math.min(high, values[k]);
            }
        }
        return low + (x - i) * (high - low);
    }

    /** The value of rank {@code k} among the first {@code n} of {@code a}, with smaller ranks left of it and larger right of it. */
    static double select(double[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            double pivot = Math.max(Math.min(a[lo], a[mid]), Math.min(Math.max(a[lo], a[mid]), a[hi]));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    /** Accumulates simulated days into an outlook. */
    static final class Builder {
        private final Office office;
        private final Target target;
        private final int[] tickets;
        private final int[] within;
        private final double[][] waits;
        private final int[] count;
        private final int[] hourDays;
        private final int[] hourMeeting;
        private double[] all = new double[1024];
        private int allN;
        private int days;
        private int meeting;
        private long dayTickets;
        private long dayWithin;

        Builder(Office office, Target target) {
            this.office = office;
            this.target = target;
            tickets = new int[office.hours()];
            within = new int[office.hours()];
            waits = new double[office.hours()][256];
            count = new int[office.hours()];
            hourDays = new int[office.hours()];
            hourMeeting = new int[office.hours()];
        }

        void add(DaySimulator.Tickets t) {
            add(summarize(t));
        }

        /**
         * One simulated day's waits, by the office hour its tickets were issued in. It reads only what
         * the builder was made with, so it runs on any thread: the engine summarises days where it
         * simulates them, and adds them in day order.
         */
        Day summarize(DaySimulator.Tickets t) {
            Day d = new Day(office.hours());
            for (int i = t.initial(); i < t.size(); i++) {
                int h = Math.min(office.lastHour(), (int) (t.issued(i) / 60)) - office.firstHour();
                if (h < 0) {
                    continue;
                }
                double called = t.called(i);
                double wait = Double.isNaN(called) ? Double.POSITIVE_INFINITY : called - t.issued(i);
                if (d.count[h] == d.waits[h].length) {
                    d.waits[h] = Arrays.copyOf(d.waits[h], 2 * d.count[h]);
                }
                d.waits[h][d.count[h]++] = wait;
                d.within[h] += wait <= target.minutes() ? 1 : 0;
            }
            return d;
        }

        /** A simulated day summarised by {@link #summarize}. */
        static final class Day {
            private final double[][] waits;
            private final int[] count;
            private final int[] within;

            private Day(int hours) {
                waits = new double[hours][64];
                count = new int[hours];
                within = new int[hours];
            }
        }

        void add(Day day) {
            int n = 0;
            int w = 0;
            for (int h = 0; h < day.count.length; h++) {
                int c = day.count[h];
                if (c == 0) {
                    continue;
                }
                tickets[h] += c;
                within[h] += day.within[h];
                if (count[h] + c > waits[h].length) {
                    waits[h] = Arrays.copyOf(waits[h], Math.max(2 * waits[h].length, count[h] + c));
                }
                System.arraycopy(day.waits[h], 0, waits[h], count[h], c);
                count[h] += c;
                if (allN + c > all.length) {
                    all = Arrays.copyOf(all, Math.max(2 * all.length, allN + c));
                }
                System.arraycopy(day.waits[h], 0, all, allN, c);
                allN += c;
                hourDays[h]++;
                hourMeeting[h] += day.within[h] >= target.share() * c ? 1 : 0;
                n += c;
                w += day.within[h];
            }
            days++;
            dayTickets += n;
            dayWithin += w;
            meeting += n == 0 || w >= target.share() * n ? 1 : 0;
        }

        /** Days added so far whose tickets missed the target. */
        int daysMissing() {
            return days - meeting;
        }

        /** Days added so far on which the own tickets of local hour {@code localHour} missed the target. */
        int daysMissing(int localHour) {
            int h = localHour - office.firstHour();
            return hourDays[h] - hourMeeting[h];
        }

        Outlook build(Plan plan) {
            List<Hour> hs = new java.util.ArrayList<>();
            for (int h = 0; h < office.hours(); h++) {
                hs.add(new Hour(office.firstHour() + h, plan.count(office.firstHour() + h), (double) tickets[h] / days,
                        tickets[h] == 0 ? Double.NaN : (double) within[h] / tickets[h],
                        quantileOf(waits[h], count[h], 0.5), quantileOf(waits[h], count[h], 0.9),
                        hourDays[h] == 0 ? Double.NaN : (double) hourMeeting[h] / hourDays[h]));
            }
            return new Outlook(target, days, hs, dayTickets == 0 ? Double.NaN : (double) dayWithin / dayTickets,
                    (double) meeting / days, quantileOf(all, allN, 0.5), quantileOf(all, allN, 0.9));
        }
    }
}
