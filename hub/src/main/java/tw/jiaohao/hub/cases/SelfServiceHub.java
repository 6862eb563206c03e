package tw.jiaohao.hub.cases;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import tw.jiaohao.hub.accounts.AccountLookup;
import tw.jiaohao.hub.accounts.AccountStore;
import tw.jiaohao.hub.accounts.StoredGuessLimit;
import tw.jiaohao.hub.accounts.SqliteAccountStore;

/**
 * The hub's self-service part, wired: accounts and cases on the hub's database file, the
 * personal-data keys, the MQTT look-up responder and request subscriber, and the retention
 * job. {@link #close()} stops it in reverse order. The HTTP routes are added to the hub's
 * Javalin app with {@link #api(StaffResolver)}.
 */
public final class SelfServiceHub implements AutoCloseable {
    private final AccountStore accounts;
    private final CaseStore caseStore;
    private final CaseService cases;
    private final SelfServiceMqtt mqtt;
    private final RetentionJob retention;
    private final StoredGuessLimit guessLimit;
    private tw.jiaohao.hub.db.HubDatabase ownedDb;
    private tw.jiaohao.messaging.MqttSession ownedSession;

    /**
     * A broker to reach with a session of this part's own (self-service on its own, as in tests):
     * client id {@code selfservice.mqtt.client-id}, a persistent session. The hub instead hands
     * its one session to {@link #start(SelfServiceConfig, tw.jiaohao.hub.db.HubDatabase,
     * tw.jiaohao.messaging.MqttSession, ZoneId, Clock, AccountLookup.GuessAlarm)}.
     */
    public record Broker(String url, String username, String password, long sessionExpirySeconds) {
    }

    private SelfServiceHub(AccountStore accounts, CaseStore caseStore, CaseService cases, SelfServiceMqtt mqtt, RetentionJob retention,
                           StoredGuessLimit guessLimit) {
        this.accounts = accounts;
        this.guessLimit = guessLimit;
        this.caseStore = caseStore;
        this.cases = cases;
        this.mqtt = mqtt;
        this.retention = retention;
    }

    /** Starts everything without alerts for look-up guessing (they are still refused, counted and logged). */
    public static SelfServiceHub start(SelfServiceConfig config, Path database, Broker broker, ZoneId officeZone, Clock clock) {
        return start(config, database, broker, officeZone, clock, (office, device, detail) -> { });
    }

    /**
     * Starts everything; throws {@link CasesException} (or an accounts exception) saying what to fix.
     *
     * @param guessing told when look-ups reach a limit of wrong house numbers (the duty manager's alerts)
     */
    public static SelfServiceHub start(SelfServiceConfig config, Path database, Broker broker, ZoneId officeZone, Clock clock,
                                       AccountLookup.GuessAlarm guessing) {
        tw.jiaohao.hub.db.HubDatabase db = tw.jiaohao.hub.db.HubDatabase.open(database);
        tw.jiaohao.messaging.MqttSession session = null;
        SelfServiceHub hub = null;
        try {
            tw.jiaohao.messaging.MqttSettings settings = tw.jiaohao.messaging.MqttSettings.defaults(config.mqttClientId())
                    .withUrl(broker.url()).withLogin(broker.username(), broker.password())
                    .withSessionExpiry(java.time.Duration.ofSeconds(broker.sessionExpirySeconds()));
            session = new tw.jiaohao.messaging.MqttSession(settings, clock);
            hub = start(config, db, session, officeZone, clock, guessing);
            hub.ownedDb = db;
            hub.ownedSession = session;
            session.start();
            if (!session.awaitConnected(java.time.Duration.ofSeconds(10))) {
                throw new CasesException("cannot connect the self-service subscriber to " + broker.url()
                        + " within 10 s (check mqtt.url and the broker's credentials)");
            }
            return hub;
        } catch (InterruptedException | RuntimeException e) {
            if (hub != null) {
                hub.close();
            } else {
                if (session != null) {
                    session.close();
                }
                db.close();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new CasesException("interrupted while connecting to " + broker.url(), e);
            }
            throw (RuntimeException) e;
        }
    }

    /** As below, with the retention of personal data always run (one hub instance). */
    public static SelfServiceHub start(SelfServiceConfig config, tw.jiaohao.hub.db.HubDatabase database,
                                       tw.jiaohao.messaging.MqttSession session, ZoneId officeZone, Clock clock,
                                       AccountLookup.GuessAlarm guessing) {
        return start(config, database, session, officeZone, clock, guessing, () -> true);
    }

    /**
     * Starts everything on the hub's {@code session} (its subscriptions registered now; the
     * session is started and closed by the caller) in {@code database}, which the caller closes
     * after this; the retention of personal data runs only while {@code singletonJobs} says this
     * instance holds the job lease (several hub instances on one database). Throws
     * {@link CasesException} (or an accounts exception) saying what to fix.
     */
    public static SelfServiceHub start(SelfServiceConfig config, tw.jiaohao.hub.db.HubDatabase database,
                                       tw.jiaohao.messaging.MqttSession session, ZoneId officeZone, Clock clock,
                                       AccountLookup.GuessAlarm guessing, java.util.function.BooleanSupplier singletonJobs) {
        HubKeys keys = HubKeys.load(config.keysDir());
        AccountStore accounts = SqliteAccountStore.open(database);
        CaseStore caseStore = null;
        SelfServiceMqtt mqtt = null;
        StoredGuessLimit guessLimit = null;
        try {
            caseStore = SqliteCaseStore.open(database);
            CaseMetrics metrics = new CaseMetrics();
            // counted in the database, so the limits hold across every instance sharing it
            guessLimit = new StoredGuessLimit(database, keys.atRest(), config.lookupWrongPerAccount(), config.lookupWrongPerDevice(),
                    config.lookupWindow(), clock).start();
            AccountLookup lookup = new AccountLookup(accounts, guessLimit, guessing);
            CaseService cases = new CaseService(caseStore, accounts,
                    new CaseRules(config.transferTarget(), config.suspensionTarget(), officeZone), keys, CaseAccess.BY_ROLE, clock, metrics,
                    r -> lookup.wrongByRequest(r.accountNumber(), r.office()));
            mqtt = new SelfServiceMqtt(session, cases, lookup, metrics);
            RetentionJob job = new RetentionJob(cases, config.retention(), singletonJobs).start(config.retentionCheckEvery());
            return new SelfServiceHub(accounts, caseStore, cases, mqtt, job, guessLimit);
        } catch (RuntimeException e) {
            if (mqtt != null) {
                mqtt.close();
            }
            if (guessLimit != null) {
                guessLimit.close();
            }
            if (caseStore != null) {
                caseStore.close();
            }
            accounts.close();
            throw e;
        }
    }

    public CaseService cases() {
        return cases;
    }

    public boolean connected() {
        return mqtt.connected();
    }

    public CasesApi api(StaffResolver staff) {
        return new CasesApi(cases, staff);
    }

    @Override
    public void close() {
        retention.close();
        mqtt.close();
        guessLimit.close();
        if (ownedSession != null) {
            ownedSession.close();
        }
        caseStore.close();
        accounts.close();
        if (ownedDb != null) {
            ownedDb.close();
        }
    }
}
