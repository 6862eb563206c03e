package tw.jiaohao.hub.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.store.OfficeProgress;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.event.ReplayRequest;

/**
 * Asks an office to replay the events the hub misses. A gap ({@code contiguousSeq + 1 ..
 * nextStoredAbove - 1}) is first asked for {@link #FIRST_DELAY} after it is seen (events of
 * one office normally arrive in order, so a gap is real), then again every {@code interval},
 * doubling up to {@code maxInterval} while nothing fills it, until it is filled. Progress on
 * a gap starts the schedule over.
 *
 * <p>An office may miss many runs of seqs at once (a broker that dropped part of a burst leaves
 * holes all through it). So a due gap is asked for run by run, in one go: the requester reads the
 * office's missing runs ({@link MissingRuns}), joins runs that only {@link #JOIN_ACROSS} or fewer
 * stored seqs separate (resending those few is cheaper than another request; the hub stores each
 * seq once), and sends at most {@link #MAX_REQUESTS} requests per office each time the gap is due
 * (the office node queues at most 50); later runs are asked for when the first are filled, which
 * starts the schedule over.
 *
 * <p>Events lost at the tail (the newest of an office, dropped by a broker while the hub was
 * away) leave no gap until the office's next event. So the hub also <em>probes</em>: after each
 * (re)connection ({@link #probeAfter}) and every {@code probeInterval}, it asks each office,
 * with or without an open gap, for its events after the newest the hub holds ({@code fromSeq =
 * maxSeq + 1}, no {@code toSeq}; a gap's requests never reach past {@code maxSeq}); an office
 * with nothing newer sends nothing. An office is probed
 * only once it has been quiet for two intervals: while its events still flow (a backlog
 * draining after a reconnect) the next one would show a gap anyway, and a probe would only
 * make it send the same events twice.
 *
 * <p>Several hub instances on one database ({@link Claims}): before asking, an instance reads the
 * office's progress from the database (another instance may have stored the replayed events: the
 * gap is then closed here too) and claims the request in the database; of several instances
 * seeing the same gap only the one whose claim succeeds asks, and the next request for it, from
 * whichever instance, comes only after the claim's hold (the asker's next interval). Probes are
 * claimed the same way. So the offices see the requests of one hub, however many run. A gap whose
 * start has moved in the database since this instance last looked (another instance is committing
 * the events it took) is not asked for then: its first delay starts over, so only a gap that has
 * stood still for {@link #FIRST_DELAY} is asked for, as with this instance's own progress.
 *
 * <p>Thread-safe: {@link #update} runs on the writer thread, {@link #tick} on a timer.
 */
public final class ReplayRequester {
    private static final Logger log = LoggerFactory.getLogger(ReplayRequester.class);
    /** Wait before the first request for a new gap. */
    public static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    /** Most requests sent for one office's gap each time it is due (the office node queues at most 50). */
    public static final int MAX_REQUESTS = 10;
    /** Missing runs with at most this many stored seqs between them are asked for as one. */
    public static final long JOIN_ACROSS = 32;

    private final String requestedBy;
    private final Duration interval;
    private final Duration maxInterval;
    private final Clock clock;
    private final Consumer<ReplayRequest> publisher;
    private final IngestMetrics metrics;
    private final Map<String, Gap> gaps = new HashMap<>();
    private final Supplier<List<OfficeProgress>> offices;
    private final Duration probeInterval;
    private Instant nextProbe;
    private final Map<String, Instant> lastSeen = new HashMap<>();
    private final Set<String> toProbe = new TreeSet<>();
    private final Claims claims;
    private final java.util.function.Function<String, java.util.Optional<OfficeProgress>> current;
    private final MissingRuns missing;

    /**
     * The runs of seqs an office misses above its contiguous seq, lowest first, each {@code {from,
     * to}} inclusive (the store's {@code missing}). Empty: ask for the first gap as the progress
     * shows it. May throw when the database is unreachable (the first gap is asked for).
     */
    @FunctionalInterface
    public interface MissingRuns {
        /** Only the progress's first gap is known. */
        MissingRuns NONE = office -> List.of();

        List<long[]> missing(String office);
    }

    /**
     * The right to ask an office, shared by the hub instances of one database
     * ({@code tw.jiaohao.hub.db.ReplayClaims}). {@link #claim} is true when this instance may send
     * the request now: no other instance asked the same (office, first seq, kind) within the hold
     * of its claim. May throw when the database is unreachable (the request waits).
     */
    @FunctionalInterface
    public interface Claims {
        /** One hub alone: every request may go. */
        Claims NONE = (office, fromSeq, probe, hold) -> true;

        boolean claim(String office, long fromSeq, boolean probe, Duration hold);
    }

    private static final class Gap {
        OfficeProgress progress;
        List<long[]> runs = List.of();
        Instant due;
        int attempts;

        Gap(OfficeProgress progress, Instant due) {
            this.progress = progress;
            this.due = due;
        }
    }

