package tw.jiaohao.hub.dashboard;

import tw.jiaohao.hub.settings.SettingsService;
import tw.jiaohao.hub.settings.SettingsStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.alerts.AlertFeed;
import tw.jiaohao.hub.db.HubDatabase;
import tw.jiaohao.hub.alerts.AlertService;
import tw.jiaohao.hub.alerts.AlertStore;
import tw.jiaohao.hub.auth.AuthService;
import tw.jiaohao.hub.live.LiveBoard;
import tw.jiaohao.hub.live.MqttDashboardLink;
import tw.jiaohao.hub.notices.NoticeService;
import tw.jiaohao.hub.notices.NoticeStore;
import tw.jiaohao.hub.report.ReportService;
import tw.jiaohao.hub.store.HubStore;
import tw.jiaohao.hub.web.DashboardWeb;
import tw.jiaohao.hub.web.TicketPage;
import tw.jiaohao.hub.web.WebSettings;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * The managers' side of the hub, wired: users and sessions, reports over the rollups, alerts,
 * notices and the live board, their MQTT link, and the web pages ({@link #web()}, to install
 * into the hub's HTTP server). The ingest hands it every newly stored event through
 * {@link #onStored}; alerts are derived from the stored events on a thread of their own
 * ({@link AlertFeed}, a durable cursor), so ingest never waits on them and a crash loses none.
 */
public final class Dashboard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dashboard.class);

    private final HubDatabase db;
    private final AuthService auth;
    private final LiveBoard live = new LiveBoard();
    private final AlertService alerts;
    private final AlertFeed eventAlerts;
    private final NoticeService notices;
    private final SettingsService settings;
    private final tw.jiaohao.hub.districts.Districts districts;
    private final ReportService reports;
    private final MqttDashboardLink link;
    private final DashboardWeb web;
    private final tw.jiaohao.hub.staffing.StaffingService staffing;
    private final tw.jiaohao.hub.staffing.WaitTargetWatch waitWatch;
    private final java.util.concurrent.ScheduledExecutorService warningTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wait-target-warning");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService statusAlerts = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dashboard-alerts");
        t.setDaemon(true);
        return t;
    });
    private final tw.jiaohao.hub.estimates.EstimatesService estimates;
    private final tw.jiaohao.hub.estimates.DriftCheck driftCheck;
    private final java.util.concurrent.ScheduledExecutorService driftTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "estimate-drift-check");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param db        the hub's database (the dashboard's tables live beside the ingest's), kept open by the caller
     * @param mqtt      the hub's one MQTT session (started and closed by the caller)
     * @param singletonJobs whether this instance holds the job lease now: the notices' timed
     *                  republishing, the estimate-drift and the wait-target checks run only then
     */
    public Dashboard(DashboardConfig config, HubDatabase db, HubStore store, tw.jiaohao.messaging.MqttSession mqtt, ZoneId zone,
                     JsonCodec codec, Clock clock, java.util.function.BooleanSupplier singletonJobs) {
        this.db = db;
        auth = AuthService.open(db, clock, config.sessionIdle(), config.maxFailedLogins(), config.lockout());
        AlertStore alertStore = new AlertStore(db);
        alerts = new AlertService(alertStore, clock, config.targetWait());
        eventAlerts = new AlertFeed(alertStore, alerts, codec, java.time.Duration.ofSeconds(1));
        link = new MqttDashboardLink(mqtt, codec, live, status -> statusAlerts.execute(() -> alerts.onDeviceStatus(status)));
        notices = new NoticeService(new NoticeStore(db, codec), link, clock, singletonJobs);
        settings = new SettingsService(new SettingsStore(db, codec), link, clock);
        districts = new tw.jiaohao.hub.districts.Districts(db, clock);
        link.onSettingsAnswer(a -> statusAlerts.execute(() -> settings.onAnswer(a)));
        link.onConnected(() -> {
            notices.republishAll();
            settings.republishAll();
        });
        reports = new ReportService(store, live, clock, zone, config.targetWait());
        estimates = new tw.jiaohao.hub.estimates.EstimatesService(store, reports::zone, o -> reports.categoryNames(List.of(o)));
        driftCheck = new tw.jiaohao.hub.estimates.DriftCheck(estimates, new tw.jiaohao.hub.estimates.DriftCheck.Alerts() {
            @Override
            public void drifting(String office, String detail) {
                alerts.onEstimateDrift(office, detail);
            }

            @Override
            public void recovered(String office, String detail) {
                alerts.onEstimatesRecovered(office, detail);
            }
        }, config.estimateDrift(), reports::offices, reports::today);
        long every = config.estimateDrift().checkEvery().toSeconds();
        driftTimer.scheduleWithFixedDelay(() -> {
            if (singletonJobs.getAsBoolean()) {
                driftCheck.run();
            }
        }, every, every, TimeUnit.SECONDS);
        web = new DashboardWeb(auth, reports, alerts, notices, new WebSettings(config.cookieSecure(), config.sessionIdle(), zone,
                config.pollSeconds()), clock, codec.mapper(),
                new TicketPage(store::ticket, live, clock, zone, config.ticketPagePerMinute()));
        tw.jiaohao.hub.staffing.SqliteTicketHistory tickets = new tw.jiaohao.hub.staffing.SqliteTicketHistory(db);
        staffing = new tw.jiaohao.hub.staffing.StaffingService(tickets, live::state,
                office -> settings.latest(office).map(tw.jiaohao.protocol.settings.OfficeSettings::hours), config.staffing(), zone, clock);
        waitWatch = new tw.jiaohao.hub.staffing.WaitTargetWatch(staffing, tickets, live::offices, live::state, alerts, zone, clock);
        if (config.staffing().warningCheckMinutes() > 0) {
            long minutes = config.staffing().warningCheckMinutes();
            warningTimer.scheduleWithFixedDelay(() -> {
                if (singletonJobs.getAsBoolean()) {
                    waitWatch.checkOnce();
                }
            }, minutes, minutes, TimeUnit.MINUTES);
        }
        if (!auth.users().hasHeadOffice()) {
            log.warn("no head-office user yet: create one with  bin/jiaohao hub create-admin --config <file> --user <name>");
        }
    }

    /** The ingest stored new events: derive their alerts now (see {@link AlertFeed}); returns at once. */
    public void onStored(List<OfficeEvent> events) {
        if (!events.isEmpty()) {
            eventAlerts.wake();
        }
    }

    /** Staffing advice and what-if for the offices (docs/STAFFING.md). */
    public tw.jiaohao.hub.staffing.StaffingService staffing() {
        return staffing;
    }

    /** The early warning of a broken wait target (checked on a timer; {@code checkOnce} for tests). */
    public tw.jiaohao.hub.staffing.WaitTargetWatch waitTargetWatch() {
        return waitWatch;
    }

    /** The durable feed of alerts from stored events. */
    public AlertFeed alertFeed() {
        return eventAlerts;
    }

    public DashboardWeb web() {
        return web;
    }

    public AuthService auth() {
        return auth;
    }

    public AlertService alerts() {
        return alerts;
    }

    /** Which district each office is in (head office's /districts page). */
    public tw.jiaohao.hub.districts.Districts districts() {
        return districts;
    }

    /** Head office's settings for the offices, and the nodes' answers. */
    public SettingsService settings() {
        return settings;
    }

    public NoticeService notices() {
        return notices;
    }

    public ReportService reports() {
        return reports;
    }

    /** The quoted-vs-actual figures of the offices' waiting estimates. */
    public tw.jiaohao.hub.estimates.EstimatesService estimates() {
        return estimates;
    }

    /** The estimate-drift check the dashboard runs every {@code estimates.drift.check-minutes}. */
    public tw.jiaohao.hub.estimates.DriftCheck driftCheck() {
        return driftCheck;
    }

    public LiveBoard live() {
        return live;
    }

    public MqttDashboardLink link() {
        return link;
    }

    @Override
    public void close() {
        warningTimer.shutdownNow();
        driftTimer.shutdownNow();
        eventAlerts.close();
        notices.close();
        statusAlerts.shutdown();
        try {
            statusAlerts.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        link.close();
    }
}
