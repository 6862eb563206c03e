package tw.jiaohao.forecast;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the forecast starts from: the office as it is now. Times are minutes relative to now
 * (0); the adapter that builds it (the queue engine, the evaluation's simulated office) reads
 * them from its own store.
 *
 * @param categories        the category codes, in configuration order
 * @param priority          the priority-lane categories (called first at counters that serve them)
 * @param waiting           every ticket waiting now, in any order
 * @param counters          every configured counter
 * @param arrivalsPerMinute expected new tickets per minute per category over the coming hours
 *                          (priority customers who arrive meanwhile go first; so do a counter's
 *                          preferred categories)
 * @param starvationMinutes the queue's starvation ceiling: past it, the oldest ticket a counter
 *                          serves goes before its preferred categories
 * @param localMinuteOfDay  the office's local time now, 0–1439 (service times depend on the hour)
 * @param arrivalEvidenceMinutes how many minutes of observed arrivals the rates rest on
 *                          ({@link Arrivals#evidenceMinutes(double)}), for the office's level (all
 *                          categories together): the forecast draws each run's level from what
 *                          that much of the office's arrivals allows and scales every category's
 *                          rate by it, so a rate read from a short window widens the range; {@link Double#POSITIVE_INFINITY} when
 *                          the rates are known exactly
 * @param issuingEndsInMinutes per category: minutes from now until the office stops issuing its
 *                          tickets today (the last-ticket time); nobody of it arrives after that.
 *                          A category not named is issued all along (no office hours)
 */
public record OfficeState(List<String> categories, Set<String> priority, List<WaitingTicket> waiting,
                          List<CounterNow> counters, Map<String, Double> arrivalsPerMinute,
                          double starvationMinutes, int localMinuteOfDay, double arrivalEvidenceMinutes,
                          Map<String, Double> issuingEndsInMinutes) {

    /** A state whose categories are issued all along (no last-ticket time known). */
    public OfficeState(List<String> categories, Set<String> priority, List<WaitingTicket> waiting,
                       List<CounterNow> counters, Map<String, Double> arrivalsPerMinute,
                       double starvationMinutes, int localMinuteOfDay, double arrivalEvidenceMinutes) {
        this(categories, priority, waiting, counters, arrivalsPerMinute, starvationMinutes, localMinuteOfDay,
                arrivalEvidenceMinutes, Map.of());
    }

    /** A state whose arrival rates are taken as exact (no evidence minutes given). */
    public OfficeState(List<String> categories, Set<String> priority, List<WaitingTicket> waiting,
                       List<CounterNow> counters, Map<String, Double> arrivalsPerMinute,
                       double starvationMinutes, int localMinuteOfDay) {
        this(categories, priority, waiting, counters, arrivalsPerMinute, starvationMinutes, localMinuteOfDay,
                Double.POSITIVE_INFINITY);
    }

    public OfficeState {
        if (!(arrivalEvidenceMinutes > 0)) {
            throw new IllegalArgumentException("arrivalEvidenceMinutes must be > 0, got " + arrivalEvidenceMinutes);
        }
        categories = List.copyOf(categories);
        priority = Set.copyOf(priority);
        waiting = List.copyOf(waiting);
        counters = List.copyOf(counters);
        arrivalsPerMinute = Map.copyOf(arrivalsPerMinute);
        issuingEndsInMinutes = Map.copyOf(issuingEndsInMinutes);
        for (var e : issuingEndsInMinutes.entrySet()) {
            if (!(e.getValue() >= 0)) {
                throw new IllegalArgumentException("issuing of " + e.getKey() + " must end in ≥ 0 minutes, got " + e.getValue());
            }
        }
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("no categories");
        }
        for (WaitingTicket w : waiting) {
            if (!categories.contains(w.category())) {
                throw new IllegalArgumentException("waiting ticket of unknown category " + w.category());
            }
        }
        for (CounterNow k : counters) {
            for (String s : k.serves()) {
                if (!categories.contains(s)) {
                    throw new IllegalArgumentException("counter " + k.number() + " serves unknown category " + s);
                }
            }
        }
        for (var e : arrivalsPerMinute.entrySet()) {
            if (!(e.getValue() >= 0) || Double.isInfinite(e.getValue())) {
                throw new IllegalArgumentException("arrivals per minute of " + e.getKey() + " must be ≥ 0, got " + e.getValue());
            }
        }
        if (!(starvationMinutes > 0)) {
            throw new IllegalArgumentException("starvationMinutes must be > 0");
        }
        if (localMinuteOfDay < 0 || localMinuteOfDay >= 24 * 60) {
            throw new IllegalArgumentException("localMinuteOfDay must be 0..1439, got " + localMinuteOfDay);
        }
    }

    /** A ticket waiting now, {@code waitedMinutes} since its (original) issue. */
    public record WaitingTicket(String category, double waitedMinutes) {
        public WaitingTicket {
            if (!(waitedMinutes >= 0)) {
                throw new IllegalArgumentException("waitedMinutes must be ≥ 0");
            }
        }
    }

    /**
     * A counter now and as planned for the rest of the day.
     *
     * @param availableInMinutes 0 when open now; minutes until it opens as planned (after lunch,
     *                           a late shift); {@link Double#POSITIVE_INFINITY} when it does not
     *                           open again today
     * @param busyMinutes        minutes since it called the customer it has now, or a negative
     *                           number when it has nobody
     * @param busyCategory       that customer's category (null when idle)
     * @param busyIssuedMinutesAgo minutes since that customer's original issue (kept across
     *                           transfers), ≥ {@code busyMinutes}: if the customer is sent on to
     *                           another category they rejoin at that place, and past the
     *                           starvation ceiling they go first at any counter serving it.
     *                           Ignored when idle
     * @param breaks             planned breaks ahead, [from, to) in minutes from now, sorted: the
     *                           counter calls nobody in them (a customer being served is finished)
     */
    public record CounterNow(int number, List<String> serves, double availableInMinutes, double busyMinutes,
                             String busyCategory, double busyIssuedMinutesAgo, List<double[]> breaks) {
        public CounterNow {
            serves = List.copyOf(serves);
            breaks = List.copyOf(breaks);
            if (!(availableInMinutes >= 0)) {
                throw new IllegalArgumentException("availableInMinutes must be ≥ 0");
            }
            if (busyMinutes >= 0 && busyCategory == null) {
                throw new IllegalArgumentException("a busy counter names its customer's category");
            }
            if (busyMinutes >= 0 && !(busyIssuedMinutesAgo >= busyMinutes)) {
                throw new IllegalArgumentException("a busy counter's customer was issued before being called: busyIssuedMinutesAgo "
                        + busyIssuedMinutesAgo + " < busyMinutes " + busyMinutes);
            }
            double last = Double.NEGATIVE_INFINITY;
            for (double[] b : breaks) {
                if (b.length != 2 || !(b[0] < b[1]) || b[0] < last) {
                    throw new IllegalArgumentException("breaks must be sorted [from, to) pairs");
                }
                last = b[1];
            }
        }

        /**
         * A counter whose customer's issue time is not known: taken as issued when called (the
         * customer had not waited), which places them too late if they are sent on.
         */
        public CounterNow(int number, List<String> serves, double availableInMinutes, double busyMinutes, String busyCategory,
                          List<double[]> breaks) {
            this(number, serves, availableInMinutes, busyMinutes, busyCategory, busyMinutes, breaks);
        }

        /** An open counter with nobody at it and no break planned. */
        public static CounterNow idle(int number, List<String> serves) {
            return new CounterNow(number, serves, 0, -1, null, List.of());
        }

        public boolean openNow() {
            return availableInMinutes == 0;
        }
    }
}
