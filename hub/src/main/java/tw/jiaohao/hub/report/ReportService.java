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
        return LocalDate.now(clock.withZone(zone(office)));
    }

    /** Every device of the given offices with its latest status, by office then device id. */
    public List<tw.jiaohao.protocol.device.DeviceStatus> devices(Collection<String> offices) {
        List<tw.jiaohao.protocol.device.DeviceStatus> out = new ArrayList<>();
        for (String office : new TreeSet<>(offices)) {
            out.addAll(live.devices(office));
        }
        return out;
    }

    public String officeName(String office) {
        return live.state(office).map(StateSnapshot::officeName).orElse(office);
    }

    /** A date range report for one or more offices. */
    public RangeReport range(Collection<String> offices, LocalDate from, LocalDate to) {
        checkRange(from, to);
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

    /**
     * Waiting time by hour of day over {@code [from, to]}, for tickets issued in the local hours
     * {@code [fromHour, toHour)} (0..24); see {@link WaitsByHour}.
     */
    public WaitsByHour waitsByHour(Collection<String> offices, LocalDate from, LocalDate to, int fromHour, int toHour) {
        checkRange(from, to);
        if (fromHour < 0 || toHour > 24 || fromHour >= toHour) {
            throw new HubException("the hours must be a range within 0-24 such as 14-15, got " + fromHour + "-" + toHour);
        }
        Map<String, ZoneId> zones = new java.util.HashMap<>();
        List<List<Long>> waits = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            waits.add(new ArrayList<>());
        }
        rollups.calledTickets(offices, from, to, (office, issuedAt, calledAt) -> {
            ZoneId zone = zones.computeIfAbsent(office, this::zone);
            int hour = issuedAt.atZone(zone).getHour();
            if (hour >= fromHour && hour < toHour) {
                waits.get(hour).add(Duration.between(issuedAt, calledAt).toMillis());
            }
        });
        long target = targetWait.toSeconds();
        List<WaitsByHour.Hour> rows = new ArrayList<>();
        List<Long> all = new ArrayList<>();
        for (int h = fromHour; h < toHour; h++) {
            rows.add(hourFigures(h, waits.get(h), target));
            all.addAll(waits.get(h));
        }
        return new WaitsByHour(List.copyOf(offices), from, to, fromHour, toHour, (int) targetWait.toMinutes(), rows,
                hourFigures(-1, all, target));
    }

    /** {@code office} against all of {@code districtOffices} together over {@code [from, to]}; see {@link DistrictComparison}. */
    public DistrictComparison districtComparison(String office, String district, List<String> districtOffices, LocalDate from, LocalDate to) {
        List<String> all = new ArrayList<>(new TreeSet<>(districtOffices));
        if (!all.contains(office)) {
            throw new HubException("office " + office + " is not in district " + district);
        }
        return new DistrictComparison(office, district, List.copyOf(all), from, to, range(List.of(office), from, to).total(),
                range(all, from, to).total());
    }

    /**
     * {@code shown} side by side over {@code [from, to]} and the equally long period before it,
     * then each district one of them is in (all of that district's offices together, from
     * {@code districtOf}), then the whole {@code network}; see {@link NetworkComparison}.
     *
     * @param districtOf the district of every office that has one
     */
    public NetworkComparison networkComparison(List<String> shown, Map<String, String> districtOf, Collection<String> network,
                                               LocalDate from, LocalDate to) {
        checkRange(from, to);
        long days = java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
        LocalDate previousTo = from.minusDays(1);
        LocalDate previousFrom = from.minusDays(days);
        List<NetworkComparison.Row> rows = new ArrayList<>();
        for (String office : shown) {
            rows.add(new NetworkComparison.Row(NetworkComparison.Kind.OFFICE, office, officeName(office), districtOf.get(office), 1,
                    range(List.of(office), from, to).total(), range(List.of(office), previousFrom, previousTo).total()));
        }
        Set<String> districts = new TreeSet<>();
        for (String office : shown) {
            if (districtOf.containsKey(office)) {
                districts.add(districtOf.get(office));
            }
        }
        for (String district : districts) {
            List<String> members = new ArrayList<>(new TreeSet<>(districtOf.entrySet().stream().filter(e -> e.getValue().equals(district))
                    .map(Map.Entry::getKey).toList()));
            rows.add(new NetworkComparison.Row(NetworkComparison.Kind.DISTRICT, district, district, district, members.size(),
                    range(members, from, to).total(), range(members, previousFrom, previousTo).total()));
        }
        List<String> all = new ArrayList<>(new TreeSet<>(network));
        rows.add(new NetworkComparison.Row(NetworkComparison.Kind.NETWORK, "network", "", null, all.size(),
                range(all, from, to).total(), range(all, previousFrom, previousTo).total()));
        return new NetworkComparison(from, to, previousFrom, previousTo, (int) targetWait.toMinutes(), rows);
    }

    /** Busy and idle time per counter over {@code [from, to]}; see {@link CounterTime}. */
    public CounterTime counterTime(Collection<String> offices, LocalDate from, LocalDate to) {
        checkRange(from, to);
        // (office, day, counter) -> ticket -> {first call, first end}
        Map<String, Map<String, long[]>> spells = new java.util.HashMap<>();
        Map<String, Integer> counterOf = new java.util.HashMap<>();
        rollups.counterSteps(offices, from, to, (office, day, counter, ticket, begins, at) -> {
            String key = office + "/" + day + "/" + counter;
            counterOf.putIfAbsent(key, counter);
            long[] spell = spells.computeIfAbsent(key, k -> new java.util.HashMap<>())
                    .computeIfAbsent(ticket, k -> new long[] {Long.MAX_VALUE, Long.MAX_VALUE});
            int i = begins ? 0 : 1;
            spell[i] = Math.min(spell[i], at.toEpochMilli());
        });
        Map<Integer, long[]> byCounter = new TreeMap<>(); // customers, days, span, busy, gaps (ms)
        spells.forEach((key, tickets) -> {
            List<long[]> done = new ArrayList<>();
            for (long[] s : tickets.values()) {
                if (s[0] != Long.MAX_VALUE && s[1] != Long.MAX_VALUE) {
                    done.add(new long[] {s[0], Math.max(s[0], s[1])});
                }
            }
            if (done.isEmpty()) {
                return;
            }
            done.sort(java.util.Comparator.comparingLong(s -> s[0]));
            long first = done.get(0)[0];
            long blockStart = first;
            long blockEnd = done.get(0)[1];
            long busy = 0;
            long gaps = 0;
            for (long[] s : done) {
                if (s[0] > blockEnd) {
                    busy += blockEnd - blockStart;
                    gaps++;
                    blockStart = s[0];
                }
                blockEnd = Math.max(blockEnd, s[1]);
            }
            busy += blockEnd - blockStart;
            long[] acc = byCounter.computeIfAbsent(counterOf.get(key), k -> new long[5]);
            acc[0] += done.size();
            acc[1]++;
            acc[2] += blockEnd - first;
            acc[3] += busy;
            acc[4] += gaps;
        });
        List<CounterTime.Row> rows = new ArrayList<>();
        byCounter.forEach((counter, a) -> {
            double span = a[2] / 1000.0;
            double busy = a[3] / 1000.0;
            double idle = (a[2] - a[3]) / 1000.0;
            rows.add(new CounterTime.Row(counter, counterName(offices, counter), a[0], a[1], span, busy, idle, a[4],
                    a[4] == 0 ? null : idle / a[4], a[2] == 0 ? null : idle / span));
        });
        return new CounterTime(List.copyOf(offices), from, to, rows);
    }

    private static WaitsByHour.Hour hourFigures(int hour, List<Long> waitsMillis, long targetSeconds) {
        if (waitsMillis.isEmpty()) {
            return new WaitsByHour.Hour(hour, 0, null, null, 0, null);
        }
        long[] sorted = waitsMillis.stream().mapToLong(Long::longValue).sorted().toArray();
        long sum = 0;
        long within = 0;
        for (long w : sorted) {
            sum += w;
            if (Math.max(0, w) / 1000 <= targetSeconds) {
                within++;
            }
        }
        int rank = (int) Math.ceil(0.9 * sorted.length);
        return new WaitsByHour.Hour(hour, sorted.length, sum / 1000.0 / sorted.length, sorted[rank - 1] / 1000.0, within,
                (double) within / sorted.length);
    }

    /** The office's zone: its snapshot's, else the configured default. */
    public ZoneId zone(String office) {
        return live.state(office).map(s -> ZoneId.of(s.zone())).orElse(defaultZone);
    }

    private static void checkRange(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new HubException("the range starts (" + from + ") after it ends (" + to + ")");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new HubException("a range may span at most " + MAX_DAYS + " days");
        }
    }

    /** Every given office now and today; one rollup read per distinct "today" (offices in one zone share it). */
    /** This week so far against the same weekdays of last week, for one office ({@link WeekOverWeek}). */
    public WeekOverWeek weekOverWeek(String office) {
        LocalDate today = today(office);
        LocalDate monday = today.with(java.time.DayOfWeek.MONDAY);
        Figures now = range(List.of(office), monday, today).total();
        Figures before = range(List.of(office), monday.minusDays(7), today.minusDays(7)).total();
        return new WeekOverWeek(office, monday, today, now, monday.minusDays(7), today.minusDays(7), before);
    }

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
            OfficeLive l = live.view(office, today(office));
            rows.add(new OfficeToday(office, l.name(), today(office), l.waitingNow(), l.servingNow(), l.countersOpen(), f.tickets(),
                    f.waitMean(), f.waitP90(), f.withinTargetShare(), f.ratingMean(), f.ratings(), l.online(), l.printer(),
                    openAlerts.getOrDefault(office, 0), l.snapshotAt()));
        }
        return rows;
    }

    /** Category code to "中文 / English" from the offices' live state (codes not named there are missing). */
    public Map<String, String> categoryNames(Collection<String> offices) {
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
