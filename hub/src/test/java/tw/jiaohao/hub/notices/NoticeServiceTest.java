package tw.jiaohao.hub.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.hub.db.HubDatabase;
import tw.jiaohao.hub.testing.MutableClock;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.notice.NoticeKind;

class NoticeServiceTest extends tw.jiaohao.hub.testing.OnHubDatabase {
    private static final User BOSS = new User("boss", Role.HEAD_OFFICE, null);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
    private final List<NoticeBoard> published = new CopyOnWriteArrayList<>();
    private boolean brokerDown;

    private NoticeService service() {
        HubDatabase db = db();
        return new NoticeService(new NoticeStore(db, new JsonCodec()), board -> {
            if (brokerDown) {
                throw new HubException("broker down");
            }
            published.add(board);
        }, clock);
    }

    private NoticeDraft outage(List<String> offices, Duration from, Duration length) {
        Instant start = clock.instant().plus(from);
        return new NoticeDraft(NoticeKind.WATER_OUTAGE, "停水", "Water outage", null, null, "大安區", "管線汰換", start,
                start.plus(length), start.plus(length), offices, start, start.plus(length));
    }

    private NoticeBoard last(String scope) {
        for (int i = published.size() - 1; i >= 0; i--) {
            if (published.get(i).scope().equals(scope)) {
                return published.get(i);
            }
        }
        throw new AssertionError("nothing published on " + scope);
    }

    @Test
    void aNoticeIsPublishedOnItsScopes_andWithdrawnAtItsEnd() {
        try (NoticeService s = service()) {
            s.start();
            assertThat(last("all").notices()).isEmpty();
            NoticeRecord r = s.create(BOSS, outage(List.of("taipei-1", "taichung-2"), Duration.ofHours(1), Duration.ofHours(2)));
            assertThat(last("taipei-1").notices()).extracting(n -> n.id()).containsExactly(r.id());
            assertThat(last("taichung-2").notices()).hasSize(1);
            assertThat(last("all").notices()).isEmpty();
            clock.set(clock.instant().plus(Duration.ofHours(3)));
            s.refresh(); // what the scheduler runs at the notice's end
            assertThat(last("taipei-1").notices()).isEmpty();
            assertThat(last("taichung-2").notices()).isEmpty();
        }
    }

    @Test
    void withTwoInstances_theLeaseHolderWithdrawsAtItsEnd_aNoticeTheOtherInstanceWrote() {
        boolean[] aHolds = {true};
        List<NoticeBoard> fromA = new CopyOnWriteArrayList<>();
        List<NoticeBoard> fromB = new CopyOnWriteArrayList<>();
        try (NoticeService a = new NoticeService(new NoticeStore(db(), new JsonCodec()), fromA::add, clock, () -> aHolds[0]);
             NoticeService b = new NoticeService(new NoticeStore(db(), new JsonCodec()), fromB::add, clock, () -> !aHolds[0])) {
            a.start();
            b.start();
            // a once published the office's board empty (a notice written and withdrawn there)
            a.withdraw(BOSS, a.create(BOSS, outage(List.of("taipei-1"), Duration.ZERO, Duration.ofHours(1))).id());
            NoticeRecord r = b.create(BOSS, outage(List.of("taipei-1"), Duration.ZERO, Duration.ofHours(2)));
            assertThat(fromB).filteredOn(board -> board.scope().equals("taipei-1")).last()
                    .satisfies(board -> assertThat(board.notices()).extracting(n -> n.id()).containsExactly(r.id()));
            fromA.clear();
            fromB.clear();
            clock.set(clock.instant().plus(Duration.ofHours(3)));
            assertThat(b.timedRefresh()).as("b does not hold the lease: its timer does nothing").isFalse();
            assertThat(fromB).isEmpty();
            assertThat(a.timedRefresh()).as("a holds the lease").isTrue();
            assertThat(fromA).as("a never published that notice, yet empties the board it ended in")
                    .filteredOn(board -> board.scope().equals("taipei-1")).singleElement()
                    .satisfies(board -> assertThat(board.notices()).isEmpty());
        }
    }

    @Test
    void aFailedPublish_isRetriedByTheNextRepublish_andHubStartRepublishesEverything() {
        try (NoticeService s = service()) {
            brokerDown = true;
            s.create(BOSS, outage(List.of(), Duration.ZERO, Duration.ofHours(2)));
            assertThat(s.publishFailures()).isEqualTo(1);
            brokerDown = false;
            s.republishAll();
            assertThat(last("all").notices()).hasSize(1);
        }
        published.clear();
        try (NoticeService restarted = service()) {
            restarted.start();
            assertThat(last("all").notices()).hasSize(1);
        }
    }

    @Test
    void badDrafts_areRefusedNamingTheField() {
        try (NoticeService s = service()) {
            User staff = new User("chen", Role.STAFF, "taipei-1");
            assertThatThrownBy(() -> s.create(staff, outage(List.of(), Duration.ZERO, Duration.ofHours(1))))
                    .isInstanceOf(NoticeRejectedException.class).hasMessageContaining("head-office");
            NoticeDraft noArea = new NoticeDraft(NoticeKind.WATER_OUTAGE, "停水", null, null, null, " ", "r", clock.instant(),
                    clock.instant().plusSeconds(60), null, List.of(), clock.instant(), clock.instant().plusSeconds(60));
            assertThatThrownBy(() -> s.create(BOSS, noArea)).isInstanceOfSatisfying(NoticeRejectedException.class,
                    e -> assertThat(e.field()).isEqualTo("area"));
            assertThatThrownBy(() -> s.create(BOSS, outage(List.of(), Duration.ofHours(-3), Duration.ofHours(1))))
                    .isInstanceOfSatisfying(NoticeRejectedException.class, e -> assertThat(e.field()).isEqualTo("endsAt"));
            assertThatThrownBy(() -> s.create(BOSS, outage(List.of("Taipei 1"), Duration.ZERO, Duration.ofHours(1))))
                    .isInstanceOfSatisfying(NoticeRejectedException.class, e -> assertThat(e.field()).isEqualTo("offices"));
            assertThat(published).allMatch(b -> b.notices().isEmpty());
        }
    }

