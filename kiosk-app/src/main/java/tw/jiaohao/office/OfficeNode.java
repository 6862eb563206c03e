package tw.jiaohao.office;

import java.time.Clock;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.link.Backoff;
import tw.jiaohao.office.link.MqttLink;
import tw.jiaohao.office.ticketing.OfficeDatabase;
import tw.jiaohao.office.ticketing.OfficeService;
import tw.jiaohao.office.ticketing.QueueEngine;

/**
 * One office node wired from its configuration: the SQLite store, the queue engine and the
 * MQTT link. {@link #close()} stops the link (offline status), the engine and the store, in
 * that order. The UI of a later issue takes {@link #service()}.
 */
public final class OfficeNode implements AutoCloseable {
    private final OfficeDatabase db;
    private final QueueEngine engine;
    private final MqttLink link;

    private OfficeNode(OfficeDatabase db, QueueEngine engine, MqttLink link) {
        this.db = db;
        this.engine = engine;
        this.link = link;
    }

    /** Opens the store and starts the link in the background (the broker may be down). */
    public static OfficeNode start(OfficeConfig config, Clock clock, Backoff backoff) {
        OfficeDatabase db = OfficeDatabase.open(config.databasePath(), config.officeId());
        QueueEngine engine;
        try {
            engine = new QueueEngine(config, db, clock);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        MqttLink link = new MqttLink(config, engine, engine, clock, backoff);
        link.start();
        return new OfficeNode(db, engine, link);
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

    @Override
    public void close() {
        try {
            link.close();
        } finally {
            engine.close();
            db.close();
        }
    }
}
