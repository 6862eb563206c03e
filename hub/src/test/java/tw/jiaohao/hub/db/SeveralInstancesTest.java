package tw.jiaohao.hub.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tw.jiaohao.hub.alerts.Alert;
import tw.jiaohao.hub.alerts.AlertKind;
import tw.jiaohao.hub.alerts.AlertStore;
import tw.jiaohao.hub.ingest.IngestMetrics;
import tw.jiaohao.hub.ingest.ReplayRequester;
import tw.jiaohao.hub.store.OfficeProgress;
import tw.jiaohao.hub.testing.MutableClock;
import tw.jiaohao.hub.testing.OnHubDatabase;
import tw.jiaohao.protocol.event.ReplayRequest;

/**
 * What hub instances sharing one database agree on through it (docs/hub/SCALE.md): the job lease,
 * one open alert per key, and replay requests claimed by one instance at a time. Every instance
 * here has its own {@link HubDatabase} (its own pool on PostgreSQL) on the same database; the
 * {@code SeveralInstancesPostgresIT} twin runs the same tests on PostgreSQL, where the instances'
 * transactions really run at once (SQLite's file lock serialises them).
 */
class SeveralInstancesTest extends OnHubDatabase {
    private static final Duration TTL = Duration.ofSeconds(30);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
    private final List<HubDatabase> others = new ArrayList<>();

    /** Another instance's connection to the same database. */
    private HubDatabase another() {
        DbSettings s = db().settings();
        // a small pool: a handful of instances here, on a server other tests share
        HubDatabase db = HubDatabase.open(new DbSettings(s.file(), s.url(), s.user(), s.password(), 4));
        others.add(db);
        return db;
    }

    /** A lease on the test's clock (its belief too, which {@link JobLease} keeps by a monotonic clock of its own). */
    private JobLease lease(HubDatabase db, String name, String holder) {
        return new JobLease(db, name, holder, TTL, clock, () -> clock.millis() * 1_000_000L);
    }

    @AfterEach
    void closeOthers() {
        others.forEach(HubDatabase::close);
    }

    @Test
    void theLease_goesToOneOfTwoHolders_isRenewedByIt_andRefusedToTheOther() {
        JobLease a = lease(db(), "jobs", "hub-a/1");
        JobLease b = lease(another(), "jobs", "hub-b/1");
        assertThat(a.renew()).as("a free lease is taken").isTrue();
        assertThat(b.renew()).as("held by the other").isFalse();
        assertThat(a.held()).isTrue();
        assertThat(b.held()).isFalse();
        for (int i = 0; i < 5; i++) {
            clock.set(clock.instant().plus(a.renewEvery()));
            assertThat(a.renew()).as("renewed by its holder").isTrue();
            assertThat(b.renew()).as("never taken while renewed").isFalse();
            assertThat(a.held()).isTrue();
            assertThat(b.held()).isFalse();
        }
    }

    @Test
    void aHolderThatStopsRenewing_stopsBelievingItHoldsTheLease_beforeTheOtherTakesIt() {
        JobLease a = lease(db(), "jobs", "hub-a/1");
        JobLease b = lease(another(), "jobs", "hub-b/1");
        Instant taken = clock.instant();
        assertThat(a.renew()).isTrue();
        // a stops renewing (its process hangs, its database connection is cut)
        clock.set(taken.plus(TTL.minus(a.renewEvery())));
        assertThat(a.held()).as("a gives up before the lease can pass to another").isFalse();
        clock.set(taken.plus(TTL).minusMillis(1));
        assertThat(b.renew()).as("not yet expired").isFalse();
        clock.set(taken.plus(TTL));
        assertThat(b.renew()).as("expired: taken over").isTrue();
        assertThat(b.held()).isTrue();
        assertThat(a.renew()).as("the old holder comes back and finds it taken").isFalse();
        assertThat(a.held()).isFalse();
    }

    @Test
    void aHolderThatStopsCleanly_releasesTheLease_forTheOtherAtOnce() {
        JobLease a = lease(db(), "jobs", "hub-a/1");
        JobLease b = lease(another(), "jobs", "hub-b/1");
        assertThat(a.renew()).isTrue();
        a.close();
        assertThat(a.held()).isFalse();
        assertThat(b.renew()).isTrue();
    }

