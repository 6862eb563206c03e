package tw.jiaohao.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.jiaohao.hub.store.OfficeProgress;
import tw.jiaohao.hub.testing.MutableClock;
import tw.jiaohao.protocol.event.ReplayRequest;

class ReplayRequesterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T02:00:00Z"));
    private final List<ReplayRequest> sent = new ArrayList<>();
    private final List<OfficeProgress> offices = new ArrayList<>();
    private final IngestMetrics metrics = new IngestMetrics();
    private final ReplayRequester requester = new ReplayRequester("hub", Duration.ofSeconds(5), Duration.ofSeconds(30), clock,
            sent::add, metrics, () -> offices, Duration.ZERO);

    @Test
    void aGap_isAskedForAfterOneSecond_thenAtDoublingIntervalsUpToTheMax() {
        requester.update(List.of(new OfficeProgress("north", 10, 20, 15L)));
        requester.tick();
        assertThat(sent).as("not at once: a gap of one office is real, but give it a second").isEmpty();
        advance(1);
        requester.tick();
        assertThat(sent).containsExactly(new ReplayRequest(1, "north", 11, 14L, "hub"));
        requester.tick();
        assertThat(sent).as("rate-limited").hasSize(1);
        List<Long> gaps = new ArrayList<>();
        long last = 1;
        for (int s = 2; s <= 200; s++) {
            advance(1);
            requester.tick();
            if (sent.size() > gaps.size() + 1) {
                gaps.add(s - last);
                last = s;
            }
        }
        assertThat(gaps).startsWith(5L, 10L, 20L, 30L, 30L);
        assertThat(metrics.replayRequests.get()).isEqualTo(sent.size());
    }

    @Test
    void progressOnTheGap_startsTheScheduleOver_andFillingItStopsTheRequests() {
        requester.update(List.of(new OfficeProgress("north", 10, 20, 15L)));
        advance(1);
        requester.tick();
        advance(5);
        requester.tick();
        assertThat(sent).hasSize(2);
        requester.update(List.of(new OfficeProgress("north", 12, 20, 15L)));
        advance(1);
        requester.tick();
        assertThat(sent).last().isEqualTo(new ReplayRequest(1, "north", 13, 14L, "hub"));
        requester.update(List.of(new OfficeProgress("north", 20, 20, null)));
        assertThat(requester.openGaps()).isEmpty();
        advance(300);
        requester.tick();
        assertThat(sent).hasSize(3);
    }

    @Test
    void aHugeGap_isAskedForInParts() {
        requester.update(List.of(new OfficeProgress("north", 0, 500_000, 400_000L)));
        advance(1);
        requester.tick();
        assertThat(sent).containsExactly(new ReplayRequest(1, "north", 1, ReplayRequest.MAX_SPAN, "hub"));
    }

    @Test
    void probe_asksEveryOfficeForAnythingNewer_anOfficeWithAGapToo() {
        offices.add(new OfficeProgress("north", 20, 20, null));
        offices.add(new OfficeProgress("south", 5, 9, 8L));
        requester.update(List.of(offices.get(1)));
        requester.probeAfter(Duration.ofSeconds(10));
        advance(9);
        requester.tick();
        assertThat(sent).as("only the gap so far").containsExactly(new ReplayRequest(1, "south", 6, 7L, "hub"));
        advance(2);
        requester.tick();
        assertThat(sent).as("the gap's requests end at its max seq; what was lost after it needs the probe")
                .contains(new ReplayRequest(1, "north", 21, null, "hub"), new ReplayRequest(1, "south", 10, null, "hub"));
        assertThat(metrics.probes.get()).isEqualTo(2);
    }

    /**
     * Issue 18 item 8: the hub reconnects to an office whose newest events were dropped by the
     * broker's queue and a gap is still open; the tail is asked for within 30 s of reconnecting
     * (with the default replay interval of 5 s), not only at the next periodic probe.
     */
    @Test
    void afterAReconnect_theTailIsAskedForWithin30Seconds_whileAGapIsOpen() {
        ReplayRequester hub = new ReplayRequester("hub", Duration.ofSeconds(5), Duration.ofSeconds(300), clock, sent::add, metrics,
                () -> offices, Duration.ofSeconds(600));
        OfficeProgress withGap = new OfficeProgress("west", 40, 90, 60L); // 41..59 lost, and whatever came after 90
        offices.add(withGap);
        hub.update(List.of(withGap));
        Instant reconnected = clock.instant();
        hub.probeAfter(Duration.ofSeconds(10)); // what Hub does on connectComplete: 2 × replay.interval-seconds
        ReplayRequest tail = new ReplayRequest(1, "west", 91, null, "hub");
        while (!sent.contains(tail) && Duration.between(reconnected, clock.instant()).toSeconds() <= 30) {
            advance(1);
            hub.tick();
        }
        assertThat(sent).contains(tail);
        assertThat(Duration.between(reconnected, clock.instant())).isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(sent).as("the gap is asked for as well").contains(new ReplayRequest(1, "west", 41, 59L, "hub"));
    }

    @Test
    void probe_waitsUntilAnOfficesEventsHaveStoppedFlowing() {
        OfficeProgress east = new OfficeProgress("east", 100, 100, null);
        offices.add(east);
        requester.update(List.of(east)); // a backlog is still arriving
        requester.probeAfter(Duration.ZERO);
        requester.tick();
        assertThat(sent).as("no probe while events flow: it would only bring them twice").isEmpty();
        advance(9);
        requester.update(List.of(new OfficeProgress("east", 150, 150, null)));
        offices.set(0, new OfficeProgress("east", 150, 150, null));
        requester.tick();
        assertThat(sent).isEmpty();
        advance(10);
        requester.tick();
        assertThat(sent).as("quiet for exactly two intervals: not yet").isEmpty();
        advance(1);
        requester.tick();
        assertThat(sent).containsExactly(new ReplayRequest(1, "east", 151, null, "hub"));
        advance(60);
        requester.tick();
        assertThat(sent).as("one probe per round").hasSize(1);
    }

    @Test
    void aFailingPublish_isTriedAgainWhenNextDue() {
        List<ReplayRequest> attempts = new ArrayList<>();
        ReplayRequester offline = new ReplayRequester("hub", Duration.ofSeconds(5), Duration.ofSeconds(30), clock, r -> {
            attempts.add(r);
            throw new IllegalStateException("broker unreachable");
        }, metrics, () -> offices, Duration.ZERO);
        offline.update(List.of(new OfficeProgress("north", 10, 20, 15L)));
        advance(1);
        offline.tick();
        advance(5);
        offline.tick();
        assertThat(attempts).hasSize(2);
        assertThat(metrics.replayRequests.get()).isZero();
    }

    @Test
    void manyHolesInABurst_areAskedForAtOnce_nearRunsJoined_andAtMostTheCapPerOffice() {
        List<long[]> runs = new ArrayList<>();
        runs.add(new long[] {11, 12});
        runs.add(new long[] {15, 16}); // two stored between: joined with the run before
        for (long from = 100; from < 100 + 20 * 100; from += 100) {
            runs.add(new long[] {from, from + 1}); // 98 stored between: a request each
        }
        ReplayRequester withRuns = new ReplayRequester("hub", Duration.ofSeconds(5), Duration.ofSeconds(30), clock, sent::add, metrics,
                () -> offices, Duration.ZERO, ReplayRequester.Claims.NONE, office -> java.util.Optional.empty(), office -> runs);
        withRuns.update(List.of(new OfficeProgress("north", 10, 5000, 13L)));
        advance(1);
        withRuns.tick();
        assertThat(sent).hasSize(ReplayRequester.MAX_REQUESTS);
        assertThat(sent.get(0)).isEqualTo(new ReplayRequest(1, "north", 11, 16L, "hub"));
        assertThat(sent.get(1)).isEqualTo(new ReplayRequest(1, "north", 100, 101L, "hub"));
        assertThat(sent).last().isEqualTo(new ReplayRequest(1, "north", 900, 901L, "hub"));
        withRuns.tick();
        assertThat(sent).as("the whole set is rate-limited like one gap").hasSize(ReplayRequester.MAX_REQUESTS);
    }

    @Test
    void runsThatNoLongerStartAtTheGap_areIgnored_andTheFirstGapIsAskedFor() {
        ReplayRequester withRuns = new ReplayRequester("hub", Duration.ofSeconds(5), Duration.ofSeconds(30), clock, sent::add, metrics,
                () -> offices, Duration.ZERO, ReplayRequester.Claims.NONE, office -> java.util.Optional.empty(),
                office -> List.of(new long[] {30, 31}));
        withRuns.update(List.of(new OfficeProgress("north", 10, 40, 15L)));
        advance(1);
        withRuns.tick();
        assertThat(sent).containsExactly(new ReplayRequest(1, "north", 11, 14L, "hub"));
    }

    @Test
    void aGapThatAnotherInstanceIsFilling_isNotAskedFor_untilItsStartStandsStill() {
        java.util.concurrent.atomic.AtomicReference<OfficeProgress> inDatabase =
                new java.util.concurrent.atomic.AtomicReference<>(new OfficeProgress("north", 10, 30, 20L));
        ReplayRequester sibling = new ReplayRequester("hub-b", Duration.ofSeconds(5), Duration.ofSeconds(30), clock, sent::add, metrics,
                () -> offices, Duration.ZERO, (office, fromSeq, probe, hold) -> true, office -> java.util.Optional.of(inDatabase.get()));
        sibling.update(List.of(inDatabase.get()));
        for (long contiguous = 12; contiguous <= 14; contiguous++) {
            inDatabase.set(new OfficeProgress("north", contiguous, 30, 20L));
            advance(1);
            sibling.tick();
        }
        assertThat(sent).as("the other instance's commits keep moving the gap's start").isEmpty();
        advance(1);
        sibling.tick();
        assertThat(sent).as("stood still for a second: asked for").containsExactly(new ReplayRequest(1, "north", 15, 19L, "hub-b"));
    }

    private void advance(long seconds) {
        clock.set(clock.instant().plusSeconds(seconds));
    }
}
