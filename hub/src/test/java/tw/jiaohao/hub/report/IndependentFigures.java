package tw.jiaohao.hub.report;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.Rating;

/**
 * The dashboard's figures computed the plain way, straight from raw events (docs/STATISTICS.md),
 * sharing no code with the hub: lists of exact waiting times sorted for percentiles, counts per
 * group. Used to check what the hub answers from its rollups.
 */
public final class IndependentFigures {
    long tickets;
    long transfersIn;
    long transfersOut;
    long noShows;
    long recalls;
    long cancelled;
    final List<Long> waitsMillis = new ArrayList<>();
    final List<Long> servicesMillis = new ArrayList<>();
    final Map<Rating, Long> ratings = new HashMap<>();

    /** One group's figures: the events of {@code office} on office-days {@code [from, to]} matching the grouping. */
    static final class Result {
        final Map<String, IndependentFigures> byCategory = new TreeMap<>();
        final Map<String, IndependentFigures> byCounter = new TreeMap<>();
        final IndependentFigures total = new IndependentFigures();
        final long[] hours = new long[24];
        final long[][] heat = new long[7][24];
        /** Waits by the local hour the ticket was first issued (a transferred ticket keeps its original issue time). */
        final Map<Integer, IndependentFigures> waitsByIssueHour = new TreeMap<>();
    }

    static Result of(List<OfficeEvent> raw, LocalDate from, LocalDate to, ZoneId zone) {
        Predicate<OfficeEvent> inRange = e -> !e.officeDay().isBefore(from) && !e.officeDay().isAfter(to);
        Map<Long, OfficeEvent> bySeq = new TreeMap<>();
        raw.forEach(e -> bySeq.putIfAbsent(e.seq(), e));
        Result r = new Result();
        Set<String> called = new HashSet<>();
        Map<String, OfficeEvent> starts = new HashMap<>();
        Map<String, OfficeEvent> finishes = new HashMap<>();
        for (OfficeEvent e : bySeq.values()) {
            if (!inRange.test(e)) {
                continue;
            }
            String counter = String.valueOf(e.counter() == null ? 0 : e.counter());
            IndependentFigures cat = r.byCategory.computeIfAbsent(e.category(), k -> new IndependentFigures());
            IndependentFigures ctr = r.byCounter.computeIfAbsent(counter, k -> new IndependentFigures());
            switch (e.type()) {
                case TICKET_ISSUED -> {
                    cat.tickets++;
                    int hour = e.at().atZone(zone).getHour();
                    r.hours[hour]++;
                    r.heat[e.officeDay().getDayOfWeek().getValue() - 1][hour]++;
                }
                case TICKET_CALLED -> {
                    if (called.add(e.ticketId())) {
                        long w = Duration.between(e.issuedAt(), e.at()).toMillis();
                        cat.waitsMillis.add(w);
                        ctr.waitsMillis.add(w);
                        r.waitsByIssueHour.computeIfAbsent(e.issuedAt().atZone(zone).getHour(), h -> new IndependentFigures()).waitsMillis.add(w);
                    }
                }
                case TICKET_RECALLED -> {
                    cat.recalls++;
                    ctr.recalls++;
                }
                case TICKET_NO_SHOW -> {
                    cat.noShows++;
                    ctr.noShows++;
                }
                case TICKET_CANCELLED -> cat.cancelled++;
                case TICKET_TRANSFERRED -> {
                    cat.transfersOut++;
                    ctr.transfersOut++;
                    r.byCategory.computeIfAbsent(e.toCategory(), k -> new IndependentFigures()).transfersIn++;
                }
                case SERVICE_STARTED -> starts.putIfAbsent(e.ticketId(), e);
                case SERVICE_FINISHED -> finishes.putIfAbsent(e.ticketId(), e);
                case RATING_RECORDED -> {
                    cat.ratings.merge(e.rating(), 1L, Long::sum);
                    ctr.ratings.merge(e.rating(), 1L, Long::sum);
                }
                default -> { }
            }
        }
        finishes.forEach((ticket, finish) -> {
            OfficeEvent start = starts.get(ticket);
            if (start != null) {
                long s = Duration.between(start.at(), finish.at()).toMillis();
                r.byCategory.get(finish.category()).servicesMillis.add(s);
                r.byCounter.computeIfAbsent(String.valueOf(finish.counter()), k -> new IndependentFigures()).servicesMillis.add(s);
            }
        });
        r.byCounter.remove("0");
        r.byCounter.values().removeIf(f -> f.waitsMillis.isEmpty() && f.servicesMillis.isEmpty() && f.noShows == 0
                && f.recalls == 0 && f.transfersOut == 0 && f.ratings.isEmpty());
        r.byCategory.values().forEach(r.total::add);
        return r;
    }

    /** Adds another group's counts and pools its exact waits, services and ratings. */
    private void add(IndependentFigures f) {
        tickets += f.tickets;
        transfersIn += f.transfersIn;
        transfersOut += f.transfersOut;
        noShows += f.noShows;
        recalls += f.recalls;
        cancelled += f.cancelled;
        waitsMillis.addAll(f.waitsMillis);
        servicesMillis.addAll(f.servicesMillis);
        f.ratings.forEach((k, n) -> ratings.merge(k, n, Long::sum));
    }

