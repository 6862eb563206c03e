package tw.jiaohao.office.kiosk;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import tw.jiaohao.messaging.DeviceIdentity;
import tw.jiaohao.messaging.Inbound;
import tw.jiaohao.messaging.Registration;
import tw.jiaohao.messaging.Session;
import tw.jiaohao.messaging.StatusHandle;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.device.PrinterCondition;
import tw.jiaohao.protocol.notice.NoticeBoard;

/**
 * Adapter: {@link KioskHubLink} on the process's one MQTT {@link Session}, as the kiosk device
 * {@code kiosk.device-id} of the office. The kiosk's retained device status (with the printer
 * condition) is one of the session's hosted devices: published online after every connect and
 * offline at close; a crash of the process shows as the office node's last will. It subscribes
 * to {@link Topics#noticesFor(String)} (retained boards arrive at once and after every
 * reconnect). Offline, nothing blocks: the condition is kept and sent on the next connect.
 * Malformed notice boards, and boards whose scope differs from their topic's office, are
 * refused, logged once per kind and source and counted ({@link #rejectedNotices()}).
 */
public final class MqttKioskLink implements KioskHubLink, AutoCloseable {
    private final Session session;
    private final String office;
    private final String device;
    private final JsonCodec codec = new JsonCodec();
    private final List<Consumer<NoticeBoard>> listeners = new CopyOnWriteArrayList<>();
    private final List<Registration> registrations = new ArrayList<>();
    private final AtomicLong rejected = new AtomicLong();
    private StatusHandle status;

    public MqttKioskLink(Session session, String office, String deviceId) {
        this.session = session;
        this.office = office;
        this.device = deviceId;
    }

    /** Registers the kiosk on the session; returns at once. */
    public synchronized void start() {
        status = session.hostDevice(new DeviceIdentity(office, device, DeviceKind.KIOSK, DeviceIdentity.versionOf(MqttKioskLink.class)));
        for (String filter : Topics.noticesFor(office)) {
            registrations.add(session.subscribeRaw(filter, this::noticeArrived));
        }
    }

    @Override
    public Runnable onNotices(Consumer<NoticeBoard> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void reportPrinter(PrinterCondition condition, String detail) {
        StatusHandle s;
        synchronized (this) {
            s = status;
        }
        if (s != null) {
            s.update(condition, detail == null ? null : detail.substring(0, Math.min(detail.length(), 300)));
        }
    }

    /** Notice boards refused as malformed or addressed to another office. */
    public long rejectedNotices() {
        return rejected.get();
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    private void noticeArrived(Inbound<byte[]> in) {
        String topic = in.topic();
        Decoded<NoticeBoard> d = codec.decode(in.payload(), NoticeBoard.class);
        if (d instanceof Decoded.Accepted<NoticeBoard> a) {
            var parsed = Topics.parse(topic);
            if (parsed.isPresent() && parsed.get().office().equals(a.message().scope())) {
                listeners.forEach(l -> l.accept(a.message()));
                return;
            }
            rejected.incrementAndGet();
            session.refusals().refused("refused notice board", office, "its scope '" + a.message().scope() + "' differs from the topic's");
            return;
        }
        rejected.incrementAndGet();
        session.refusals().refused("refused notice board", office, d.toString());
    }

    /** Unsubscribes; the session publishes the kiosk offline when it closes. */
    @Override
    public synchronized void close() {
        registrations.forEach(Registration::close);
        registrations.clear();
    }
}
