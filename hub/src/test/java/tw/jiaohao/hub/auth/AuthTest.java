package tw.jiaohao.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.db.HubDatabase;
import tw.jiaohao.hub.testing.LogCapture;
import tw.jiaohao.hub.testing.MutableClock;

class AuthTest extends tw.jiaohao.hub.testing.OnHubDatabase {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));

    @Test
    void passwordHash_isSaltedSlowPbkdf2_andVerifiesOnlyTheRightPassword() {
        PasswordHasher h = new PasswordHasher();
        String a = h.hash("correct horse battery".toCharArray());
        String b = h.hash("correct horse battery".toCharArray());
        assertThat(a).startsWith("pbkdf2-sha256$210000$").isNotEqualTo(b);
        assertThat(h.verify("correct horse battery".toCharArray(), a)).isTrue();
        assertThat(h.verify("correct horse batterY".toCharArray(), a)).isFalse();
        assertThat(h.verify("x".toCharArray(), "garbage")).isFalse();
        assertThatThrownBy(() -> h.hash("short".toCharArray())).isInstanceOf(HubException.class).hasMessageContaining("at least 10");
    }

    @Test
    void users_needTheirOffice_exceptHeadOffice() {
        assertThatThrownBy(() -> new User("chen", Role.STAFF, null)).hasMessageContaining("office");
        assertThatThrownBy(() -> new User("boss", Role.HEAD_OFFICE, "taipei-1")).hasMessageContaining("no office");
        assertThatThrownBy(() -> new User("Bad Name", Role.HEAD_OFFICE, null)).hasMessageContaining("username");
        User staff = new User("chen", Role.STAFF, "taipei-1");
        assertThat(staff.canSee("taipei-1")).isTrue();
        assertThat(staff.canSee("taichung-2")).isFalse();
        assertThat(staff.canHandleAlertsOf("taipei-1")).isFalse();
        assertThat(new User("lin", Role.OFFICE_MANAGER, "taipei-1").canHandleAlertsOf("taipei-1")).isTrue();
    }

    @Test
    void login_throttlesAfterFailures_andSessionsExpireWhenIdle() {
        HubDatabase db = db();
        SqlUserStore users = new SqlUserStore(db, clock);
        AuthService auth = new AuthService(users, new SessionStore(db, users, clock, Duration.ofMinutes(30)), new PasswordHasher(1000),
                new LoginThrottle(db, clock, 3, Duration.ofMinutes(15)), clock, Duration.ofMinutes(15));
        auth.createUser(new User("boss", Role.HEAD_OFFICE, null), "boss-password-1".toCharArray());
        assertThat(auth.login("nobody", "whatever-pass".toCharArray(), "10.0.0.1")).isInstanceOf(AuthService.Outcome.Refused.class);
        for (int i = 0; i < 3; i++) {
            assertThat(auth.login("boss", "wrong-password".toCharArray(), "10.0.0.1")).isInstanceOf(AuthService.Outcome.Refused.class);
        }
        assertThat(auth.login("boss", "boss-password-1".toCharArray(), "10.0.0.1")).isInstanceOf(AuthService.Outcome.Throttled.class);
        assertThat(auth.failedLogins()).isEqualTo(4);
        assertThat(auth.throttledLogins()).isEqualTo(1);
        clock.set(clock.instant().plus(Duration.ofMinutes(16)));
        var in = auth.login("BOSS ", "boss-password-1".toCharArray(), "10.0.0.1");
        assertThat(in).isInstanceOf(AuthService.Outcome.LoggedIn.class);
        Session s = ((AuthService.Outcome.LoggedIn) in).session();
        assertThat(auth.session(s.token())).hasValueSatisfying(found -> assertThat(found.user().username()).isEqualTo("boss"));
        assertThat(auth.session(s.token() + "x")).isEmpty();
        clock.set(clock.instant().plus(Duration.ofMinutes(31)));
        assertThat(auth.session(s.token())).isEmpty();
    }

    @Test
    void throttledAndRefusedLogins_areLoggedOncePerSourceAndWindow_withTheCountOfTheRest() {
        HubDatabase db = db();
        AuthService auth = new AuthService(new SqlUserStore(db, clock), new SessionStore(db, new SqlUserStore(db, clock), clock,
                Duration.ofMinutes(30)), new PasswordHasher(1000), new LoginThrottle(db, clock, 3, Duration.ofMinutes(15)), clock,
                Duration.ofMinutes(15));
        auth.createUser(new User("boss", Role.HEAD_OFFICE, null), "boss-password-1".toCharArray());
        try (LogCapture log = new LogCapture(AuthService.class)) {
            for (int i = 0; i < 200; i++) {
                auth.login("boss", "wrong-password".toCharArray(), "10.0.0.9");
            }
            auth.login("nobody", "wrong-password".toCharArray(), "10.0.0.10");
            assertThat(auth.failedLogins()).isEqualTo(3 + 1);
            assertThat(auth.throttledLogins()).isEqualTo(197);
            assertThat(log.lines()).filteredOn(l -> l.contains("throttled")).singleElement()
                    .satisfies(l -> assertThat(l).contains("10.0.0.9"));
            assertThat(log.lines()).filteredOn(l -> l.contains("refused")).hasSize(2);
            clock.set(clock.instant().plus(Duration.ofMinutes(15)));
            auth.login("boss", "wrong-password".toCharArray(), "10.0.0.9");
            auth.login("boss", "wrong-password".toCharArray(), "10.0.0.9");
            auth.login("boss", "wrong-password".toCharArray(), "10.0.0.9");
            auth.login("boss", "wrong-password".toCharArray(), "10.0.0.9");
            assertThat(log.lines()).filteredOn(l -> l.contains("throttled")).hasSize(2).last().asString()
                    .contains("and 196 more from there");
        }
    }

    @Test
    void failedLogins_countOnEveryInstanceOfTheDatabase_andSessionsAreValidOnEach() {
        HubDatabase db = db();
        tw.jiaohao.hub.db.DbSettings s = db.settings();
        try (HubDatabase other = HubDatabase.open(new tw.jiaohao.hub.db.DbSettings(s.file(), s.url(), s.user(), s.password(), 2))) {
            AuthService one = AuthService.open(db, clock, Duration.ofMinutes(30), 3, Duration.ofMinutes(15));
            AuthService two = AuthService.open(other, clock, Duration.ofMinutes(30), 3, Duration.ofMinutes(15));
            one.createUser(new User("boss", Role.HEAD_OFFICE, null), "boss-password-1".toCharArray());
            assertThat(one.login("boss", "wrong-password".toCharArray(), "10.0.0.1")).isInstanceOf(AuthService.Outcome.Refused.class);
            assertThat(two.login("boss", "wrong-password".toCharArray(), "10.0.0.2")).isInstanceOf(AuthService.Outcome.Refused.class);
            assertThat(one.login("boss", "wrong-password".toCharArray(), "10.0.0.3")).isInstanceOf(AuthService.Outcome.Refused.class);
            assertThat(two.login("boss", "boss-password-1".toCharArray(), "10.0.0.4"))
                    .as("three failures spread over two instances throttle the fourth attempt on either")
                    .isInstanceOf(AuthService.Outcome.Throttled.class);
            clock.set(clock.instant().plus(Duration.ofMinutes(16)));
            AuthService.Outcome in = one.login("boss", "boss-password-1".toCharArray(), "10.0.0.4");
            assertThat(in).isInstanceOf(AuthService.Outcome.LoggedIn.class);
            String token = ((AuthService.Outcome.LoggedIn) in).session().token();
            assertThat(two.session(token)).as("a session made on one instance, used on the other")
                    .hasValueSatisfying(found -> assertThat(found.user().username()).isEqualTo("boss"));
            two.logout(two.session(token).orElseThrow());
            assertThat(one.session(token)).as("logged out on the other instance").isEmpty();
        }
    }

    @Test
    void aUsernameIsTakenOnce() {
        HubDatabase db = db();
        SqlUserStore users = new SqlUserStore(db, clock);
        users.create(new User("boss", Role.HEAD_OFFICE, null), "x");
        assertThat(users.hasHeadOffice()).isTrue();
        assertThatThrownBy(() -> users.create(new User("boss", Role.STAFF, "taipei-1"), "y")).hasMessageContaining("exists already");
    }
}