    /** A counter's time over the range: {customers, days, span ms, idle ms, gaps}. */
    public static Map<Integer, long[]> counterTime(List<OfficeEvent> raw, LocalDate from, LocalDate to) {
        Map<Long, OfficeEvent> bySeq = new TreeMap<>();
        raw.forEach(e -> bySeq.putIfAbsent(e.seq(), e));
        // day/counter -> ticket -> {first call, first end}
        Map<String, Map<String, Long[]>> spells = new TreeMap<>();
        for (OfficeEvent e : bySeq.values()) {
            if (e.counter() == null || e.officeDay().isBefore(from) || e.officeDay().isAfter(to)) {
                continue;
            }
            int end = switch (e.type()) {
                case TICKET_CALLED -> 0;
                case SERVICE_FINISHED, TICKET_NO_SHOW, TICKET_TRANSFERRED -> 1;
                default -> -1;
            };
            if (end < 0) {
                continue;
            }
            Long[] spell = spells.computeIfAbsent(e.officeDay() + "#" + e.counter(), k -> new HashMap<>())
                    .computeIfAbsent(e.ticketId(), k -> new Long[2]);
            long at = e.at().toEpochMilli();
            spell[end] = spell[end] == null ? at : Math.min(spell[end], at);
        }
        Map<Integer, long[]> out = new TreeMap<>();
        spells.forEach((key, tickets) -> {
            // a sweep over +1 (a customer arrives at the counter) and -1 (leaves); arrivals first at equal times
            List<long[]> points = new ArrayList<>();
            for (Long[] s : tickets.values()) {
                if (s[0] != null && s[1] != null) {
                    points.add(new long[] {s[0], 1});
                    points.add(new long[] {Math.max(s[0], s[1]), -1});
                }
            }
            if (points.isEmpty()) {
                return;
            }
            points.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(b[1], a[1]));
            long depth = 0;
            long emptySince = -1;
            long idle = 0;
            long gaps = 0;
            for (long[] p : points) {
                if (depth == 0 && emptySince >= 0) {
                    idle += p[0] - emptySince;
                    gaps++;
                }
                depth += p[1];
                emptySince = depth == 0 ? p[0] : -1;
            }
            long[] acc = out.computeIfAbsent(Integer.parseInt(key.substring(key.indexOf('#') + 1)), k -> new long[5]);
            acc[0] += points.size() / 2;
            acc[1]++;
            acc[2] += points.get(points.size() - 1)[0] - points.get(0)[0];
            acc[3] += idle;
            acc[4] += gaps;
        });
        return out;
    }

    /** Several offices' totals as one: counts added, exact waits and services pooled (an office's events dedupe by its own seq). */
    public static IndependentFigures total(Map<String, List<OfficeEvent>> byOffice, List<String> offices, LocalDate from, LocalDate to,
                                           ZoneId zone) {
        IndependentFigures all = new IndependentFigures();
        for (String o : offices) {
            all.add(of(byOffice.get(o), from, to, zone).total);
        }
        return all;
    }

    public long tickets() {
        return tickets;
    }

    /** Customers called (waiting times measured). */
    public long waitMeanCount() {
        return waitsMillis.size();
    }

    public Double waitMeanSeconds() {
        return waitsMillis.isEmpty() ? null : waitsMillis.stream().mapToLong(Long::longValue).sum() / 1000.0 / waitsMillis.size();
    }

    /** Nearest rank: the ⌈p·n⌉-th smallest, exact. */
    public Double waitPercentileSeconds(double p) {
        if (waitsMillis.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(waitsMillis);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(rank - 1) / 1000.0;
    }

    Double waitMaxSeconds() {
        return waitsMillis.isEmpty() ? null : Collections.max(waitsMillis) / 1000.0;
    }

    /** Waits whose whole seconds are at most the target. */
    public long withinTarget(long targetSeconds) {
        return waitsMillis.stream().filter(w -> Math.max(0, w) / 1000 <= targetSeconds).count();
    }

    Double serviceMeanSeconds() {
        return servicesMillis.isEmpty() ? null : servicesMillis.stream().mapToLong(Long::longValue).sum() / 1000.0 / servicesMillis.size();
    }

    public long ratingCount() {
        return ratings.values().stream().mapToLong(Long::longValue).sum();
    }

    public Double ratingMean() {
        long n = ratingCount();
        if (n == 0) {
            return null;
        }
        long sum = 0;
        for (Map.Entry<Rating, Long> e : ratings.entrySet()) {
            sum += (long) e.getKey().score() * e.getValue();
        }
        return (double) sum / n;
    }

    /** Called customers per whole minute of waiting, 0..59 and a last bin for 60 and more. */
    long[] perMinute() {
        long[] m = new long[61];
        for (long w : waitsMillis) {
            m[(int) Math.min(60, Math.max(0, w) / 60_000)]++;
        }
        return m;
    }
}