    @Test
    void holdersRacingForAFreeLease_exactlyOneGetsIt_everyTime() throws Exception {
        int holders = 4;
        List<HubDatabase> dbs = new ArrayList<>();
        dbs.add(db());
        for (int i = 1; i < holders; i++) {
            dbs.add(another());
        }
        ExecutorService pool = Executors.newFixedThreadPool(holders);
        try {
            for (int round = 0; round < 20; round++) {
                String name = "race-" + round;
                CyclicBarrier start = new CyclicBarrier(holders);
                List<Future<Boolean>> got = new ArrayList<>();
                for (int i = 0; i < holders; i++) {
                    JobLease lease = lease(dbs.get(i), name, "hub-" + i + "/1");
                    got.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return lease.renew();
                    }));
                }
                int winners = 0;
                for (Future<Boolean> f : got) {
                    winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(winners).as("holders of lease " + name).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAlertRaisedByTwoInstancesAtOnce_isOneOpenAlert_whoseOccurrencesCountEachStatusOnce() throws Exception {
        AlertStore one = new AlertStore(db());
        AlertStore two = new AlertStore(another());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String key = "offline|office-" + round + "|kiosk";
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Integer>> created = new ArrayList<>();
                for (AlertStore store : List.of(one, two)) {
                    created.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        int n = 0;
                        // the same three statuses reach both instances (the dashboard link has no share group)
                        for (int s = 0; s < 3; s++) {
                            Instant at = clock.instant().plusSeconds(s);
                            n += store.raise(new Alert(0, AlertKind.DEVICE_OFFLINE, "office-0", "kiosk", null, null, "KIOSK", at, at, 1,
                                    null, null), key, AlertStore.Dedupe.WHILE_OPEN) ? 1 : 0;
                        }
                        return n;
                    }));
                }
                int total = 0;
                for (Future<Integer> f : created) {
                    total += f.get(30, TimeUnit.SECONDS);
                }
                assertThat(total).as("alerts created for " + key).isEqualTo(1);
                assertThat(one.isOpen(key)).isTrue();
            }
            List<Alert> open = one.list(null, true, 1000);
            assertThat(open).as("one open alert per key").hasSize(20);
            assertThat(open).allSatisfy(a -> assertThat(a.occurrences()).as("each of the three statuses counted once").isEqualTo(3));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAlertHandled_letsTheNextOccurrenceRaiseANewOne() {
        AlertStore one = new AlertStore(db());
        AlertStore two = new AlertStore(another());
        Instant at = clock.instant();
        Alert a = new Alert(0, AlertKind.DEVICE_OFFLINE, "office-1", "kiosk", null, null, "KIOSK", at, at, 1, null, null);
        assertThat(one.raise(a, "offline|office-1|kiosk", AlertStore.Dedupe.WHILE_OPEN)).isTrue();
        long id = one.list(null, true, 10).get(0).id();
        assertThat(two.markHandled(id, "boss", at.plusSeconds(5))).isTrue();
        Instant later = at.plusSeconds(60);
        assertThat(two.raise(new Alert(0, AlertKind.DEVICE_OFFLINE, "office-1", "kiosk", null, null, "KIOSK", later, later, 1, null, null),
                "offline|office-1|kiosk", AlertStore.Dedupe.WHILE_OPEN)).isTrue();
        assertThat(one.list(null, false, 10)).hasSize(2);
        assertThat(one.list(null, true, 10)).hasSize(1);
    }

    /** Two instances' replay requesters seeing the same gap, the office's replay topic as a list. */
    @Test
    void twoRequestersSeeingOneGap_askTheOfficeOnceAHold_andTheOneWhoDidNotStoreTheReplaySeesTheGapFilled() {
        List<ReplayRequest> sent = new CopyOnWriteArrayList<>();
        Map<String, OfficeProgress> database = new ConcurrentHashMap<>();
        OfficeProgress gap = new OfficeProgress("office-1", 100, 150, 150L);
        database.put("office-1", gap);
        ReplayClaims claimsA = new ReplayClaims(db(), "hub-a/1", clock);
        ReplayClaims claimsB = new ReplayClaims(another(), "hub-b/1", clock);
        ReplayRequester a = requester("hub-a", sent, claimsA, database);
        ReplayRequester b = requester("hub-b", sent, claimsB, database);
        a.update(List.of(gap));
        b.update(List.of(gap));
        // 2 minutes of ticks every 200 ms: alone, each would ask at 1, 6, 16, 36, 76 s (5 s doubling)
        Instant start = clock.instant();
        while (clock.instant().isBefore(start.plusSeconds(120))) {
            clock.set(clock.instant().plusMillis(200));
            a.tick();
            b.tick();
        }
        assertThat(sent).allSatisfy(r -> assertThat(r.fromSeq()).isEqualTo(101));
        assertThat(sent).as("one hub's schedule, not two").hasSize(5);
        assertThat(claimsA.requests("office-1", 101, false)).as("requests counted for the gap, by both").isEqualTo(5);

        // the replay reached instance b, which stored it: a, which holds the gap too, sees it filled in the database
        database.put("office-1", new OfficeProgress("office-1", 150, 150, null));
        clock.set(clock.instant().plus(Duration.ofMinutes(10)));
        sent.clear();
        a.tick();
        assertThat(a.openGaps()).as("the gap is filled in the database").isEmpty();
        assertThat(sent).as("nothing asked for a gap another instance filled").isEmpty();
    }

    private ReplayRequester requester(String id, List<ReplayRequest> sent, ReplayClaims claims, Map<String, OfficeProgress> database) {
        return new ReplayRequester(id, Duration.ofSeconds(5), Duration.ofSeconds(300), clock, sent::add,
                new IngestMetrics(), () -> List.copyOf(database.values()), Duration.ZERO, claims::claim,
                office -> Optional.ofNullable(database.get(office)));
    }
}
