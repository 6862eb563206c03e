package tw.jiaohao.board.wall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import javafx.scene.Parent;
import javafx.scene.Scene;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import tw.jiaohao.board.DisplayConfig;
import tw.jiaohao.board.fx.Fx;
import tw.jiaohao.board.testing.Configs;
import tw.jiaohao.board.testing.MosquittoProcess;
import tw.jiaohao.board.testing.RealOffice;
import tw.jiaohao.board.testing.TestBroker;
import tw.jiaohao.board.testing.Ui;
import tw.jiaohao.protocol.counter.CommandAction;

/**
 * The broker dies and comes back (a Mosquitto child process, killed and restarted on the same
 * port, losing its retained messages): the board marks itself offline, keeps the last state,
 * reconnects by itself and shows the calls the office made meanwhile.
 */
@Tag("system")
class BrokerRestartSystemIT {

    @Test
    void theBoardComesBackByItselfAndShowsTheCallsMadeWhileTheBrokerWasDown() throws Exception {
        FxToolkit.registerPrimaryStage();
        try (MosquittoProcess mosquitto = new MosquittoProcess(TestBroker.freePort())) {
            mosquitto.start();
            try (RealOffice office = new RealOffice(mosquitto.url(), "restart-1", Clock.systemUTC())) {
                WallBoard board = new WallBoard(Configs.of(DisplayConfig.Role.WALL_BOARD, mosquitto.url(), "restart-1", null,
                        "mqtt.reconnect.max-ms", "2000"), Clock.systemUTC(), null);
                FxToolkit.setupStage(stage -> {
                    Scene scene = new Scene(board.view().root(), 1920, 1080);
                    Fx.style(scene);
                    stage.setScene(scene);
                    stage.show();
                });
                Parent root = board.view().root();
                board.start();
                try {
                    office.issue("A", 5);
                    office.execute(1, CommandAction.CALL_NEXT);
                    Ui.await("A001 is shown", () -> Ui.text(root, "newest-number").equals("A001"));
                    // the session's "connected" callback may come just after the retained state it delivered
                    Ui.await("the board says it is online", () -> !Ui.visible(root, "offline-mark"));

                    mosquitto.kill();
                    Ui.await("the board says it is offline", () -> Ui.visible(root, "offline-mark"));
                    assertThat(Ui.text(root, "offline-mark")).matches("離線 自 \\d\\d:\\d\\d");
                    assertThat(Ui.text(root, "newest-number")).as("the last state stays on screen").isEqualTo("A001");

                    // the office keeps working without the broker
                    office.execute(2, CommandAction.CALL_NEXT);
                    office.execute(3, CommandAction.CALL_NEXT);

                    mosquitto.start();
                    Ui.await("the board shows the calls made meanwhile",
                            () -> Ui.text(root, "newest-number").equals("A003") && Ui.text(root, "recent-0").equals("A002  →  2 號櫃台"));
                    Ui.await("the offline mark is gone", () -> !Ui.visible(root, "offline-mark"));
                    assertThat(board.link().metrics().connectionsLost()).isEqualTo(1);

                    office.execute(1, CommandAction.NO_SHOW);
                    office.execute(1, CommandAction.CALL_NEXT);
                    Ui.await("live calls flow again", () -> Ui.text(root, "newest-number").equals("A004"));
                } finally {
                    board.close();
                }
            }
        }
    }
}
