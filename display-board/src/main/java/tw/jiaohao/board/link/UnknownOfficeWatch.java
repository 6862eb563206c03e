package tw.jiaohao.board.link;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import tw.jiaohao.board.fx.Fx;

/**
 * Notices a device whose {@code office.id} matches no office node: connected to the broker for
 * {@code after} and still no state snapshot (the node publishes one, retained, so a right id gets
 * it at once). Pure and thread-safe: the link thread reports, a once-a-second tick asks.
 */
public final class UnknownOfficeWatch {
    private final Duration after;
    private volatile Instant connectedAt;
    private volatile boolean anySnapshot;
    private final AtomicBoolean reported = new AtomicBoolean();

    public UnknownOfficeWatch(Duration after) {
        this.after = after;
    }

    public void connected(Instant now) {
        if (connectedAt == null) {
            connectedAt = now;
        }
    }

    public void snapshot() {
        anySnapshot = true;
    }

    /** True once, at the first tick {@code after} past the first connect with no snapshot yet. */
    public boolean becameUnknown(Instant now) {
        Instant since = connectedAt;
        return !anySnapshot && since != null && !now.isBefore(since.plus(after)) && reported.compareAndSet(false, true);
    }

    public Duration after() {
        return after;
    }

    /** What the screen says, with what to check. */
    public static String message(String officeId, boolean english) {
        return Fx.text(english,
                "沒有辦公室「" + officeId + "」的資料。請確認本機設定檔的 office.id 與辦公室主機的 office.id 相同，且主機已開機。",
                "No office node publishes office '" + officeId + "'. Check that office.id in this device's configuration"
                        + " matches the office node's office.id, and that the node is running.");
    }
}