    /**
     * @param publisher     publishes a request on the office's replay topic; may throw when the
     *                      broker is unreachable (the request is tried again when next due)
     * @param offices       every office's progress (the store's), read when probing
     * @param probeInterval how often to probe every office; zero for only after connecting
     */
    public ReplayRequester(String requestedBy, Duration interval, Duration maxInterval, Clock clock,
                           Consumer<ReplayRequest> publisher, IngestMetrics metrics,
                           Supplier<List<OfficeProgress>> offices, Duration probeInterval) {
        this(requestedBy, interval, maxInterval, clock, publisher, metrics, offices, probeInterval, Claims.NONE, office -> java.util.Optional.empty());
    }

    /**
     * @param claims  the requests' claims shared with other instances ({@link Claims#NONE} for one hub)
     * @param current an office's progress as the database holds it now (empty: use what this instance saw)
     */
    public ReplayRequester(String requestedBy, Duration interval, Duration maxInterval, Clock clock,
                           Consumer<ReplayRequest> publisher, IngestMetrics metrics,
                           Supplier<List<OfficeProgress>> offices, Duration probeInterval, Claims claims,
                           java.util.function.Function<String, java.util.Optional<OfficeProgress>> current) {
        this(requestedBy, interval, maxInterval, clock, publisher, metrics, offices, probeInterval, claims, current, MissingRuns.NONE);
    }

    /** @param missing the runs an office misses (the store's); {@link MissingRuns#NONE} to ask for the first gap only */
    public ReplayRequester(String requestedBy, Duration interval, Duration maxInterval, Clock clock,
                           Consumer<ReplayRequest> publisher, IngestMetrics metrics,
                           Supplier<List<OfficeProgress>> offices, Duration probeInterval, Claims claims,
                           java.util.function.Function<String, java.util.Optional<OfficeProgress>> current,
                           MissingRuns missing) {
        this.missing = missing;
        if (interval.isNegative() || interval.isZero() || maxInterval.compareTo(interval) < 0) {
            throw new HubException("replay intervals must be positive and max ≥ interval");
        }
        this.requestedBy = requestedBy;
        this.interval = interval;
        this.maxInterval = maxInterval;
        this.clock = clock;
        this.publisher = publisher;
        this.metrics = metrics;
        this.offices = offices;
        this.probeInterval = probeInterval;
        this.claims = claims;
        this.current = current;
        this.nextProbe = probeInterval.isZero() ? null : clock.instant().plus(probeInterval);
    }

    /** Probes every office after {@code delay} (called on each connection to the broker). */
    public synchronized void probeAfter(Duration delay) {
        Instant at = clock.instant().plus(delay);
        if (nextProbe == null || at.isBefore(nextProbe)) {
            nextProbe = at;
        }
    }

    /** Takes in the latest progress of some offices (after a commit, or at start). */
    public synchronized void update(List<OfficeProgress> progress) {
        Instant now = clock.instant();
        for (OfficeProgress p : progress) {
            lastSeen.put(p.office(), now);
            Gap gap = gaps.get(p.office());
            if (!p.hasGap()) {
                if (gap != null) {
                    gaps.remove(p.office());
                    log.info("office {}: gap filled, every event up to seq {} is stored", p.office(), p.contiguousSeq());
                }
            } else if (gap == null) {
                gaps.put(p.office(), new Gap(p, now.plus(FIRST_DELAY)));
            } else {
                if (p.contiguousSeq() > gap.progress.contiguousSeq()) {
                    gap.attempts = 0;
                    gap.due = now.plus(FIRST_DELAY);
                }
                gap.progress = p;
            }
        }
    }

    /** Publishes the requests that are due (and claimed, where instances share the database). */
    public void tick() {
        refreshDueGaps();
        List<Claimed> requests = due();
        requests.addAll(probes());
        for (Claimed c : requests) {
            ReplayRequest r = c.request();
            try {
                if (!claims.claim(r.office(), r.fromSeq(), r.toSeq() == null, c.hold())) {
                    log.debug("office {}: seq {}.. was just asked for by another hub instance", r.office(), r.fromSeq());
                    continue;
                }
                publisher.accept(r);
                if (r.toSeq() == null) {
                    metrics.probes.incrementAndGet();
                } else {
                    metrics.replayRequests.incrementAndGet();
                }
            } catch (RuntimeException e) {
                log.warn("office {}: cannot send the replay request for seq {}..{} ({}); will try again",
                        r.office(), r.fromSeq(), r.toSeq(), e.getMessage());
            }
        }
    }

    private record Claimed(ReplayRequest request, Duration hold) {
    }

