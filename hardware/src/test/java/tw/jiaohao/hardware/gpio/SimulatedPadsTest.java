package tw.jiaohao.hardware.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tw.jiaohao.hardware.gpio.sim.SimulatedCallPad;
import tw.jiaohao.hardware.gpio.sim.SimulatedRatingPad;

/** Simulated pads go through the same debouncer and fire the same events as the real ones. */
class SimulatedPadsTest {

    @Test
    void press_tap_firesPressedThenReleased() {
        ManualGpioScheduler clock = new ManualGpioScheduler();
        SimulatedCallPad pad = new SimulatedCallPad(KeyTiming.defaults(), clock);
        List<KeyEvent<CallKey>> events = new ArrayList<>();
        pad.addListener(events::add);

        pad.press(CallKey.NEXT);
        clock.advance(Duration.ofSeconds(1));

        assertThat(events).extracting(KeyEvent::action).containsExactly(KeyAction.PRESSED, KeyAction.RELEASED);
        assertThat(events.get(1).held()).isEqualTo(SimulatedCallPad.TAP);
    }

    @Test
    void hold_longerThanLongPress_firesLongPressed() {
        ManualGpioScheduler clock = new ManualGpioScheduler();
        SimulatedCallPad pad = new SimulatedCallPad(KeyTiming.defaults(), clock);
        List<KeyAction> actions = new ArrayList<>();
        pad.addListener(e -> actions.add(e.action()));

        pad.hold(CallKey.NO_SHOW, Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(3));

        assertThat(actions).containsExactly(KeyAction.PRESSED, KeyAction.LONG_PRESSED, KeyAction.RELEASED);
    }

    @Test
    void ratingPad_pressWhileArmed_reportsRatingAndLightsItsLamp() {
        ManualGpioScheduler clock = new ManualGpioScheduler();
        SimulatedRatingPad pad = new SimulatedRatingPad(KeyTiming.defaults(), Duration.ofSeconds(2), clock);
        List<Rating> ratings = new ArrayList<>();
        pad.addListener(ratings::add);

        pad.arm(Duration.ofSeconds(10));
        pad.press(Rating.SATISFIED);
        clock.advance(Duration.ofMillis(50));

        assertThat(ratings).containsExactly(Rating.SATISFIED);
        assertThat(pad.lamp(Rating.SATISFIED).isOn()).isTrue();
        assertThat(pad.lamp(Rating.NEUTRAL).isOn()).isFalse();
    }

    @Test
    void listener_onRealGpioThread_seesEventsOnJiaohaoGpioThread() throws Exception {
        try (ExecutorGpioScheduler scheduler = new ExecutorGpioScheduler()) {
            SimulatedCallPad pad = new SimulatedCallPad(KeyTiming.defaults(), scheduler);
            CountDownLatch pressed = new CountDownLatch(1);
            List<String> threads = new ArrayList<>();
            pad.addListener(e -> {
                if (e.action() == KeyAction.PRESSED) {
                    threads.add(Thread.currentThread().getName());
                    pressed.countDown();
                }
            });

            pad.press(CallKey.RECALL);

            assertThat(pressed.await(5, TimeUnit.SECONDS)).as("press reported").isTrue();
            assertThat(threads).containsExactly("jiaohao-gpio");
        }
    }
}
