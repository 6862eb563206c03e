package tw.jiaohao.office.kiosk;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.protocol.state.StateSnapshot;

/** Decorators that note which threads called the engine and the printer. */
final class ThreadRecorder {
    final Set<String> threads = ConcurrentHashMap.newKeySet();

    private void note() {
        threads.add(Thread.currentThread().getName());
    }

    KioskQueue queue(KioskQueue q) {
        return new KioskQueue() {
            @Override
            public KioskTicket issue(String category) {
                note();
                return q.issue(category);
            }

            @Override
            public RatingReply rate(String ticketNumber, Rating rating) {
                note();
                return q.rate(ticketNumber, rating);
            }

            @Override
            public StateSnapshot snapshot() {
                note();
                return q.snapshot();
            }

            @Override
            public Runnable onSnapshot(Consumer<StateSnapshot> listener) {
                return q.onSnapshot(listener);
            }
        };
    }

    KioskPrinter printer(KioskPrinter p) {
        return new KioskPrinter() {
            @Override
            public PrintReport print(SlipRequest slip) {
                note();
                return p.print(slip);
            }

            @Override
            public PrinterReading status() {
                note();
                return p.status();
            }
        };
    }
}
