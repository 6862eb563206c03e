package tw.jiaohao.office;

import java.time.Clock;
import tw.jiaohao.messaging.DeviceIdentity;
import tw.jiaohao.messaging.Session;
import tw.jiaohao.messaging.Sessions;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.fleet.FleetSettings;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.messaging.Backoff;
import tw.jiaohao.office.link.MqttLink;
import tw.jiaohao.office.link.StartupCheck;
import tw.jiaohao.office.ticketing.OfficeDatabase;
import tw.jiaohao.office.ticketing.OfficeService;
import tw.jiaohao.office.ticketing.QueueEngine;
import tw.jiaohao.office.upkeep.Upkeep;

/**
 * One office node wired from its configuration: the SQLite store, the queue engine, the
 * process's one MQTT {@link Session} and the node's features on it ({@link MqttLink}), and the daily upkeep (end of the day, retention). {@link #close()} stops the
 * upkeep, the link (offline status), the engine and the store, in that order. The UI of a later issue takes {@link #service()}.
 */
public final class OfficeNode implements AutoCloseable {
    private final OfficeDatabase db;
    private final QueueEngine engine;
    private final MqttLink link;
    private final Upkeep upkeep;
    private final StartupCheck check;
    private final Session session;
    private final FleetSettings fleet;

    private OfficeNode(OfficeDatabase db, QueueEngine engine, Session session, MqttLink link, Upkeep upkeep, StartupCheck check,
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
        OfficeDatabase db = OfficeDatabase.open(config.databasePath(), config.officeId());
        QueueEngine engine;
        FleetSettings.Restored kept;
        try {
            kept = FleetSettings.restore(db, config);
            engine = new QueueEngine(kept.config(), db, clock);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        Session session;
        try {
            session = Sessions.start(config.mqtt().withReconnect(backoff),
                    new DeviceIdentity(config.officeId(), config.deviceId(), DeviceKind.OFFICE_NODE, DeviceIdentity.versionOf(OfficeNode.class)));
        } catch (RuntimeException e) {
            engine.close();
            db.close();
            throw e;
        }
        MqttLink link = new MqttLink(kept.config(), engine, engine, clock, session);
        FleetSettings fleet = new FleetSettings(engine, config, kept.version(), link::publishSettingsAck, clock);
        link.onSettings(fleet::onMessage);
        engine.health().onChange(link::setStatusDetail);
        StartupCheck check = new StartupCheck(engine, link, config.upkeep().recoveryTimeout()).hold();
        link.start();
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

    /** Head office's settings on this node (the version in force). */
    public FleetSettings fleetSettings() {
        return fleet;
    }

    /**
     * The process's one MQTT session: the kiosk, self-service and other features of this process
     * register on it rather than opening connections of their own.
     */
    public Session session() {
        return session;
    }

    public MqttLink link() {
        return link;
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
