package tw.jiaohao.board.wall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import tw.jiaohao.board.DisplayConfig;
import tw.jiaohao.board.testing.Configs;
import tw.jiaohao.board.testing.FrameCount;
import tw.jiaohao.board.testing.RealOffice;
import tw.jiaohao.board.testing.TestBroker;
import tw.jiaohao.board.voice.AnnouncementPlan;
import tw.jiaohao.board.voice.Announcer;
import tw.jiaohao.board.voice.ClipLibrary;
import tw.jiaohao.protocol.counter.CommandAction;

/** Calls made at the office are announced by the wall board: each new call once, a recall again, history never. */
class WallBoardAnnouncesIT {

    @Test
    void newCallsAndRecallsAreAnnouncedInOrder() throws Exception {
        FxToolkit.registerPrimaryStage();
        FrameCount output = new FrameCount();
        BlockingQueue<Long> played = output.played();
        ClipLibrary clips = new ClipLibrary();
        AnnouncementPlan.Options options = new AnnouncementPlan.Options(false, false, false);
        try (RealOffice office = new RealOffice(TestBroker.shared().url(), "announce-1", Clock.systemUTC())) {
            office.issue("A", 3);
            office.execute(1, CommandAction.CALL_NEXT); // before the board starts: history, not announced
            WallBoard board = new WallBoard(Configs.of(DisplayConfig.Role.WALL_BOARD, TestBroker.shared().url(), "announce-1", null),
                    Clock.systemUTC(), new Announcer(clips, output, options));
            board.start();
            try {
                long seen = board.link().metrics().snapshotsShown();
                while (board.link().metrics().snapshotsShown() == seen) {
                    assertThat(played.poll(20, TimeUnit.MILLISECONDS)).as("history is not announced").isNull();
                }
                office.execute(3, CommandAction.CALL_NEXT);
                assertThat(played.poll(10, TimeUnit.SECONDS)).isEqualTo(FrameCount.of(clips, options, "A002", 3));
                office.execute(3, CommandAction.RECALL);
                assertThat(played.poll(10, TimeUnit.SECONDS)).as("a recall is announced again").isEqualTo(FrameCount.of(clips, options, "A002", 3));
                office.execute(1, CommandAction.NO_SHOW);
                office.execute(1, CommandAction.CALL_NEXT);
                assertThat(played.poll(10, TimeUnit.SECONDS)).isEqualTo(FrameCount.of(clips, options, "A003", 1));
                assertThat(played.poll(300, TimeUnit.MILLISECONDS)).as("nothing else").isNull();
            } finally {
                board.close();
            }
        }
    }
}
