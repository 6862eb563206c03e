package tw.jiaohao.hub.report;

import java.util.LinkedHashMap;
import java.util.Map;
import tw.jiaohao.hub.stats.RollupCounts;
import tw.jiaohao.protocol.event.Rating;

/** Merges rollup cells (scalars and histograms) into one row's {@link Figures}. Not thread-safe. */
final class Accumulator {
    final RollupCounts counts = new RollupCounts();
    final Bins bins = new Bins();

    void add(RollupCounts c, byte[] histogram) {
        counts.merge(c);
        bins.addEncoded(histogram);
    }

    void add(Accumulator o) {
        counts.merge(o.counts);
        bins.add(o.bins);
    }

    Figures figures(long targetSeconds) {
        RollupCounts c = counts;
        long within = bins.atMost(targetSeconds);
        Map<String, Long> ratingCounts = new LinkedHashMap<>();
        long ratingSum = 0;
        for (Rating r : Rating.values()) {
            ratingCounts.put(r.name(), c.ratings[r.score()]);
            ratingSum += (long) r.score() * c.ratings[r.score()];
        }
        long ratings = c.ratingCount();
        return new Figures(c.issued, c.transfersIn, c.waits,
                c.waits == 0 ? null : c.waitSumMillis / 1000.0 / c.waits,
                bins.percentileSeconds(0.5, c.waitMaxMillis),
                bins.percentileSeconds(0.9, c.waitMaxMillis),
                c.waits == 0 ? null : c.waitMaxMillis / 1000.0,
                within, c.waits == 0 ? null : (double) within / c.waits,
                c.served, c.served == 0 ? null : c.serviceSumMillis / 1000.0 / c.served,
                c.served == 0 ? null : c.serviceMaxMillis / 1000.0,
                c.noShows, c.waits == 0 ? null : (double) c.noShows / c.waits,
                c.transfersOut, c.recalls, c.cancelled, ratings,
                ratings == 0 ? null : (double) ratingSum / ratings, ratingCounts);
    }
}
