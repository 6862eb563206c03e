package tw.jiaohao.board.screenshots;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;
import tw.jiaohao.board.DisplayConfig;
import tw.jiaohao.board.counter.CounterUnit;
import tw.jiaohao.board.fx.Fx;
import tw.jiaohao.board.testing.Configs;
import tw.jiaohao.board.testing.RealOffice;
import tw.jiaohao.board.testing.TestBroker;
import tw.jiaohao.board.testing.Tour;
import tw.jiaohao.office.testing.ContactSheet;
import tw.jiaohao.board.testing.Ui;
import tw.jiaohao.board.wall.WallBoard;
import tw.jiaohao.hardware.gpio.ExecutorGpioScheduler;
import tw.jiaohao.hardware.gpio.KeyTiming;
import tw.jiaohao.hardware.gpio.sim.SimulatedCallPad;
import tw.jiaohao.hardware.gpio.sim.SimulatedRatingPad;
import tw.jiaohao.protocol.counter.CommandAction;

/**
 * Writes docs/screenshots/board-zh.png, board-zh-en.png, board-unknown-office-zh.png,
 * board-unknown-office-zh-en.png, counter-zh.png, counter-zh-en.png:
 * the real scenes (headless Monocle, Chinese rendered with Noto Sans CJK TC) fed by a real
 * office node through an embedded broker; and the contact sheets board-sizes-*.png and
 * counter-sizes-*.png of both at every panel size.
 *
 * <p>Run: {@code ./mvnw -B -q -pl display-board test-compile exec:exec@screenshots}
 */
public final class ScreenshotsMain {
    private ScreenshotsMain() {
    }

    public static void main(String[] args) {
        try {
            Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
            run(out);
            sizes(out);
            System.exit(0);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(Path out) throws Exception {
        Files.createDirectories(out);
        Fx.startToolkit();
        String broker = TestBroker.shared().url();
        RealOffice office = Tour.office(broker, "taipei-north");

        for (boolean english : new boolean[] {false, true}) {
            String lang = english ? "zh-en" : "zh";
            WallBoard board = new WallBoard(Configs.of(DisplayConfig.Role.WALL_BOARD, broker, "taipei-north", null,
                    "ui.language", lang, "device.id", "shot-board-" + lang), Clock.systemUTC(), null);
            show(board.view().root(), 1920, 1080);
            board.start();
            Parent root = board.view().root();
            await("the board shows the calls", () -> Ui.text(root, "newest-number").matches("[AB]\\d{3}"));
            // let the ticker run into view and the highlight settle
            await("the ticker is in view", () -> Ui.onFx(() -> {
                javafx.scene.text.Text t = (javafx.scene.text.Text) root.lookup("#ticker-text");
                return !t.getText().isEmpty() && t.getTranslateX() > 0 && t.getTranslateX() < 80;
            }));
            write(root, out.resolve("board-" + lang + ".png"));
            board.close();

            WallBoard lost = new WallBoard(Configs.of(DisplayConfig.Role.WALL_BOARD, broker, "taipei-nort", null,
                    "ui.language", lang, "device.id", "shot-lost-" + lang, "board.unknown-office-seconds", "2"), Clock.systemUTC(), null);
            show(lost.view().root(), 1920, 1080);
            lost.start();
            Parent lostRoot = lost.view().root();
            await("the board says the office id matches nothing", () -> Ui.visible(lostRoot, "unknown-office"));
            write(lostRoot, out.resolve("board-unknown-office-" + lang + ".png"));
            lost.close();

            ExecutorGpioScheduler gpio = new ExecutorGpioScheduler();
            SimulatedRatingPad ratingPad = new SimulatedRatingPad(KeyTiming.defaults(), Duration.ofSeconds(2), gpio);
            office.execute(2, CommandAction.START);
            CounterUnit counter = new CounterUnit(Configs.of(DisplayConfig.Role.COUNTER_UNIT, broker, "taipei-north", 2,
                    "ui.language", lang, "device.id", "shot-counter-" + lang), Clock.systemUTC(),
                    new SimulatedCallPad(KeyTiming.defaults(), gpio), ratingPad, gpio);
            counter.showSimulatedRatingKeys(ratingPad::press);
            show(counter.view().root(), 1024, 600);
            counter.start();
            Parent croot = counter.view().root();
            await("the counter shows its ticket", () -> counter.controller().current() != null
                    && !Ui.text(croot, "serving-number").equals("—"));
            counter.controller().askForRating();
            await("the rating banner is open", () -> Ui.onFx(() -> croot.lookup("#rating-panel").isVisible()));
            write(croot, out.resolve("counter-" + lang + ".png"));
            counter.close();
            gpio.close();
            office.execute(2, CommandAction.FINISH);
            office.execute(2, CommandAction.CALL_NEXT);
        }
        office.close();
        System.out.println("screenshots written to " + out.toAbsolutePath().normalize());
    }

    /** board-sizes-zh.png, board-sizes-zh-en.png, counter-sizes-…: each program at every panel size of {@link Tour#SIZES}. */
    private static void sizes(Path out) throws Exception {
        String broker = TestBroker.shared().url();
        String id = "sizes-" + ProcessHandle.current().pid();
        RealOffice office = Tour.office(broker, id);
        for (String lang : List.of("zh", "zh-en")) {
            ContactSheet boards = new ContactSheet(440, 4);
            ContactSheet counters = new ContactSheet(440, 4);
            for (int[] size : Tour.SIZES) {
                String caption = size[0] + "×" + size[1] + " " + lang;
                Tour.board(broker, id, size[0], size[1], lang, (screen, scene) -> boards.add(caption, picture(scene)));
                Tour.counter(broker, id, size[0], size[1], lang, (screen, scene) -> counters.add(caption, picture(scene)));
            }
            boards.write(out.resolve("board-sizes-" + lang + ".png"));
            counters.write(out.resolve("counter-sizes-" + lang + ".png"));
        }
        office.close();
        System.out.println("contact sheets written to " + out.toAbsolutePath().normalize());
    }

    private static BufferedImage picture(Scene scene) {
        return SwingFXUtils.fromFXImage(Ui.onFx(() -> scene.snapshot(null)), null);
    }

    private static void show(Parent root, int w, int h) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Stage stage = new Stage();
            Scene scene = new Scene(root, w, h);
            Fx.style(scene);
            stage.setScene(scene);
            stage.show();
        }).get(10, TimeUnit.SECONDS);
    }

    private static void write(Parent root, Path file) throws Exception {
        WritableImage image = Ui.onFx(() -> root.getScene().snapshot(null));
        BufferedImage png = SwingFXUtils.fromFXImage(image, null);
        ImageIO.write(png, "png", file.toFile());
        System.out.println("wrote " + file);
    }

    private static void await(String what, java.util.concurrent.Callable<Boolean> condition) {
        Ui.await(what, Duration.ofSeconds(30), condition);
    }
}
