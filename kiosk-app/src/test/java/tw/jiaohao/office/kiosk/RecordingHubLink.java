package tw.jiaohao.office.kiosk;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import tw.jiaohao.protocol.device.PrinterCondition;
import tw.jiaohao.protocol.notice.NoticeBoard;

/** A hub link that records printer reports and lets a test deliver notice boards. */
final class RecordingHubLink implements KioskHubLink {
    final List<PrinterCondition> reports = new CopyOnWriteArrayList<>();
    private final List<Consumer<NoticeBoard>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public Runnable onNotices(Consumer<NoticeBoard> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void reportPrinter(PrinterCondition condition, String detail) {
        reports.add(condition);
    }

    void deliver(NoticeBoard board) {
        listeners.forEach(l -> l.accept(board));
    }
}
