package tw.jiaohao.hub.cases;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import tw.jiaohao.hub.accounts.AccountLookup;
import tw.jiaohao.hub.accounts.AccountStore;
import tw.jiaohao.hub.accounts.GuessLimit;
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


    private SelfServiceHub(AccountStore accounts, CaseStore caseStore, CaseService cases, SelfServiceMqtt mqtt, RetentionJob retention) {
        this.accounts = accounts;
        this.caseStore = caseStore;
        this.cases = cases;
        this.mqtt = mqtt;
        this.retention = retention;
    }

    /** A broker for a self-service part that runs on its own (tools, tests): it then holds a session of its own. */
    public record Broker(String url, String username, String password, long sessionExpirySeconds) {
    }

    private tw.jiaohao.messaging.Session ownSession;

    /**
     * Starts the self-service part on a session of its own (client id {@code selfservice.mqtt.client-id},
     * persistent), for running it without the rest of the hub; waits up to 10 s for the broker.
     */
    public static SelfServiceHub start(SelfServiceConfig config, Path database, Broker broker, ZoneId officeZone, Clock clock) {
        return start(config, database, broker, officeZone, clock, (office, device, detail) -> { });
    }

    /** Like {@link #start(SelfServiceConfig, Path, Broker, ZoneId, Clock)}, telling {@code guessing} of look-up guessing. */
    public static SelfServiceHub start(SelfServiceConfig config, Path database, Broker broker, ZoneId officeZone, Clock clock,
                                       AccountLookup.GuessAlarm guessing) {
        tw.jiaohao.messaging.Session own = tw.jiaohao.messaging.Sessions.prepare(tw.jiaohao.messaging.MqttSettings.of(broker.url(),
                config.mqttClientId()).withBroker(broker.url(), broker.username(), broker.password())
                .withSessionExpiry(broker.sessionExpirySeconds()), null);
        SelfServiceHub hub;
        try {
            hub = start(config, database, own, officeZone, clock, guessing);
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
        hub.ownSession = own;
        own.start();
        try {
            if (!own.awaitConnected(java.time.Duration.ofSeconds(10))) {
                hub.close();
                throw new CasesException("cannot connect the self-service subscriber to " + broker.url()
                        + " within 10 s (check mqtt.url and the broker's credentials)", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return hub;
    }

    /** Starts everything without alerts for look-up guessing (they are still refused, counted and logged). */
    public static SelfServiceHub start(SelfServiceConfig config, Path database, tw.jiaohao.messaging.Session session, ZoneId officeZone, Clock clock) {
        return start(config, database, session, officeZone, clock, (office, device, detail) -> { });
    }

    /**
     * Starts everything; throws {@link CasesException} (or an accounts exception) saying what to fix.
     *
     * @param guessing told when look-ups reach a limit of wrong house numbers (the duty manager's alerts)
     */
    public static SelfServiceHub start(SelfServiceConfig config, Path database, tw.jiaohao.messaging.Session session, ZoneId officeZone, Clock clock,
                                       AccountLookup.GuessAlarm guessing) {
        HubKeys keys = HubKeys.load(config.keysDir());
        AccountStore accounts = SqliteAccountStore.open(database);
        CaseStore caseStore = null;
        SelfServiceMqtt mqtt = null;
        try {
            caseStore = SqliteCaseStore.open(database);
            CaseMetrics metrics = new CaseMetrics();
            AccountLookup lookup = new AccountLookup(accounts,
                    new GuessLimit(config.lookupWrongPerAccount(), config.lookupWrongPerDevice(), config.lookupWindow(), clock), guessing);
            CaseService cases = new CaseService(caseStore, accounts,
                    new CaseRules(config.transferTarget(), config.suspensionTarget(), officeZone), keys, CaseAccess.BY_ROLE, clock, metrics,
                    r -> lookup.wrongByRequest(r.accountNumber(), r.office()));
            mqtt = new SelfServiceMqtt(session, cases, lookup, metrics).start();
            RetentionJob job = new RetentionJob(cases, config.retention()).start(config.retentionCheckEvery());
            return new SelfServiceHub(accounts, caseStore, cases, mqtt, job);
        } catch (RuntimeException e) {
            if (mqtt != null) {
                mqtt.close();
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
        if (ownSession != null) {
            ownSession.close();
        }
        caseStore.close();
        accounts.close();
    }
}
