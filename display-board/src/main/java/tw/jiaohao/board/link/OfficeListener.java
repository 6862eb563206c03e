package tw.jiaohao.board.link;

import java.time.Instant;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * What a board or counter unit hears from its office. Called on the link's threads (never the
 * JavaFX thread): implementations hand the value over quickly, e.g. with
 * {@code Platform.runLater}. Calls for one link never overlap.
 */
public interface OfficeListener {
    /**
     * A valid snapshot for this office, not older than any delivered before (a lower
     * {@code seq} is dropped by the link, a malformed one is counted and never delivered).
     */
    void onSnapshot(StateSnapshot snapshot);

    /**
     * The retained notice list of one scope (this office's, or the one for all offices)
     * replaced the previous list of that scope. Whether a notice is active is for the
     * display to decide by its own clock.
     */
    void onNotices(NoticeBoard board);

    /**
     * The broker connection changed. {@code offlineSince} is when the link lost the broker
     * (or started without reaching it), null when {@code online}. While offline the link keeps
     * retrying by itself; the display keeps its last state and marks it offline.
     */
    void onConnection(boolean online, Instant offlineSince);
}
