package tw.jiaohao.forecast.staffing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Which counters are open in each hour of a day, from the office's first to its last hour.
 * Immutable; {@link #with(int, int, boolean)} gives a changed copy.
 */
public final class Plan {
    private final Office office;
    /** [hour − firstHour][counter index] */
    private final boolean[][] open;

    private Plan(Office office, boolean[][] open) {
        this.office = office;
        this.open = open;
    }

    /** A plan with nothing open. */
    public static Plan empty(Office office) {
        return new Plan(office, new boolean[office.hours()][office.counters().size()]);
    }

    /** A plan from the counter numbers open per hour, one list per hour from the first hour. */
    public static Plan of(Office office, List<? extends java.util.Collection<Integer>> numbersByHour) {
        if (numbersByHour.size() != office.hours()) {
            throw new IllegalArgumentException("need one entry per hour " + office.firstHour() + "–" + office.lastHour()
                    + ", got " + numbersByHour.size());
        }
        Plan p = empty(office);
        for (int h = 0; h < numbersByHour.size(); h++) {
            for (int n : numbersByHour.get(h)) {
                p.open[h][p.index(n)] = true;
            }
        }
        return p;
    }

    /** The first {@code counts[h]} counters in {@code order} (counter indices) open in each hour. */
    public static Plan firstInOrder(Office office, int[] counts, int[] order) {
        Plan p = empty(office);
        for (int h = 0; h < counts.length; h++) {
            for (int i = 0; i < Math.min(counts[h], order.length); i++) {
                p.open[h][order[i]] = true;
            }
        }
        return p;
    }

    int index(int number) {
        for (int k = 0; k < office.counters().size(); k++) {
            if (office.counters().get(k).number() == number) {
                return k;
            }
        }
        throw new IllegalArgumentException("no counter " + number);
    }

    public Office office() {
        return office;
    }

    /** Whether counter index {@code k} is open at local hour {@code hour} (after the last hour: as in the last). */
    public boolean open(int hour, int k) {
        if (hour < office.firstHour()) {
            return false;
        }
        return open[Math.min(hour, office.lastHour()) - office.firstHour()][k];
    }

    public int count(int hour) {
        int n = 0;
        for (int k = 0; k < office.counters().size(); k++) {
            n += open(hour, k) ? 1 : 0;
        }
        return n;
    }

    /** The open counters' numbers at local {@code hour}, ascending. */
    public List<Integer> numbers(int hour) {
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < office.counters().size(); k++) {
            if (open(hour, k)) {
                out.add(office.counters().get(k).number());
            }
        }
        return out;
    }

    public Plan with(int hour, int k, boolean isOpen) {
        boolean[][] copy = new boolean[open.length][];
        for (int h = 0; h < open.length; h++) {
            copy[h] = open[h].clone();
        }
        copy[hour - office.firstHour()][k] = isOpen;
        return new Plan(office, copy);
    }

    /** The categories some open counter serves at {@code hour}. */
    public java.util.Set<String> served(int hour) {
        java.util.Set<String> s = new TreeSet<>();
        for (int k = 0; k < office.counters().size(); k++) {
            if (open(hour, k)) {
                s.addAll(office.counters().get(k).serves());
            }
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Plan p && p.office.equals(office) && Arrays.deepEquals(p.open, open);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(open);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int h = office.firstHour(); h <= office.lastHour(); h++) {
            b.append(String.format("%02d:00 %s%n", h, numbers(h)));
        }
        return b.toString();
    }
}
