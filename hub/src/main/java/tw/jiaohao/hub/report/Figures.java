package tw.jiaohao.hub.report;

import java.util.Map;

/**
 * The figures of one table row (a whole office, a category, a counter) over a date range,
 * following docs/STATISTICS.md. Times in seconds; null where there is nothing to average.
 *
 * @param tickets           tickets issued at the kiosk
 * @param transfersIn       tickets created by a transfer into this row
 * @param called            first calls, i.e. waiting times measured
 * @param waitMean          mean waiting time (first call − issue)
 * @param waitP50           median waiting time (nearest rank, to the second)
 * @param waitP90           90th percentile waiting time
 * @param waitMax           longest waiting time
 * @param withinTarget      called customers whose wait was at most the target
 * @param withinTargetShare withinTarget ÷ called
 * @param served            services with a start and a finish
 * @param serviceMean       mean service time (finish − start)
 * @param serviceMax        longest service time
 * @param noShows           tickets marked no-show
 * @param noShowRate        noShows ÷ called
 * @param transfersOut      tickets sent from this row to another category
 * @param recalls           repeated calls
 * @param cancelled         waiting tickets withdrawn
 * @param ratings           ratings recorded
 * @param ratingMean        mean score, 4 very satisfied … 1 dissatisfied
 * @param ratingCounts      ratings per label (VERY_SATISFIED … DISSATISFIED)
 */
public record Figures(long tickets, long transfersIn, long called, Double waitMean, Double waitP50, Double waitP90, Double waitMax,
                      long withinTarget, Double withinTargetShare, long served, Double serviceMean, Double serviceMax,
                      long noShows, Double noShowRate, long transfersOut, long recalls, long cancelled,
                      long ratings, Double ratingMean, Map<String, Long> ratingCounts) {
}