    /** Reads from the database the progress of offices whose gap is due (another instance may have filled it). */
    private void refreshDueGaps() {
        List<String> due = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            gaps.forEach((office, gap) -> {
                if (!now.isBefore(gap.due)) {
                    due.add(office);
                }
            });
        }
        for (String office : due) {
            java.util.Optional<OfficeProgress> p;
            try {
                p = current.apply(office); // a store read: not under the lock
            } catch (RuntimeException e) {
                continue; // the database is away: ask as this instance last saw it
            }
            p.ifPresent(progress -> reconcile(progress));
            List<long[]> runs;
            try {
                runs = missing.missing(office);
            } catch (RuntimeException e) {
                runs = List.of();
            }
            synchronized (this) {
                Gap gap = gaps.get(office);
                if (gap != null) {
                    gap.runs = runs;
                }
            }
        }
    }

    private synchronized void reconcile(OfficeProgress p) {
        Gap gap = gaps.get(p.office());
        if (gap == null || p.contiguousSeq() < gap.progress.contiguousSeq()) {
            return;
        }
        if (!p.hasGap()) {
            gaps.remove(p.office());
            log.info("office {}: gap filled (seen in the database), every event up to seq {} is stored", p.office(), p.contiguousSeq());
        } else if (p.contiguousSeq() > gap.progress.contiguousSeq()) {
            // the gap is being filled, by another instance committing its share or its backlog:
            // ask only once the mark has stood still for a first delay, as for this instance's own progress
            gap.attempts = 0;
            gap.due = clock.instant().plus(FIRST_DELAY);
            gap.progress = p;
        } else {
            gap.progress = p;
        }
    }

    /** Offices with a gap not yet filled. */
    public synchronized Map<String, OfficeProgress> openGaps() {
        Map<String, OfficeProgress> m = new HashMap<>();
        gaps.forEach((office, gap) -> m.put(office, gap.progress));
        return m;
    }

    private List<Claimed> probes() {
        boolean startRound;
        synchronized (this) {
            Instant now = clock.instant();
            startRound = nextProbe != null && !now.isBefore(nextProbe);
            if (startRound) {
                nextProbe = probeInterval.isZero() ? null : now.plus(probeInterval);
            } else if (toProbe.isEmpty()) {
                return List.of();
            }
        }
        List<OfficeProgress> progress = offices.get(); // a store read: not under the lock
        List<Claimed> out = new ArrayList<>();
        synchronized (this) {
            if (startRound) {
                progress.forEach(p -> toProbe.add(p.office()));
            }
            Instant quietSince = clock.instant().minus(interval.multipliedBy(2));
            for (OfficeProgress p : progress) {
                if (!toProbe.contains(p.office())) {
                    continue;
                }
                // an open gap's own requests end at maxSeq: events lost after it are asked for by
                // the probe all the same, or they would stay unseen until the gap closes
                if (lastSeen.getOrDefault(p.office(), Instant.MIN).isBefore(quietSince)) {
                    toProbe.remove(p.office());
                    out.add(new Claimed(new ReplayRequest(ProtocolVersion.CURRENT, p.office(), p.maxSeq() + 1, null, requestedBy),
                            interval.multipliedBy(2)));
                }
            }
        }
        return out;
    }

    private synchronized List<Claimed> due() {
        Instant now = clock.instant();
        List<Claimed> out = new ArrayList<>();
        for (Gap gap : gaps.values()) {
            if (now.isBefore(gap.due)) {
                continue;
            }
            OfficeProgress p = gap.progress;
            List<long[]> asks = asks(p, gap.runs);
            long from = asks.get(0)[0];
            long to = asks.get(asks.size() - 1)[1];
            long factor = 1L << Math.min(gap.attempts, 20);
            Duration next = interval.multipliedBy(factor);
            next = next.compareTo(maxInterval) > 0 ? maxInterval : next;
            for (long[] a : asks) {
                out.add(new Claimed(new ReplayRequest(ProtocolVersion.CURRENT, p.office(), a[0], a[1], requestedBy), next));
            }
            gap.runs = List.of(); // read again when next due
            if (gap.attempts == 0) {
                log.info("office {}: events {}..{} missing ({} request(s)); asking the office to replay them", p.office(), from, to, asks.size());
            } else if (gap.attempts == 5) {
                log.warn("office {}: events {}..{} still missing after {} requests; the office may no longer hold them",
                        p.office(), from, to, gap.attempts);
            }
            gap.due = now.plus(next);
            gap.attempts++;
        }
        return out;
    }

    /** The requests for a gap: its runs joined and capped, or the progress's first gap when the runs are unknown or stale. */
    private static List<long[]> asks(OfficeProgress p, List<long[]> runs) {
        long first = p.contiguousSeq() + 1;
        List<long[]> out = new ArrayList<>();
        if (runs.isEmpty() || runs.get(0)[0] != first) {
            long to = p.nextStoredAbove() == null ? p.maxSeq() : p.nextStoredAbove() - 1;
            out.add(new long[] {first, Math.min(to, first + ReplayRequest.MAX_SPAN - 1)});
            return out;
        }
        for (long[] run : runs) {
            long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && run[0] - last[1] - 1 <= JOIN_ACROSS && run[1] - last[0] < ReplayRequest.MAX_SPAN) {
                last[1] = run[1];
            } else if (out.size() < MAX_REQUESTS) {
                out.add(new long[] {run[0], Math.min(run[1], run[0] + ReplayRequest.MAX_SPAN - 1)});
            } else {
                break;
            }
        }
        return out;
    }
}
