package tw.jiaohao.hub;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.api.IngestApi;
import tw.jiaohao.hub.broker.EmbeddedBroker;
import tw.jiaohao.hub.dashboard.Dashboard;
import tw.jiaohao.hub.ingest.BatchWriter;
import tw.jiaohao.hub.ingest.IngestMetrics;
import tw.jiaohao.hub.ingest.MqttIngest;
import tw.jiaohao.hub.ingest.ReplayRequester;
import tw.jiaohao.hub.store.HubStore;
import tw.jiaohao.hub.server.HubServer;
import tw.jiaohao.hub.server.WebFeature;
import tw.jiaohao.hub.store.SqliteHubStore;
import tw.jiaohao.hub.web.DashboardWeb;
import tw.jiaohao.messaging.MqttSession;
import tw.jiaohao.messaging.MqttSettings;
import tw.jiaohao.protocol.codec.JsonCodec;

/**
 * A running hub: the store, the embedded broker (when no broker URL is configured), the hub's
 * one MQTT session, the ingest, the managers' dashboard, self-service, the start-up check
 * responder and the HTTP API, wired from a {@link HubConfig}. Every MQTT part registers on the
 * one session before it connects, so the broker sees one client ({@code mqtt.client-id}, a
 * persistent session) and a resumed session's queued messages find their handlers.
 * {@link #close()} stops it in order: responder, API, self-service, writer (writes and
 * acknowledges what it holds, takes nothing more), dashboard, the session, store, embedded broker.
 */
