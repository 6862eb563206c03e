package tw.jiaohao.office.simulation;

import java.util.Set;

/**
 * A kind of office day for the estimates' evaluation and the realistic simulator. The arrival
 * rate is {@link #load(double)} × the office's capacity (customers its counters can serve per
 * minute with the category mix), so the same regime fits an office of any size.
 */
enum Regime {
    STEADY("steady", "about 85 % busy all day"),
    PEAKS("peaks", "morning and after-lunch peaks above capacity, a quiet noon"),
    COUNTER_CLOSES("counter-closes", "counter 2 closes for good at 10:30, unannounced"),
    LUNCH("lunch", "12:00–13:00 counters 4 and 5 at lunch (planned)"),
    PRIORITY("priority", "a heavy priority lane (5× the usual share)"),
    AFTER_HOLIDAY("after-holiday", "the day after a holiday: 20 % above capacity until 11:00");

    final String id;
    final String description;

    Regime(String id, String description) {
        this.id = id;
        this.description = description;
    }

    static final int OPENS = 8 * 60 + 30;
    static final int LAST_TICKET = 16 * 60 + 30;
    static final int LUNCH_FROM = 12 * 60;
    static final int LUNCH_TO = 13 * 60;

    /** Arrivals as a share of capacity at local minute-of-day {@code m}. */
    double load(double m) {
        return switch (this) {
            case STEADY, PRIORITY -> 0.85;
            case PEAKS -> (0.55 + 0.7 * bump(m, 9 * 60 + 20, 35) + 0.6 * bump(m, 14 * 60, 40)) * (m >= LUNCH_FROM && m < LUNCH_TO ? 0.7 : 1);
            case COUNTER_CLOSES -> 0.8;
            case LUNCH -> m >= LUNCH_FROM && m < LUNCH_TO ? 0.5 : 0.85;
            case AFTER_HOLIDAY -> m < 11 * 60 ? 1.2 : 0.9;
        };
    }

    /** Weight of the priority lane in the category mix (the others: A 3, B 1.3, C 1, D 0.6). */
    double priorityWeight() {
        return this == PRIORITY ? 2.5 : 0.5;
    }

    /** Counters that stop for good at {@link #closingMinute()} without notice. */
    Set<Integer> closingCounters() {
        return this == COUNTER_CLOSES ? Set.of(2) : Set.of();
    }

    int closingMinute() {
        return 10 * 60 + 30;
    }

    /** Counters at lunch 12:00–13:00, a planned break the estimate knows about. */
    Set<Integer> lunchCounters() {
        return this == LUNCH ? Set.of(4, 5) : Set.of();
    }

    private static double bump(double m, double centre, double width) {
        return Math.exp(-Math.pow((m - centre) / width, 2) / 2);
    }

    static Regime byId(String id) {
        for (Regime r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown regime '" + id + "'");
    }
}
