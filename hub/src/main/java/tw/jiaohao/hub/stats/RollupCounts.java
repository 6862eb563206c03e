package tw.jiaohao.hub.stats;

import tw.jiaohao.protocol.event.Rating;

/**
 * The additive figures of one rollup cell (see {@link RollupKey}); merging two cells adds
 * them, so figures for several days, categories or counters are merges. Times in
 * milliseconds. Mutable and not thread-safe: a working value inside one batch or one query.
 * Definitions are in docs/STATISTICS.md.
 */
public final class RollupCounts {
    /** Tickets issued at the kiosk (TICKET_ISSUED). */
    public long issued;
    /** New tickets created by a transfer into this category. */
    public long transfersIn;
    /** Tickets sent from this category to another. */
    public long transfersOut;
    /** Waiting times counted (first calls). */
    public long waits;
    public long waitSumMillis;
    public long waitMaxMillis;
    public final WaitHistogram waitHistogram;
    public long recalls;
    public long noShows;
    /** Services with both a start and a finish. */
    public long served;
    public long serviceSumMillis;
    public long serviceMaxMillis;
    public long cancelled;
    /** Ratings by score: index 1 (dissatisfied) … 4 (very satisfied); index 0 unused. */
    public final long[] ratings = new long[5];

    public RollupCounts() {
        this(new WaitHistogram());
    }

    public RollupCounts(WaitHistogram histogram) {
        this.waitHistogram = histogram;
    }

    public void addWait(long millis) {
        long w = Math.max(0, millis);
        waits++;
        waitSumMillis += w;
        waitMaxMillis = Math.max(waitMaxMillis, w);
        waitHistogram.add(w);
    }

    public void addService(long millis) {
        long s = Math.max(0, millis);
        served++;
        serviceSumMillis += s;
        serviceMaxMillis = Math.max(serviceMaxMillis, s);
    }

    public void addRating(Rating rating) {
        ratings[rating.score()]++;
    }

    public long ratingCount() {
        return ratings[1] + ratings[2] + ratings[3] + ratings[4];
    }

    public RollupCounts merge(RollupCounts o) {
        issued += o.issued;
        transfersIn += o.transfersIn;
        transfersOut += o.transfersOut;
        waits += o.waits;
        waitSumMillis += o.waitSumMillis;
        waitMaxMillis = Math.max(waitMaxMillis, o.waitMaxMillis);
        waitHistogram.merge(o.waitHistogram);
        recalls += o.recalls;
        noShows += o.noShows;
        served += o.served;
        serviceSumMillis += o.serviceSumMillis;
        serviceMaxMillis = Math.max(serviceMaxMillis, o.serviceMaxMillis);
        cancelled += o.cancelled;
        for (int i = 1; i < ratings.length; i++) {
            ratings[i] += o.ratings[i];
        }
        return this;
    }
}
