package tw.jiaohao.hub.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.Rating;

/**
 * The statistics of docs/STATISTICS.md computed the plain way, from the raw events in
 * memory, independently of the hub's rollups: the yardstick the hub's figures are checked
 * against. One instance per category (and "*" for all).
 */
public final class ReferenceFigures {
    public long tickets;
    public long transfersOut;
    public long transfersIn;
    public long noShows;
    public long cancelled;
    public long recalls;
    public final List<Double> waitsSeconds = new ArrayList<>();
    public final List<Double> servicesSeconds = new ArrayList<>();
    public final Map<Rating, Long> ratings = new HashMap<>();

    /** Figures per category for the given events (any order, duplicates ignored), plus "*". */
    public static Map<String, ReferenceFigures> of(List<OfficeEvent> raw) {
        Map<Long, OfficeEvent> bySeq = new TreeMap<>();
        raw.forEach(e -> bySeq.putIfAbsent(e.seq(), e));
        Map<String, ReferenceFigures> out = new TreeMap<>();
        Set<String> called = new HashSet<>();
        Map<String, OfficeEvent> starts = new HashMap<>();
        Map<String, OfficeEvent> finishes = new HashMap<>();
        for (OfficeEvent e : bySeq.values()) {
            ReferenceFigures f = out.computeIfAbsent(e.category(), k -> new ReferenceFigures());
            switch (e.type()) {
                case TICKET_ISSUED -> f.tickets++;
                case TICKET_CALLED -> {
                    if (called.add(e.ticketId())) {
                        f.waitsSeconds.add(Duration.between(e.issuedAt(), e.at()).toMillis() / 1000.0);
                    }
                }
                case TICKET_RECALLED -> f.recalls++;
                case TICKET_NO_SHOW -> f.noShows++;
                case TICKET_CANCELLED -> f.cancelled++;
                case TICKET_TRANSFERRED -> {
                    f.transfersOut++;
                    out.computeIfAbsent(e.toCategory(), k -> new ReferenceFigures()).transfersIn++;
                }
                case SERVICE_STARTED -> starts.putIfAbsent(e.ticketId(), e);
                case SERVICE_FINISHED -> finishes.putIfAbsent(e.ticketId(), e);
                case RATING_RECORDED -> f.ratings.merge(e.rating(), 1L, Long::sum);
                default -> { }
            }
        }
        finishes.forEach((ticket, finish) -> {
            OfficeEvent start = starts.get(ticket);
            if (start != null) {
                out.get(finish.category()).servicesSeconds.add(Duration.between(start.at(), finish.at()).toMillis() / 1000.0);
            }
        });
        ReferenceFigures all = new ReferenceFigures();
        for (ReferenceFigures f : out.values()) {
            all.tickets += f.tickets;
            all.transfersOut += f.transfersOut;
            all.transfersIn += f.transfersIn;
            all.noShows += f.noShows;
            all.cancelled += f.cancelled;
            all.recalls += f.recalls;
            all.waitsSeconds.addAll(f.waitsSeconds);
            all.servicesSeconds.addAll(f.servicesSeconds);
            f.ratings.forEach((r, n) -> all.ratings.merge(r, n, Long::sum));
        }
        out.put("*", all);
        return out;
    }

    public Double waitMean() {
        return waitsSeconds.isEmpty() ? null : waitsSeconds.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    public Double serviceMean() {
        return servicesSeconds.isEmpty() ? null : servicesSeconds.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** Nearest-rank percentile: the ⌈p·n⌉-th smallest wait. */
    public Double waitPercentile(double p) {
        if (waitsSeconds.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(waitsSeconds);
        sorted.sort(Double::compare);
        return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
    }
}
