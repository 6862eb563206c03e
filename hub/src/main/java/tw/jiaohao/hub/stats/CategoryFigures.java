package tw.jiaohao.hub.stats;

import java.util.LinkedHashMap;
import java.util.Map;
import tw.jiaohao.protocol.event.Rating;

/**
 * The figures of one category (or of all, {@code category = "*"}) over a date range, as the
 * API serves them. Times in seconds; a mean or percentile is null when nothing was counted.
 * Definitions: docs/STATISTICS.md.
 */
public record CategoryFigures(
        String category,
        long tickets,
        long transfersIn,
        long transfersOut,
        long waits,
        Double waitMeanSeconds,
        Double waitP50Seconds,
        Double waitP90Seconds,
        Double waitMaxSeconds,
        long served,
        Double serviceMeanSeconds,
        long noShows,
        long recalls,
        long cancelled,
        Map<Rating, Long> ratings,
        long ratingCount,
        Double ratingMean) {

    public static final String ALL = "*";

    public static CategoryFigures of(String category, RollupCounts c) {
        Map<Rating, Long> ratings = new LinkedHashMap<>();
        long scoreSum = 0;
        for (Rating r : Rating.values()) {
            ratings.put(r, c.ratings[r.score()]);
            scoreSum += (long) r.score() * c.ratings[r.score()];
        }
        long ratingCount = c.ratingCount();
        return new CategoryFigures(
                category,
                c.issued,
                c.transfersIn,
                c.transfersOut,
                c.waits,
                c.waits == 0 ? null : c.waitSumMillis / 1000.0 / c.waits,
                c.waitHistogram.percentileSeconds(0.5, c.waitMaxMillis),
                c.waitHistogram.percentileSeconds(0.9, c.waitMaxMillis),
                c.waits == 0 ? null : c.waitMaxMillis / 1000.0,
                c.served,
                c.served == 0 ? null : c.serviceSumMillis / 1000.0 / c.served,
                c.noShows,
                c.recalls,
                c.cancelled,
                Map.copyOf(ratings),
                ratingCount,
                ratingCount == 0 ? null : (double) scoreSum / ratingCount);
    }
}
