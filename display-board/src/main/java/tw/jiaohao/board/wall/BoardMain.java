package tw.jiaohao.board.wall;

import java.time.Clock;
import javafx.application.Platform;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.board.BoardException;
import tw.jiaohao.board.Cli;
import tw.jiaohao.board.DisplayConfig;
import tw.jiaohao.board.fx.Fx;
import tw.jiaohao.board.voice.AnnouncementPlan;
import tw.jiaohao.board.voice.Announcer;
import tw.jiaohao.board.voice.ClipLibrary;
import tw.jiaohao.board.voice.FxMediaOutput;
import tw.jiaohao.process.Bugs;

/** {@code bin/jiaohao board [--config FILE]}: the wall board, full screen. */
public final class BoardMain {
    private static final Logger LOG = LoggerFactory.getLogger(BoardMain.class);

    private BoardMain() {
    }

    public static void main(String[] args) {
        Bugs.exitOnUncaught("board");
        DisplayConfig config;
        try {
            Cli cli = Cli.parse(args, false);
            if (cli.help()) {
                System.out.print(Cli.usage("board", false));
                return;
            }
            config = cli.load(DisplayConfig.Role.WALL_BOARD);
        } catch (BoardException e) {
            System.err.println("jiaohao board: " + e.getMessage());
            System.exit(2);
            return;
        }
        DisplayConfig.Voice v = config.voice();
        ClipLibrary clips;
        try {
            clips = v.recordedClips().map(ClipLibrary::new).orElseGet(ClipLibrary::new);
        } catch (BoardException e) {
            System.err.println("jiaohao board: " + e.getMessage());
            System.exit(2);
            return;
        }
        LOG.info("wall board for office {} as device {}, broker {}", config.officeId(), config.deviceId(), config.mqtt());
        v.recordedClips().ifPresent(dir -> LOG.info("voice: {} recorded clips from {}, the rest bundled", clips.recordedCount(), dir));
        Fx.startToolkit();
        Announcer announcer = new Announcer(clips, new FxMediaOutput(),
                new AnnouncementPlan.Options(v.chimeMuted(), v.voiceMuted(), v.english(), v.repeat()));
        WallBoard board = new WallBoard(config, Clock.systemUTC(), announcer);
        Runtime.getRuntime().addShutdownHook(new Thread(board::close, "board-shutdown"));
        Platform.runLater(() -> {
            Stage stage = new Stage();
            Scene scene = new Scene(board.view().root(), config.width(), config.height());
            Fx.style(scene);
            stage.setTitle("叫號 " + config.officeId());
            stage.setScene(scene);
            if (config.fullScreen()) {
                scene.setCursor(Cursor.NONE);
                stage.setFullScreenExitHint("");
                stage.setFullScreen(true);
            }
            stage.setOnCloseRequest(e -> System.exit(0));
            stage.show();
        });
        board.start();
    }
}