public final class Hub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Hub.class);

    private final tw.jiaohao.hub.db.HubDatabase database;
    private final HubStore store;
    private final IngestMetrics metrics = new IngestMetrics();
    private final EmbeddedBroker broker;
    private final BatchWriter writer;
    private final MqttIngest ingest;
    private final MqttSession session;
    private final ReplayRequester replays;
    private final ScheduledExecutorService timer;
    private final HubServer api;
    private final String brokerUrl;
    private final tw.jiaohao.hub.cases.SelfServiceHub selfService;
    private final Dashboard dashboard;
    private final tw.jiaohao.hub.recovery.RecoveryResponder recovery;
    private final tw.jiaohao.hub.db.JobLease jobs;

    private Hub(HubConfig config, Clock clock) {
        JsonCodec codec = new JsonCodec();
        config.sharedSessionExpiryWarning().ifPresent(log::warn);
        database = tw.jiaohao.hub.db.HubDatabase.open(config.database());
        try {
            store = new SqliteHubStore(database, config.dbSynchronous(), codec, clock, config.officeZone(), config.maxSeqAhead());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        // the singleton jobs run where this lease is held: taken (or not) now, renewed on its own timer
        jobs = new tw.jiaohao.hub.db.JobLease(database, tw.jiaohao.hub.db.JobLease.SINGLETON_JOBS,
                tw.jiaohao.hub.db.JobLease.holderId(config.clientId()), Duration.ofSeconds(config.jobsLeaseSeconds()), clock).start();
        EmbeddedBroker startedBroker = null;
        MqttSession startedSession = null;
        tw.jiaohao.hub.recovery.RecoveryResponder startedRecovery = null;
        BatchWriter startedWriter = null;
        MqttIngest startedIngest = null;
        ScheduledExecutorService startedTimer = null;
        tw.jiaohao.hub.cases.SelfServiceHub startedSelfService = null;
        Dashboard startedDashboard = null;
        try {
            String brokerUser = config.brokerUsername();
            String brokerPassword = config.brokerPassword();
            if (config.embeddedBroker()) {
                startedBroker = new EmbeddedBroker(config.embeddedBrokerDir(), config.embeddedBrokerBind(), config.embeddedBrokerMaxQueued(),
                        config.embeddedBrokerLogins() == null ? tw.jiaohao.hub.broker.BrokerLogins.anonymousLoopback()
                                : tw.jiaohao.hub.broker.BrokerLogins.fromFiles(config.embeddedBrokerLogins()))
                        .start(config.embeddedBrokerPort());
                brokerUrl = startedBroker.url();
                if (startedBroker.hubUsername() != null) { // the hub's own login at its broker, made at start
                    brokerUser = startedBroker.hubUsername();
                    brokerPassword = startedBroker.hubPassword();
                }
            } else {
                brokerUrl = config.brokerUrl();
            }
            try {
                startedSession = new MqttSession(mqttSettings(config, brokerUrl, brokerUser, brokerPassword), clock);
            } catch (IllegalArgumentException | tw.jiaohao.messaging.MessagingException e) {
                throw new HubException("cannot set up the hub's MQTT session: " + e.getMessage(), e);
            }
            MqttSession mqtt = startedSession;
            startedDashboard = new Dashboard(config.dashboard(), database, store, mqtt, config.officeZone(), codec, clock, jobs::held);
            Dashboard dash = startedDashboard;
            MqttIngest[] ingestRef = new MqttIngest[1];
            replays = new ReplayRequester(config.clientId(), Duration.ofSeconds(config.replayIntervalSeconds()),
                    Duration.ofSeconds(config.replayMaxIntervalSeconds()), clock, r -> ingestRef[0].publishReplay(r), metrics,
                    store::progress, Duration.ofSeconds(config.replayProbeIntervalSeconds()),
                    // several instances on one database: one of them asks, the progress read where they all write
                    new tw.jiaohao.hub.db.ReplayClaims(database, jobs.holder(), clock)::claim, store::progress,
                    office -> store.missing(office, 4 * ReplayRequester.MAX_REQUESTS * (int) ReplayRequester.JOIN_ACROSS, tw.jiaohao.protocol.event.ReplayRequest.MAX_SPAN));
            replays.update(store.progress());
            startedWriter = new BatchWriter(store, codec, config.queueCapacity(), config.batchMax(), metrics,
                    outcome -> {
                        replays.update(outcome.touched());
                        dash.onStored(outcome.newEvents());
                        dash.alerts().onSeqTroubles(outcome.troubles());
                    });
            startedWriter.start();
            startedIngest = new MqttIngest(mqtt, config.shareGroup(), startedWriter, metrics,
                    // after the session's queued messages have had time to arrive, probe for lost tail events
                    () -> replays.probeAfter(Duration.ofSeconds(2L * config.replayIntervalSeconds())));
            ingestRef[0] = startedIngest;
            startedRecovery = tw.jiaohao.hub.recovery.RecoveryResponder.start(mqtt, store, clock);
            if (config.selfService() != null) {
                if (!config.selfService().mqttClientId().equals(tw.jiaohao.hub.cases.SelfServiceConfig.DEFAULTS.get("selfservice.mqtt.client-id"))) {
                    log.warn("configuration key 'selfservice.mqtt.client-id' is no longer used (the hub has one MQTT session, "
                            + "'mqtt.client-id') and will be removed in the next release; remove it");
                }
                startedSelfService = tw.jiaohao.hub.cases.SelfServiceHub.start(config.selfService(), database, mqtt,
                        config.officeZone(), clock, dash.alerts()::onLookupGuessing, jobs::held);
            }
            mqtt.start();
            if (!awaitConnected(mqtt)) {
                log.warn("broker {} not reachable yet; the hub keeps trying", brokerUrl);
            }
            startedTimer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "hub-replay-timer");
                t.setDaemon(true);
                return t;
            });
            startedTimer.scheduleWithFixedDelay(replays::tick, 200, 200, TimeUnit.MILLISECONDS);
            DashboardWeb pages = dash.web();
            List<WebFeature> features = new ArrayList<>();
            features.add(new IngestApi(store, metrics, clock, config.officeZone(), config.dashboard().ingestApiPublic()));
            features.add(pages);
            features.add(pages.staffing(dash.staffing()));
            features.add(pages.estimates(dash.estimates()));
            features.add(pages.settings(dash.settings(), dash.live()::state));
            features.add(pages.districts(dash.districts()));
            if (startedSelfService != null) {
                features.add(pages.cases(startedSelfService));
            }
            api = new HubServer(dash.auth(), codec.mapper(), clock, pages::errorPage, features).start(config.httpBind(), config.httpPort());
        } catch (RuntimeException e) {
            if (startedRecovery != null) {
                startedRecovery.close();
            }
            if (startedSelfService != null) {
                startedSelfService.close();
            }
            if (startedTimer != null) {
                startedTimer.shutdownNow();
            }
            if (startedIngest != null) {
                startedIngest.close();
            }
            if (startedWriter != null) {
                startedWriter.close();
            }
            if (startedDashboard != null) {
                startedDashboard.close();
            }
            if (startedSession != null) {
                startedSession.close();
            }
            jobs.close();
            store.close();
            database.close();
            if (startedBroker != null) {
                startedBroker.stop();
            }
            throw e;
        }
        broker = startedBroker;
        dashboard = startedDashboard;
        writer = startedWriter;
        ingest = startedIngest;
        timer = startedTimer;
        selfService = startedSelfService;
        recovery = startedRecovery;
        session = startedSession;
        log.info("hub up: broker {}, API http://{}:{}", brokerUrl, config.httpBind(), api.port());
    }

    /**
     * The hub's one session: {@code mqtt.client-id}, persistent for {@code mqtt.session-expiry-seconds},
     * at most as many unacknowledged messages from the broker as the writer's queue holds
     * ({@code ingest.queue-capacity}, the ingest's flow control).
     */
    static MqttSettings mqttSettings(HubConfig config, String brokerUrl, String user, String password) {
        return MqttSettings.defaults(config.clientId()).withUrl(brokerUrl).withLogin(user, password)
                .withKeepAlive(Duration.ofSeconds(30)).withConnectTimeout(Duration.ofSeconds(10))
                .withSessionExpiry(Duration.ofSeconds(config.sessionExpirySeconds()))
                .withReceiveMaximum(Math.min(MqttSettings.MAX_RECEIVE_MAXIMUM, config.queueCapacity()));
    }

    /** Waits up to 10 s for the first connection (what the hub has always waited before serving). */
    private static boolean awaitConnected(MqttSession mqtt) {
        try {
            return mqtt.awaitConnected(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

        /** Starts a hub; throws {@link HubException} saying what to fix if a part cannot start. */
    public static Hub start(HubConfig config, Clock clock) {
        return new Hub(config, clock);
    }

    public String brokerUrl() {
        return brokerUrl;
    }

    /** {@code http://127.0.0.1:<port>} */
    public String apiUrl() {
        return "http://127.0.0.1:" + api.port();
    }

    /** The web server: every route and its access rule. */
    public HubServer server() {
        return api;
    }

    /** The managers' dashboard (users, alerts, notices, reports, web pages). */
    public Dashboard dashboard() {
        return dashboard;
    }

    public HubStore store() {
        return store;
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    /** The lease of the singleton jobs (held by one instance of those sharing the database). */
    public tw.jiaohao.hub.db.JobLease jobs() {
        return jobs;
    }

    public ReplayRequester replays() {
        return replays;
    }

    /** The responder to office nodes' start-up checks. */
    public tw.jiaohao.hub.recovery.RecoveryResponder recovery() {
        return recovery;
    }

    /** True when every message taken from the broker is written and acknowledged. */
    public boolean writerIdle() {
        return writer.isIdle();
    }

    /** Whether the hub's MQTT session is connected. */
    public boolean connected() {
        return session.isConnected();
    }

    /** The hub's one MQTT session (its counters: {@code mqtt().metrics()}). */
    public MqttSession mqtt() {
        return session;
    }

    /** The self-service part (look-ups, requests, cases), or null when {@code selfservice.enabled=false}. */
    public tw.jiaohao.hub.cases.SelfServiceHub selfService() {
        return selfService;
    }

    @Override
    public synchronized void close() {
        recovery.close();
        api.close();
        if (selfService != null) {
            selfService.close();
        }
        timer.shutdownNow();
        // flush first, while still connected, so the last batch's acknowledgements reach the broker;
        // messages arriving meanwhile stay unacknowledged and come again to the next session
        writer.close();
        dashboard.close();
        ingest.close();
        session.close();
        jobs.close();
        store.close();
        database.close();
        if (broker != null) {
            broker.stop();
        }
        log.info("hub stopped");
    }

    /**
     * Stops as a crash would: the connection dropped, queued messages neither written nor
     * acknowledged; the store closed and an embedded broker stopped (its sessions stay on
     * disk), so a new hub on the same files takes over the session. For crash-recovery tests.
     */
    public synchronized void halt() {
        timer.shutdownNow();
        session.halt();
        writer.halt();
        recovery.close();
        ingest.close();
        api.close();
        if (selfService != null) {
            selfService.close();
        }
        dashboard.close();
        jobs.halt();
        store.close();
        database.close();
        if (broker != null) {
            broker.stop();
        }
        log.info("hub halted (simulated crash)");
    }
}
