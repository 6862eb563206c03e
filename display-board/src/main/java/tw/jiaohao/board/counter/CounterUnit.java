package tw.jiaohao.board.counter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.control.Button;
import tw.jiaohao.board.DisplayConfig;
import tw.jiaohao.board.link.MqttOfficeLink;
import tw.jiaohao.board.link.OfficeListener;
import tw.jiaohao.board.link.UnknownOfficeWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hardware.gpio.CallPad;
import tw.jiaohao.hardware.gpio.GpioScheduler;
import tw.jiaohao.hardware.gpio.KeyAction;
import tw.jiaohao.hardware.gpio.Rating;
import tw.jiaohao.hardware.gpio.RatingPad;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * The counter unit wired together: office link → {@link CounterPanel} and
 * {@link CounterController}; buttons and call-pad keys → controller → counter commands;
 * rating pad → controller. Create after the JavaFX toolkit runs; put {@link #view()}'s root in
 * a scene; {@link #start()} connects.
 */
public final class CounterUnit implements OfficeListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CounterUnit.class);
    private final CounterPanel view;
    private final CounterController controller;
    private final MqttOfficeLink link;
    private final CallPad callPad;
    private final RatingPad ratingPad;
    private final Clock clock;
    private final String officeId;
    private final UnknownOfficeWatch unknownOffice;
    private Timeline ticking;

    /**
     * @param callPad   the call pad, or null
     * @param ratingPad the rating pad, or null
     * @param scheduler the pads' GPIO scheduler; it also times the rating window
     */
    public CounterUnit(DisplayConfig config, Clock clock, CallPad callPad, RatingPad ratingPad, GpioScheduler scheduler) {
        this.view = new CounterPanel(config.counter(), config.zone(), config.english(), config.screenDpi(), config.rotation());
        this.link = new MqttOfficeLink(config, DeviceKind.COUNTER_UNIT, this, clock);
        this.callPad = callPad;
        this.ratingPad = ratingPad;
        this.clock = clock;
        this.officeId = config.officeId();
        this.unknownOffice = new UnknownOfficeWatch(config.unknownOfficeAfter());
        this.controller = new CounterController(config.officeId(), config.counter(), link, new FxScreen(), ratingPad,
                scheduler, config.ratingWindow());
        view.bind(controller);
        if (config.counterOpensAtStart()) {
            controller.openAtStart();
        }
        if (callPad != null) {
            callPad.addListener(e -> {
                if (e.action() == KeyAction.PRESSED) {
                    // straight from the GPIO thread: sending never blocks, and a hop through the
                    // JavaFX thread would wait behind rendering
                    controller.onPadKey(e.key(), view.transferTarget());
                }
            });
        }
    }

    /**
     * On-screen buttons standing in for the rating pad's keys (hardware = simulated): the
     * composition root hands over the simulator's control, each button presses one rating.
     */
    public void showSimulatedRatingKeys(Consumer<Rating> press) {
        List<Button> keys = new ArrayList<>();
        for (Rating r : Rating.values()) {
            Button b = new Button(r.label());
            b.setId("sim-rate-" + r.configName());
            b.setOnAction(e -> press.accept(r));
            keys.add(b);
        }
        view.showSimulatedRatingKeys(keys);
    }

    public void start() {
        Platform.runLater(() -> {
            ticking = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> {
                if (unknownOffice.becameUnknown(clock.instant())) {
                    LOG.warn("no state for office '{}' {} s after connecting: office.id matches no office node on this broker",
                            officeId, unknownOffice.after().toSeconds());
                    view.showUnknownOffice(officeId);
                }
            }));
            ticking.setCycleCount(Animation.INDEFINITE);
            ticking.play();
        });
        link.start();
    }

    public CounterPanel view() {
        return view;
    }

    public CounterController controller() {
        return controller;
    }

    public MqttOfficeLink link() {
        return link;
    }

    @Override
    public void onSnapshot(StateSnapshot snapshot) {
        unknownOffice.snapshot();
        controller.onSnapshot(snapshot);
        Platform.runLater(() -> view.show(snapshot));
    }

    @Override
    public void onNotices(NoticeBoard board) {
        // the counter unit shows no notices: they are on the wall board and the kiosk
    }

    @Override
    public void onConnection(boolean online, Instant offlineSince) {
        controller.onConnection(online);
        if (online) {
            unknownOffice.connected(clock.instant());
        }
        Platform.runLater(() -> view.setOffline(offlineSince));
    }

    @Override
    public void close() {
        Platform.runLater(() -> {
            if (ticking != null) {
                ticking.stop();
            }
        });
        link.close();
        if (callPad != null) {
            callPad.close();
        }
        if (ratingPad != null) {
            ratingPad.close();
        }
    }

    private final class FxScreen implements CounterController.Screen {
        @Override
        public void message(String text, boolean error) {
            Platform.runLater(() -> view.message(text, error));
        }

        @Override
        public void ratingOpened(String ticketNumber, Duration window) {
            Platform.runLater(() -> view.ratingOpened(ticketNumber, window));
        }

        @Override
        public void ratingClosed(String why) {
            Platform.runLater(() -> view.ratingClosed(why));
        }
    }
}
