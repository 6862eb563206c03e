package tw.jiaohao.hub.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tw.jiaohao.hub.testing.PersonalTestData.ACCOUNT_OK;
import static tw.jiaohao.hub.testing.PersonalTestData.HOUSE_OK;
import static tw.jiaohao.hub.testing.PersonalTestData.extract;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.db.DbSettings;
import tw.jiaohao.hub.db.HubDatabase;
import tw.jiaohao.hub.testing.MutableClock;
import tw.jiaohao.hub.testing.OnHubDatabase;
import tw.jiaohao.protocol.selfservice.AccountLookupReply;
import tw.jiaohao.protocol.selfservice.AccountLookupRequest;
import tw.jiaohao.protocol.selfservice.LookupOutcome;

/**
 * The look-up guessing limits counted in the hub database ({@link StoredGuessLimit}): two hub
 * instances, each with its own {@link HubDatabase} (its own pool on PostgreSQL), its own account
 * store and its own limit, on one database, answer no more wrong house numbers together than the
 * limit allows. {@code StoredGuessLimitPostgresIT} runs the same tests on PostgreSQL, where the
 * instances' transactions really run at once.
 */
class StoredGuessLimitTest extends OnHubDatabase {
    private static final Duration WINDOW = Duration.ofMinutes(60);
    private static final SecretKey PERSONAL_DATA_KEY = new SecretKeySpec(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}, "AES");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T08:00:00Z"));
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Another instance's connection to the same database. */
    private HubDatabase another() {
        DbSettings s = db().settings();
        HubDatabase db = HubDatabase.open(new DbSettings(s.file(), s.url(), s.user(), s.password(), 8));
        opened.add(db);
        return db;
    }

    private StoredGuessLimit limit(HubDatabase db, int perAccount, int perDevice) {
        return new StoredGuessLimit(db, PERSONAL_DATA_KEY, perAccount, perDevice, WINDOW, clock);
    }

    /** One hub instance's look-up: its own account store and limit on {@code db}. */
    private AccountLookup instance(HubDatabase db, StoredGuessLimit limit, List<String> alarms) {
        SqliteAccountStore store = SqliteAccountStore.open(db);
        opened.add(0, store);
        return new AccountLookup(store, limit, (office, device, detail) -> alarms.add(office + "/" + device));
    }

    private void importAccounts() throws Exception {
        try (SqliteAccountStore store = SqliteAccountStore.open(db())) {
            new AccountImporter(store, Clock.systemUTC(), 100).importFile(extract(dir), AccountImporter.Progress.NONE);
        }
    }

    @AfterEach
    void closeInstances() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private static AccountLookupReply ask(AccountLookup lookup, String device, String house) {
        return lookup.answer(AccountLookupRequest.of("taipei-1", device, ACCOUNT_OK, house));
    }

    @Test
    void twoInstances_takingTurns_answerNoMoreWrongHouseNumbersThanTheAccountsLimit() throws Exception {
        importAccounts();
        List<String> alarms = new CopyOnWriteArrayList<>();
        AccountLookup a = instance(db(), limit(db(), 5, 20), alarms);
        HubDatabase other = another();
        AccountLookup b = instance(other, limit(other, 5, 20), alarms);
        int answeredWrong = 0;
        for (int i = 0; i < 10; i++) {
            AccountLookup on = i % 2 == 0 ? a : b;
            AccountLookupReply reply = ask(on, i % 2 == 0 ? "kiosk-1" : "kiosk-2", String.valueOf(100 + i));
            if (Boolean.FALSE.equals(reply.addressMatch())) {
                answeredWrong++;
            } else {
                assertThat(reply.outcome()).as("try %d", i + 1).isEqualTo(LookupOutcome.INVALID);
            }
        }
        assertThat(answeredWrong).as("wrong house numbers answered by the two instances together").isEqualTo(5);
        assertThat(ask(a, "kiosk-3", HOUSE_OK).outcome()).as("the right number on one instance").isEqualTo(LookupOutcome.INVALID);
        assertThat(ask(b, "kiosk-3", HOUSE_OK).outcome()).as("and on the other").isEqualTo(LookupOutcome.INVALID);
        assertThat(alarms).as("one alert for the crossing").hasSize(1);
    }

    @Test
    void triesAtTheSameTime_onTwoInstances_areAnsweredNoMoreThanTheLimit() throws Exception {
        importAccounts();
        List<String> alarms = new CopyOnWriteArrayList<>();
        HubDatabase other = another();
        AccountLookup[] instances = {instance(db(), limit(db(), 5, 1000), alarms), instance(other, limit(other, 5, 1000), alarms)};
        int threads = 8;
        int each = 6;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> answered = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                AccountLookup on = instances[t % 2];
                String device = "kiosk-" + t;
                answered.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    int wrong = 0;
                    for (int i = 0; i < each; i++) {
                        if (Boolean.FALSE.equals(ask(on, device, String.valueOf(200 + i)).addressMatch())) {
                            wrong++;
                        }
                    }
                    return wrong;
                }));
            }
            int total = 0;
            for (Future<Integer> f : answered) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).as("wrong house numbers answered of %d tried at once on two instances", threads * each).isEqualTo(5);
            assertThat(alarms).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyIncrement_seesTheOneBeforeIt_acrossInstances() throws Exception {
        int limit = 200;
        HubDatabase other = another();
        StoredGuessLimit[] instances = {limit(db(), limit, 100_000), limit(other, limit, 100_000)};
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<GuessLimit.Wrong> results = new CopyOnWriteArrayList<>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                StoredGuessLimit on = instances[t % 2];
                String device = "kiosk-" + t;
                done.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    for (int i = 0; i < limit / threads; i++) {
                        results.add(on.wrong(ACCOUNT_OK, "taipei-1", device));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(results).hasSize(limit);
        assertThat(results.stream().filter(w -> "account".equals(w.reached())).count())
                .as("exactly one of %d increments at once reaches the limit (none lost, none counted twice)", limit).isEqualTo(1);
        assertThat(results).allSatisfy(w -> assertThat(w.over()).isNull());
        assertThat(instances[1].wrong(ACCOUNT_OK, "taipei-1", "kiosk-x").over()).as("the next one").isEqualTo("account");
        assertThat(instances[0].refusal(ACCOUNT_OK, "taipei-2", "kiosk-y")).isEqualTo("account");
    }

    @Test
    void aLimitHolds_forTheWholeWindowAfterTheLastTry_andEndsWithIt_andTheRowsAreThenDeleted() {
        StoredGuessLimit a = limit(db(), 3, 20);
        StoredGuessLimit b = limit(another(), 3, 20);
        Instant last = Instant.parse("2026-12-04T08:59:59Z"); // the last second of a slot
        clock.set(last);
        a.wrong(ACCOUNT_OK, "taipei-1", "kiosk-1");
        b.wrong(ACCOUNT_OK, "taipei-1", "kiosk-2");
        assertThat(a.wrong(ACCOUNT_OK, "taipei-1", "kiosk-1").reached()).isEqualTo("account");
        clock.set(last.plus(WINDOW).minusMillis(1));
        assertThat(b.refusal(ACCOUNT_OK, "taipei-1", "kiosk-9")).as("a moment before the window has passed").isEqualTo("account");
        assertThat(a.purge()).as("nothing within the window is deleted").isZero();
        assertThat(rows()).as("the account's and two kiosks' rows").isEqualTo(3);
        clock.set(last.plus(WINDOW).plusSeconds(1));
        assertThat(b.refusal(ACCOUNT_OK, "taipei-1", "kiosk-9")).as("once the tries are older than the window").isNull();
        assertThat(a.purge()).as("the slot's rows left with the window").isEqualTo(3);
        assertThat(rows()).isZero();
        assertThat(a.wrong(ACCOUNT_OK, "taipei-1", "kiosk-1").reached()).as("counting starts again").isNull();
    }

    @Test
    void theDeviceLimit_countsAcrossAccountsAndInstances() {
        StoredGuessLimit a = limit(db(), 5, 2);
        StoredGuessLimit b = limit(another(), 5, 2);
        assertThat(a.wrong("33000000001", "taipei-1", "kiosk-7").reached()).isNull();
        assertThat(b.wrong("33000000002", "taipei-1", "kiosk-7").reached()).isEqualTo("device");
        assertThat(a.refusal("33000000003", "taipei-1", "kiosk-7")).isEqualTo("device");
        assertThat(a.refusal("33000000003", "taipei-1", "kiosk-8")).as("another kiosk").isNull();
        assertThat(a.refusal("33000000003", "taipei-2", "kiosk-7")).as("the same kiosk name at another office").isNull();
    }

    @Test
    void noAccountNumberOrDevice_isStoredInTheClear() throws Exception {
        StoredGuessLimit a = limit(db(), 5, 20);
        a.wrong(ACCOUNT_OK, "taipei-1", "kiosk-1");
        List<String> keys = db().with("reading", c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT guess_key FROM lookup_guess")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        assertThat(keys).hasSize(2).allSatisfy(k -> assertThat(k).matches("[0-9a-f]{32}").doesNotContain(ACCOUNT_OK.substring(0, 6)));
        StoredGuessLimit otherKey = new StoredGuessLimit(db(), new SecretKeySpec(new byte[32], "AES"), 5, 20, WINDOW, clock);
        assertThat(otherKey.key("a|" + ACCOUNT_OK)).as("the hash depends on the hub's key").isNotIn(keys);
        assertThat(a.key("a|" + ACCOUNT_OK)).isIn(keys);
    }

    @Test
    void badLimits_areRefusedWithAClearError() {
        assertThatThrownBy(() -> limit(db(), 0, 20)).isInstanceOf(HubException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new StoredGuessLimit(db(), PERSONAL_DATA_KEY, 5, 20, Duration.ofMillis(10), clock))
                .isInstanceOf(HubException.class).hasMessageContaining("window");
    }

    private long rows() {
        return db().with("counting", c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM lookup_guess")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
