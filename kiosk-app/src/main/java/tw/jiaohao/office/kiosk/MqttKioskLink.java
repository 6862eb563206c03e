package tw.jiaohao.office.kiosk;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import tw.jiaohao.messaging.Device;
import tw.jiaohao.messaging.Inbound;
import tw.jiaohao.messaging.MqttSession;
import tw.jiaohao.messaging.Registration;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.device.PrinterCondition;
import tw.jiaohao.protocol.notice.NoticeBoard;

/**
 * Adapter: {@link KioskHubLink} over the process's {@link MqttSession} (the office node's), as
 * the kiosk device {@code kiosk.device-id} of the office.
 *
 * <p>The kiosk is a device of its own with its own retained status ({@code KIOSK}, with the
 * printer's condition), kept by the session: online on every connect, offline when this link
 * closes. The session's last will is the office node's status (MQTT allows one will per
 * connection), so a vanished process shows as the node offline. Notice boards arrive on
 * {@link Topics#noticesFor(String)} (retained boards at once after each connect); malformed
 * boards and boards whose scope differs from their topic are refused, counted and logged once
 * per topic by the session ({@link #rejectedNotices()}). Offline,
 * nothing blocks: the printer's condition is kept and sent on the next connect.
 */
public final class MqttKioskLink implements KioskHubLink, AutoCloseable {
    private final MqttSession session;
    private final String office;
    private final String device;
    private final List<Consumer<NoticeBoard>> listeners = new CopyOnWriteArrayList<>();
    private final List<Registration> registrations = new ArrayList<>();
    private MqttSession.DeviceHandle status;

    public MqttKioskLink(MqttSession session, String office, String deviceId) {
        this.session = session;
        this.office = office;
        this.device = deviceId;
    }

    /** Registers the kiosk's device and notice handlers on the session; returns at once. */
    public void start() {
        status = session.addDevice(new Device(office, device, DeviceKind.KIOSK, Device.versionOf(MqttKioskLink.class)));
        for (String topic : Topics.noticesFor(office)) {
            registrations.add(session.subscribe(topic, 1, NoticeBoard.class, this::noticeArrived));
        }
    }

    @Override
    public Runnable onNotices(Consumer<NoticeBoard> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void reportPrinter(PrinterCondition condition, String detail) {
        status.update(condition, detail == null ? null : detail.substring(0, Math.min(detail.length(), 300)));
    }

    /** Notice boards refused as malformed or addressed to another office. */
    public long rejectedNotices() {
        return session.metrics().rejected(NoticeBoard.class.getSimpleName());
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    private void noticeArrived(Inbound<NoticeBoard> in) {
        var parsed = Topics.parse(in.topic());
        if (parsed.isPresent() && parsed.get().office().equals(in.message().scope())) {
            listeners.forEach(l -> l.accept(in.message()));
            return;
        }
        session.metrics().reject(NoticeBoard.class.getSimpleName(), in.topic(), "its scope differs from the topic's office");
    }

    /** Publishes the kiosk offline (when connected) and removes its handlers; the session stays open. */
    @Override
    public void close() {
        registrations.forEach(Registration::close);
        if (status != null) {
            status.close();
        }
    }
}
