package tw.jiaohao.hub.report;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.live.LiveBoard;
import tw.jiaohao.hub.live.OfficeLive;
import tw.jiaohao.hub.stats.RollupKey;
import tw.jiaohao.hub.stats.RollupSource;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * The figures on the dashboard's pages and in its JSON API, merged from the rollups over the
 * requested office-days (see docs/STATISTICS.md for every definition). Live figures (waiting
 * and serving now, online, printer) come from the {@link LiveBoard}. Thread-safe.
 */
public final class ReportService {
    /** Longest range one request may ask for. */
    public static final int MAX_DAYS = 400;
    private static final int HISTOGRAM_MINUTES = 60;

    private final RollupSource rollups;
    private final LiveBoard live;
    private final Clock clock;
    private final ZoneId defaultZone;
    private final Duration targetWait;

    public ReportService(RollupSource rollups, LiveBoard live, Clock clock, ZoneId defaultZone, Duration targetWait) {
        this.rollups = rollups;
        this.live = live;
        this.clock = clock;
        this.defaultZone = defaultZone;
        this.targetWait = targetWait;
    }

    public Duration targetWait() {
        return targetWait;
    }

    /** Offices with rollups or a live presence, sorted. */
    public List<String> offices() {
        Set<String> all = new TreeSet<>(rollups.rollupOffices());
        all.addAll(live.offices());
        return List.copyOf(all);
    }

    /** Today in the office's zone (its snapshot's zone, else the configured default). */
    public LocalDate today(String office) {
        ZoneId zone = live.state(office).map(s -> ZoneId.of(s.zone())).orElse(defaultZone);
        return LocalDate.now(clock.withZone(zone));
    }

    public String officeName(String office) {
        return live.state(office).map(StateSnapshot::officeName).orElse(office);
    }

    /** A date range report for one or more offices. */
    public RangeReport range(Collection<String> offices, LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new HubException("the range starts (" + from + ") after it ends (" + to + ")");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new HubException("a range may span at most " + MAX_DAYS + " days");
        }
        Accumulator total = new Accumulator();
        Map<String, Accumulator> byCategory = new TreeMap<>();
        Map<Integer, Accumulator> byCounter = new TreeMap<>();
        rollups.rollupCells(offices, from, to, (key, counts, histogram) -> {
            Accumulator cat = byCategory.computeIfAbsent(key.category(), k -> new Accumulator());
            cat.add(counts, histogram);
            if (key.counter() != RollupKey.NO_COUNTER) {
                byCounter.computeIfAbsent(key.counter(), k -> new Accumulator()).add(counts, histogram);
            }
        });
        byCategory.values().forEach(total::add);
        long[] byHour = new long[24];
        long[][] heat = new long[7][24];
        rollups.rollupHours(offices, from, to, (office, weekday, hour, issued) -> {
            byHour[hour] += issued;
            heat[weekday.getValue() - DayOfWeek.MONDAY.getValue()][hour] += issued;
        });
        long target = targetWait.toSeconds();
        Map<String, String> names = categoryNames(offices);
        List<RangeReport.Row> cats = new ArrayList<>();
        List<RangeReport.Share> mix = new ArrayList<>();
        long issuedAll = total.counts.issued;
        byCategory.forEach((code, acc) -> {
            String label = names.getOrDefault(code, code);
            cats.add(new RangeReport.Row(code, label, acc.figures(target)));
            mix.add(new RangeReport.Share(code, label, acc.counts.issued, issuedAll == 0 ? 0 : (double) acc.counts.issued / issuedAll));
        });
        List<RangeReport.Row> counters = new ArrayList<>();
        byCounter.forEach((n, acc) -> counters.add(new RangeReport.Row(String.valueOf(n), counterName(offices, n), acc.figures(target))));
        return new RangeReport(List.copyOf(offices), from, to, (int) targetWait.toMinutes(), total.figures(target), cats, counters,
                byHour, heat, total.bins.perMinute(HISTOGRAM_MINUTES), mix);
    }

    /** Every given office now and today; one rollup read per distinct "today" (offices in one zone share it). */
    public List<OfficeToday> overview(Collection<String> offices, Map<String, Integer> openAlerts) {
        Map<LocalDate, List<String>> byDay = new TreeMap<>();
        for (String office : offices) {
            byDay.computeIfAbsent(today(office), d -> new ArrayList<>()).add(office);
        }
        Map<String, Accumulator> acc = new java.util.HashMap<>();
        byDay.forEach((day, list) -> rollups.rollupCells(list, day, day,
                (key, counts, histogram) -> acc.computeIfAbsent(key.office(), o -> new Accumulator()).add(counts, histogram)));
        List<OfficeToday> rows = new ArrayList<>();
        long target = targetWait.toSeconds();
        for (String office : offices) {
            Figures f = acc.getOrDefault(office, new Accumulator()).figures(target);
            OfficeLive l = live.view(office);
            rows.add(new OfficeToday(office, l.name(), today(office), l.waitingNow(), l.servingNow(), l.countersOpen(), f.tickets(),
                    f.waitMean(), f.waitP90(), f.withinTargetShare(), f.ratingMean(), f.ratings(), l.online(), l.printer(),
                    openAlerts.getOrDefault(office, 0), l.snapshotAt()));
        }
        return rows;
    }

    private Map<String, String> categoryNames(Collection<String> offices) {
        Map<String, String> names = new TreeMap<>();
        for (String o : offices) {
            live.state(o).ifPresent(s -> s.categories().forEach(c -> names.putIfAbsent(c.code(), c.nameZh() + " / " + c.nameEn())));
        }
        return names;
    }

    private String counterName(Collection<String> offices, int counter) {
        if (offices.size() == 1) {
            var s = live.state(offices.iterator().next());
            if (s.isPresent()) {
                for (StateSnapshot.CounterView c : s.get().counters()) {
                    if (c.counter() == counter) {
                        return c.name();
                    }
                }
            }
        }
        return String.valueOf(counter);
    }
}
