package tw.jiaohao.board.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;
import tw.jiaohao.board.DisplayConfig;
import tw.jiaohao.board.counter.CounterUnit;
import tw.jiaohao.board.fx.Fx;
import tw.jiaohao.board.wall.WallBoard;
import tw.jiaohao.hardware.gpio.KeyTiming;
import tw.jiaohao.hardware.gpio.ManualGpioScheduler;
import tw.jiaohao.hardware.gpio.sim.SimulatedCallPad;
import tw.jiaohao.hardware.gpio.sim.SimulatedRatingPad;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.notice.Notice;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.notice.NoticeKind;

/**
 * The wall board and the counter unit opened on a window of a given size, fed by a real office
 * node through the broker, in their fullest state (calls, recall, waiting counts, a notice on
 * the ticker, offline mark; a ticket served, the rating banner open, a message): for the layout
 * test and the screenshots. The office is made once ({@link #office}) and shared.
 */
public final class Tour {
    /** The panel sizes the board and counter unit are checked at and pictured at. */
    public static final List<int[]> SIZES = List.of(new int[] {800, 480}, new int[] {1024, 600}, new int[] {1280, 800},
            new int[] {1366, 768}, new int[] {1920, 1080}, new int[] {720, 1280}, new int[] {3840, 2160});

    /** What to do with a screen when it is in its fullest state. */
    public interface Stop {
        void at(String screen, Scene scene) throws Exception;
    }

    private Tour() {
    }

    /** A real office with calls, a recall, people waiting, a ticket served at counter 2, and an active notice. */
    public static RealOffice office(String broker, String id) throws Exception {
        RealOffice office = new RealOffice(broker, id, Clock.systemUTC());
        Instant now = Instant.now();
        office.publishNotices(new NoticeBoard(1, "all", now, List.of(new Notice("outage-1", NoticeKind.WATER_OUTAGE,
                "大安區計畫性停水", "Planned water outage in Da'an", null, "Pipe replacement; please store water.", "大安區 信義路三段 1–120 號",
                "管線汰換工程", now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(30)), now.plus(Duration.ofHours(28)),
                now.plus(Duration.ofHours(20)), now.plus(Duration.ofHours(28))))));
        office.issue("A", 14);
        office.issue("B", 6);
        for (int k : new int[] {1, 2, 3, 1, 3, 2, 1, 3}) {
            office.execute(k, CommandAction.NO_SHOW);
            office.execute(k, CommandAction.CALL_NEXT);
        }
        office.execute(2, CommandAction.RECALL);
        office.execute(2, CommandAction.START);
        return office;
    }

    /** The wall board at {@code w}×{@code h} in {@code language} (zh, zh-en), offline mark on. */
    public static void board(String broker, String office, int w, int h, String language, Stop stop, String... extraKeys)
            throws Exception {
        List<String> keys = new java.util.ArrayList<>(List.of("ui.language", language, "device.id", "tour-board-" + language + "-" + w + "x" + h));
        keys.addAll(List.of(extraKeys));
        WallBoard board = new WallBoard(Configs.of(DisplayConfig.Role.WALL_BOARD, broker, office, null, keys.toArray(String[]::new)),
                Clock.systemUTC(), null);
        Stage stage = show(board.view().root(), w, h);
        try {
            board.start();
            Parent root = board.view().root();
            Ui.await("the board shows the calls", () -> Ui.text(root, "newest-number").matches("[AB]\\d{3}")
                    && !Ui.text(root, "recent-5").isEmpty());
            Ui.await("the ticker is in view", Duration.ofSeconds(30), () -> Ui.onFx(() -> {
                javafx.scene.text.Text t = (javafx.scene.text.Text) root.lookup("#ticker-text");
                return !t.getText().isEmpty() && t.getTranslateX() > 0 && t.getTranslateX() < w * 0.05;
            }));
            WaitForAsyncUtils.asyncFx(() -> board.view().setOffline(Instant.now().minusSeconds(300))).get(10, TimeUnit.SECONDS);
            stop.at("board", stage.getScene());
        } finally {
            board.close();
            WaitForAsyncUtils.asyncFx(stage::close).get(10, TimeUnit.SECONDS);
        }
    }

    /** Counter 2 serving a ticket, the rating banner open and a message shown, with the simulated rating pad's keys. */
    public static void counter(String broker, String office, int w, int h, String language, Stop stop) throws Exception {
        counter(broker, office, w, h, language, false, stop);
    }

    /** {@link #counter(String, String, int, int, String, Stop)}, and with {@code offline} its mark "offline since …" shown too. */
    public static void counter(String broker, String office, int w, int h, String language, boolean offline, Stop stop) throws Exception {
        ManualGpioScheduler gpio = new ManualGpioScheduler();
        CounterUnit counter = new CounterUnit(Configs.of(DisplayConfig.Role.COUNTER_UNIT, broker, office, 2,
                "ui.language", language, "device.id", "tour-counter-" + language + "-" + w + "x" + h), Clock.systemUTC(),
                new SimulatedCallPad(KeyTiming.defaults(), gpio), new SimulatedRatingPad(KeyTiming.defaults(), Duration.ofSeconds(2), gpio),
                gpio);
        Stage stage = show(counter.view().root(), w, h);
        try {
            counter.start();
            Parent root = counter.view().root();
            Ui.await("the counter shows its ticket", () -> counter.controller().current() != null
                    && !Ui.text(root, "serving-number").equals("—"));
            counter.controller().press(CommandAction.START);
            Ui.await("a message is shown", () -> !Ui.text(root, "message").isEmpty());
            counter.controller().askForRating();
            Ui.await("the rating banner is open", () -> Ui.onFx(() -> root.lookup("#rating-panel").isVisible()));
            if (offline) {
                Ui.onFx(() -> {
                    counter.view().setOffline(java.time.Instant.parse("2026-11-23T06:53:00Z"));
                    return null;
                });
            }
            stop.at("counter", stage.getScene());
        } finally {
            counter.close();
            WaitForAsyncUtils.asyncFx(stage::close).get(10, TimeUnit.SECONDS);
        }
    }

    private static Stage show(Parent root, int w, int h) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Stage stage = new Stage();
            Scene scene = new Scene(root, w, h);
            Fx.style(scene);
            stage.setScene(scene);
            stage.show();
            return stage;
        }).get(10, TimeUnit.SECONDS);
    }
}