    @Test
    void aWaterOutage_needsItsOutagePeriod_apartFromTheDisplayWindow_andPublishesIt() {
        try (NoticeService s = service()) {
            s.start();
            Instant shownFrom = clock.instant().plus(Duration.ofHours(1));
            Instant shownUntil = shownFrom.plus(Duration.ofDays(3));
            Instant off = shownFrom.plus(Duration.ofDays(2));
            Instant on = off.plus(Duration.ofHours(8));
            NoticeDraft windowOnly = new NoticeDraft(NoticeKind.WATER_OUTAGE, "停水", null, null, null, "大安區", "管線汰換",
                    shownFrom, shownUntil, on, List.of());
            assertThatThrownBy(() -> s.create(BOSS, windowOnly)).isInstanceOfSatisfying(NoticeRejectedException.class,
                    e -> assertThat(e.field()).isEqualTo("outageStartsAt"));
            NoticeDraft backwards = new NoticeDraft(NoticeKind.WATER_OUTAGE, "停水", null, null, null, "大安區", "管線汰換",
                    shownFrom, shownUntil, on, List.of(), on, off);
            assertThatThrownBy(() -> s.create(BOSS, backwards)).isInstanceOfSatisfying(NoticeRejectedException.class,
                    e -> assertThat(e.field()).isEqualTo("outageEndsAt"));
            NoticeDraft afterTheWindow = new NoticeDraft(NoticeKind.WATER_OUTAGE, "停水", null, null, null, "大安區", "管線汰換",
                    shownFrom, shownFrom.plus(Duration.ofHours(2)), null, List.of(), off, on);
            assertThatThrownBy(() -> s.create(BOSS, afterTheWindow)).isInstanceOfSatisfying(NoticeRejectedException.class,
                    e -> assertThat(e.field()).isEqualTo("endsAt"));

            s.create(BOSS, new NoticeDraft(NoticeKind.WATER_OUTAGE, "停水", null, null, null, "大安區", "管線汰換",
                    shownFrom, shownUntil, on, List.of(), off, on));
            assertThat(last("all").notices()).singleElement().satisfies(n -> {
                assertThat(n.startsAt()).isEqualTo(shownFrom);
                assertThat(n.outageStartsAt()).isEqualTo(off);
                assertThat(n.outageEndsAt()).isEqualTo(on);
            });
            // other kinds may go without one
            s.create(BOSS, new NoticeDraft(NoticeKind.SERVICE_CHANGE, "延長服務", null, null, null, null, null,
                    shownFrom, shownUntil, null, List.of("taipei-1")));
        }
    }

    @Test
    void noticeDefaultsAreStoredPerOffice_replacedWhenSetAgain_andReadByAnotherInstance() {
        try (NoticeService s = service()) {
            assertThat(s.defaults("taipei-1")).isEmpty();
            s.setDefaults(BOSS, new NoticeDefaults("taipei-1", "大安區", 3));
            s.setDefaults(BOSS, new NoticeDefaults("taichung-2", "", 0));
            clock.set(clock.instant().plusSeconds(60));
            s.setDefaults(BOSS, new NoticeDefaults("taipei-1", "大安區、信義區", 7));
            assertThat(s.defaults("taipei-1")).contains(new NoticeDefaults("taipei-1", "大安區、信義區", 7));
            assertThat(s.defaults("taichung-2")).contains(new NoticeDefaults("taichung-2", "", 0));
            assertThat(s.defaults("kaohsiung-3")).isEmpty();
        }
        NoticeStore other = new NoticeStore(db(), new JsonCodec());
        assertThat(other.allDefaults()).containsOnlyKeys("taichung-2", "taipei-1");
        assertThat(other.allDefaults().firstKey()).isEqualTo("taichung-2");
        assertThat(other.allDefaults().get("taipei-1").leadDays()).isEqualTo(7);
    }

    @Test
    void onlyHeadOfficeSetsNoticeDefaults() {
        try (NoticeService s = service()) {
            User manager = new User("mgr", Role.OFFICE_MANAGER, "taipei-1");
            assertThatThrownBy(() -> s.setDefaults(manager, new NoticeDefaults("taipei-1", "大安區", 3)))
                    .isInstanceOf(NoticeRejectedException.class);
            assertThat(s.defaults("taipei-1")).isEmpty();
        }
    }

    @Test
    void theTableRefusesLeadDaysOutsideTheRule_evenWrittenPastTheRecord() {
        assertThatThrownBy(() -> db().with("a bad row", c -> {
            try (var st = c.createStatement()) {
                return st.executeUpdate("INSERT INTO notice_defaults (office, area, lead_days, set_by, set_at) VALUES ('o', '', 31, 'x', 0)");
            }
        })).isInstanceOf(RuntimeException.class);
    }
}
