package tw.jiaohao.hub.staffing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tw.jiaohao.forecast.LearnedServiceModel;
import tw.jiaohao.forecast.staffing.DayCounts;
import tw.jiaohao.forecast.staffing.Office;
import tw.jiaohao.forecast.staffing.OfficeCalendar;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * The staffing engine's inputs learned from an office's stored tickets and its latest state:
 * arrivals per local day, category and hour; the service model (service minutes from start to
 * finish by category, counter and hour of start; call-to-start; no-show share); the office's
 * counters and their profiles from the latest {@link StateSnapshot}; its hours (first to last
 * hour anyone took a ticket) and its working weekdays (weekdays with tickets in the history —
 * the hub knows no holiday calendar, so a holiday ahead is not known).
 *
 * <p>Implausible records (a service over {@value #MAX_SERVICE_MINUTES} min or not after its
 * start, a category the office no longer has) are left out and counted in {@link #skipped}.
 */
public record StaffingInputs(Office office, OfficeCalendar calendar, List<DayCounts> history, LearnedServiceModel model,
                             int skipped) {

    /** Longer services are taken as a counter left open, not a service. */
    public static final double MAX_SERVICE_MINUTES = 240;
    /** The service median of a category nobody was served in yet, when no service at all is stored. */
    public static final double FALLBACK_SERVICE_MINUTES = 5;

    /** Empty when the history has no ticket of the office's categories, or the office has no counter. */
    public static java.util.Optional<StaffingInputs> of(List<TicketHistory.Ticket> tickets, StateSnapshot state, ZoneId zone,
                                                        double starvationMinutes) {
        List<String> codes = state.categories().stream().map(StateSnapshot.CategoryView::code).toList();
        Set<String> priority = new HashSet<>();
        state.categories().stream().filter(StateSnapshot.CategoryView::priority).forEach(c -> priority.add(c.code()));
        List<Office.Counter> counters = new ArrayList<>();
        for (StateSnapshot.CounterView k : state.counters()) {
            List<String> serves = k.serves().stream().filter(codes::contains).toList();
            if (!serves.isEmpty()) {
                counters.add(new Office.Counter(k.counter(), serves));
            }
        }
        Map<LocalDate, Map<String, int[]>> days = new TreeMap<>();
        List<LearnedServiceModel.Sample> samples = new ArrayList<>();
        int first = 24;
        int last = -1;
        int skipped = 0;
        double callToStart = 0;
        int callToStartN = 0;
        int called = 0;
        int noShows = 0;
        Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class);
        for (TicketHistory.Ticket t : tickets) {
            if (!codes.contains(t.category())) {
                skipped++;
                continue;
            }
            ZonedDateTime at = Instant.ofEpochMilli(t.issuedMs()).atZone(zone);
            days.computeIfAbsent(at.toLocalDate(), d -> new HashMap<>()).computeIfAbsent(t.category(), c -> new int[24])[at.getHour()]++;
            weekdays.add(at.getDayOfWeek());
            first = Math.min(first, at.getHour());
            last = Math.max(last, at.getHour());
            if (t.calledMs() != null) {
                called++;
                if ("NO_SHOW".equals(t.state())) {
                    noShows++;
                }
                if (t.startedMs() != null && t.startedMs() >= t.calledMs()) {
                    callToStart += (t.startedMs() - t.calledMs()) / 60_000.0;
                    callToStartN++;
                }
            }
            if (t.startedMs() != null && t.finishedMs() != null && t.counter() != null) {
                double minutes = (t.finishedMs() - t.startedMs()) / 60_000.0;
                if (minutes > 0 && minutes <= MAX_SERVICE_MINUTES) {
                    samples.add(new LearnedServiceModel.Sample(t.category(), t.counter(),
                            Instant.ofEpochMilli(t.startedMs()).atZone(zone).getHour(), minutes));
                } else {
                    skipped++;
                }
            }
        }
        if (days.isEmpty() || counters.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<DayCounts> history = new ArrayList<>();
        days.forEach((d, m) -> history.add(new DayCounts(d, m)));
        double fallback = median(samples.stream().mapToDouble(LearnedServiceModel.Sample::minutes).toArray());
        Map<String, Double> medians = new HashMap<>();
        for (String c : codes) {
            medians.put(c, fallback);
        }
        LearnedServiceModel model = LearnedServiceModel.fit(samples, medians,
                callToStartN == 0 ? LearnedServiceModel.DEFAULT_CALL_TO_START : callToStart / callToStartN,
                called == 0 ? LearnedServiceModel.DEFAULT_NO_SHOW_SHARE : Math.min(0.5, noShows / (double) called),
                LearnedServiceModel.DEFAULT_NO_SHOW_MINUTES, 0, Map.of());
        Office office = new Office(codes, priority, counters, starvationMinutes, first, last);
        return java.util.Optional.of(new StaffingInputs(office, new OfficeCalendar(weekdays, Set.of(), Map.of()), history, model, skipped));
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return FALLBACK_SERVICE_MINUTES;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
