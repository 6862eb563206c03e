package tw.jiaohao.office.selfservice;

import java.time.Clock;
import tw.jiaohao.hardware.printing.TicketPrinter;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.messaging.MqttSession;
import tw.jiaohao.office.ticketing.OfficeDatabase;
import tw.jiaohao.office.ticketing.OfficeService;

/**
 * Self-service wired into an office node: the request outbox in the office database, the MQTT
 * link on the process's one MQTT session, and the {@link SelfServiceDesk} the kiosk UI calls.
 * Start it after the office node; close it before.
 */
public final class SelfServiceNode implements AutoCloseable {
    private final SelfServiceLink link;
    private final SelfServiceDesk desk;
    private final RequestStore store;

    private SelfServiceNode(SelfServiceLink link, SelfServiceDesk desk, RequestStore store) {
        this.link = link;
        this.desk = desk;
        this.store = store;
    }

    public static SelfServiceNode start(OfficeConfig config, SelfServiceSettings settings, OfficeDatabase db, OfficeService queue,
                                        TicketPrinter printer, Clock clock, MqttSession session) {
        RequestStore store = new RequestStore(db);
        SelfServiceLink link = new SelfServiceLink(session, config.officeId(), store, settings.resendAfter(), clock).start();
        SelfServiceDesk desk = new SelfServiceDesk(config.officeId(), config.nameZh(), config.zone(), settings, link, store, queue,
                printer, clock, link::requestTaken);
        return new SelfServiceNode(link, desk, store);
    }

    public SelfServiceDesk desk() {
        return desk;
    }

    public RequestStore requests() {
        return store;
    }

    public SelfServiceLink link() {
        return link;
    }

    @Override
    public void close() {
        link.close();
    }
}
