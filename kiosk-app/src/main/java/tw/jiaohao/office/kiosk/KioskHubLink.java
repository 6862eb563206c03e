package tw.jiaohao.office.kiosk;

import java.util.function.Consumer;
import tw.jiaohao.protocol.device.PrinterCondition;
import tw.jiaohao.protocol.notice.NoticeBoard;

/**
 * Port: the kiosk's two conversations with the hub, carried by the office's MQTT connection.
 *
 * <p>Notices arrive retained on {@code hub/notice/{office}} and {@code hub/notice/all}; a board
 * replaces the earlier board of the same scope. The printer's condition goes out as the
 * kiosk's retained {@code DeviceStatus}. Offline: notices already received stay on screen
 * (the kiosk shows each only between its start and end by its own clock); the latest
 * printer condition is published when the connection is back. Never blocks for the network.
 */
public interface KioskHubLink {

    /**
     * Calls {@code listener} with every notice board received (on any thread). Returns a
     * handle whose {@code run()} unsubscribes.
     */
    Runnable onNotices(Consumer<NoticeBoard> listener);

    /** Reports the kiosk printer's condition to the hub; {@code detail} is a sentence for the office's staff. */
    void reportPrinter(PrinterCondition condition, String detail);

    /** A link for a kiosk without a broker: no notices, reports only logged by the caller. */
    static KioskHubLink none() {
        return new KioskHubLink() {
            @Override
            public Runnable onNotices(Consumer<NoticeBoard> listener) {
                return () -> { };
            }

            @Override
            public void reportPrinter(PrinterCondition condition, String detail) {
            }
        };
    }
}
