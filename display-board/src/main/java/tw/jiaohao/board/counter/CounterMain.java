package tw.jiaohao.board.counter;

import java.time.Clock;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.board.BoardException;
import tw.jiaohao.board.Cli;
import tw.jiaohao.board.DisplayConfig;
import tw.jiaohao.board.fx.Fx;
import tw.jiaohao.hardware.HardwareException;
import tw.jiaohao.hardware.HardwareFactory;
import tw.jiaohao.process.Bugs;

/** {@code bin/jiaohao counter --counter N [--config FILE]}: the counter unit with its call and rating pads. */
public final class CounterMain {
    private static final Logger LOG = LoggerFactory.getLogger(CounterMain.class);

    private CounterMain() {
    }

    public static void main(String[] args) {
        Bugs.exitOnUncaught("counter");
        DisplayConfig config;
        try {
            Cli cli = Cli.parse(args, true);
            if (cli.help()) {
                System.out.print(Cli.usage("counter", true));
                return;
            }
            config = cli.load(DisplayConfig.Role.COUNTER_UNIT);
        } catch (BoardException e) {
            System.err.println("jiaohao counter: " + e.getMessage());
            System.exit(2);
            return;
        }
        LOG.info("counter unit {} of office {} as device {}, broker {}, pads {}", config.counter(), config.officeId(),
                config.deviceId(), config.mqtt(), config.hardware().mode());
        HardwareFactory hardware = new HardwareFactory(config.hardware());
        CounterUnit unit;
        Fx.startToolkit();
        try {
            unit = new CounterUnit(config, Clock.systemUTC(), hardware.callPad(), hardware.ratingPad(), hardware.scheduler());
            hardware.simulatedRatingKeys().ifPresent(unit::showSimulatedRatingKeys);
        } catch (HardwareException e) {
            System.err.println("jiaohao counter: " + e.getMessage());
            System.exit(3);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            unit.close();
            hardware.close();
        }, "counter-shutdown"));
        Platform.runLater(() -> {
            Stage stage = new Stage();
            Scene scene = new Scene(unit.view().root(), config.width(), config.height());
            Fx.style(scene);
            stage.setTitle("叫號 " + config.counter() + " 號櫃台");
            stage.setScene(scene);
            stage.setFullScreen(config.fullScreen());
            stage.setOnCloseRequest(e -> System.exit(0));
            stage.show();
        });
        unit.start();
    }
}
