package tw.jiaohao.office.ticketing;

/**
 * How every change of the queue is stored, for the engine's parts that change it (issuing,
 * counter commands, ratings, the end-of-day sweep): one transaction ({@link EventLog#change},
 * which keeps the reply true when only the COMMIT failed); inside it, under the writer lock, the
 * waiting estimate learns that the state changed ({@link WaitingEstimate#changed()}); after the
 * commit its thread is woken, the high-water mark is recorded off the caller's path ({@link HighWaterMark#recordSoon}),
 * the outbox's publisher is woken ({@link EventLog#notifyAppended()}) and the change is counted
 * for the WAL's next checkpoint ({@link WalCheckpoints#changed()}).
 *
 * <p>Threading: any thread; changes run one at a time under the database's lock. Failure: a
 * refusal or a store failure propagates and nothing after the commit runs. Offline: the store only.
 */
final class Changes {
    private final EventLog events;
    private final WaitingEstimate estimate;
    private final HighWaterMark highWater;
    private final WalCheckpoints checkpoints;

    Changes(EventLog events, WaitingEstimate estimate, HighWaterMark highWater, WalCheckpoints checkpoints) {
        this.events = events;
        this.estimate = estimate;
        this.highWater = highWater;
        this.checkpoints = checkpoints;
    }

    /** Runs {@code work} as one change. */
    <T> T run(OfficeDatabase.Work<T> work) {
        return run(work, r -> true);
    }

    /** Runs {@code work} as one change that may turn out to change nothing ({@code changed} says whether it did by its result). */
    <T> T run(OfficeDatabase.Work<T> work, java.util.function.Predicate<T> changed) {
        boolean[] did = new boolean[1];
        T result = events.change(c -> {
            T r = work.run(c);
            did[0] = changed.test(r);
            if (did[0]) {
                estimate.changed();
            }
            return r;
        }, highWater::recordSoon);
        if (did[0]) {
            estimate.wake();
            events.notifyAppended();
            checkpoints.changed();
        }
        return result;
    }
}
