package tw.jiaohao.office;

import java.time.Clock;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.fleet.FleetSettings;
import tw.jiaohao.messaging.Backoff;
import tw.jiaohao.messaging.MqttSession;
import tw.jiaohao.office.link.MqttLink;
import tw.jiaohao.office.link.StartupCheck;
import tw.jiaohao.office.ticketing.ClockTrust;
import tw.jiaohao.office.ticketing.OfficeDatabase;
import tw.jiaohao.office.ticketing.OfficeTime;
import tw.jiaohao.office.ticketing.OfficeService;
import tw.jiaohao.office.ticketing.QueueEngine;
import tw.jiaohao.office.upkeep.Upkeep;

/**
 * One office node wired from its configuration: the SQLite store, the queue engine, the
 * process's one MQTT session ({@link #session()}) and the node's link on it, head office's settings ({@link FleetSettings}), and the daily upkeep (end of the day, retention). {@link #close()} stops the
 * upkeep, the link, the session (offline status), the engine and the store, in that order. The UI of a later issue takes {@link #service()}.
 */
public final class OfficeNode implements AutoCloseable {
    private final OfficeDatabase db;
    private final QueueEngine engine;
    private final MqttSession session;
    private final MqttLink link;
    private final Upkeep upkeep;
    private final StartupCheck check;
    private final FleetSettings fleet;

    private OfficeNode(OfficeDatabase db, QueueEngine engine, MqttSession session, MqttLink link, Upkeep upkeep, StartupCheck check,
                       FleetSettings fleet) {
        this.session = session;
        this.fleet = fleet;
        this.check = check;
        this.db = db;
        this.engine = engine;
        this.link = link;
        this.upkeep = upkeep;
    }

    /** Opens the store and starts the link in the background (the broker may be down). */
    public static OfficeNode start(OfficeConfig config, Clock clock, Backoff backoff) {
        return start(config, clock, OfficeTime.syncStatusFor(clock), backoff);
    }

    /** As {@link #start(OfficeConfig, Clock, Backoff)}, with the system's clock-synchronisation status given (fault tests). */
    public static OfficeNode start(OfficeConfig config, Clock clock, ClockTrust.SyncStatus sync, Backoff backoff) {
        OfficeDatabase db = OfficeDatabase.open(config.databasePath(), config.officeId());
        QueueEngine engine;
        FleetSettings.Restored kept;
        try {
            kept = FleetSettings.restore(db, config);
            engine = new QueueEngine(kept.config(), db, clock, sync);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        MqttSession session = MqttLink.sessionFor(kept.config(), kept.config().mqtt().withBackoff(backoff), clock);
        MqttLink link = new MqttLink(kept.config(), engine, engine, session);
        FleetSettings fleet = new FleetSettings(engine, config, kept.version(), link::publishSettingsAck, clock);
        fleet.restoreLanguages(kept.languages());
        engine.showLanguages(kept.languages());
        fleet.onLanguages(engine::showLanguages);
        link.onSettings(fleet::onMessage);
        engine.health().onChange(link::setStatusDetail);
        StartupCheck check = new StartupCheck(engine, engine.hubRestore(), link, config.upkeep().recoveryTimeout()).hold();
        link.start();
        session.start();
        check.start();
        return new OfficeNode(db, engine, session, link, new Upkeep(engine).start(), check, fleet);
    }

    /** The start-up check with the hub (completes once changes are accepted). */
    public StartupCheck startupCheck() {
        return check;
    }

    public OfficeService service() {
        return engine;
    }

    public QueueEngine engine() {
        return engine;
    }

    public MqttLink link() {
        return link;
    }

    /**
     * The process's one MQTT session: the kiosk and self-service of this process publish and
     * subscribe through it. Closed by {@link #close()}, after every feature using it.
     */
    public MqttSession session() {
        return session;
    }

    /** Head office's settings on this node (the version in force). */
    public FleetSettings fleetSettings() {
        return fleet;
    }

    /** The office database, for features that keep their own tables in it (self-service requests). */
    public OfficeDatabase database() {
        return db;
    }

    @Override
    public void close() {
        try {
            upkeep.close();
            fleet.close();
            link.close();
            session.close();
        } finally {
            engine.close();
            db.close();
        }
    }
}
