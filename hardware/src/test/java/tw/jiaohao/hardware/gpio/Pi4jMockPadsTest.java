package tw.jiaohao.hardware.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tw.jiaohao.hardware.HardwareFactory;
import tw.jiaohao.hardware.config.HardwareConfig;
import tw.jiaohao.hardware.printing.PrinterState;
import tw.jiaohao.hardware.printing.PrinterStatus;

/**
 * The real (Pi4J) pads on Pi4J's mock providers, with a manual clock: mock inputs fire Pi4J's
 * listeners synchronously, and time only moves when the test advances it, so nothing sleeps.
 */
class Pi4jMockPadsTest {
    private static final Duration DEBOUNCE = Duration.ofMillis(30);

    private final Context pi4j = Pi4J.newContextBuilder()
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
    private final ManualGpioScheduler clock = new ManualGpioScheduler();
    private final List<KeyEvent<CallKey>> events = new ArrayList<>();
    private HardwareFactory factory;

    private HardwareFactory factory(boolean activeLow) {
        Properties p = new Properties();
        p.setProperty("hardware", "pi");
        p.setProperty("gpio.keys.active-low", String.valueOf(activeLow));
        p.setProperty("gpio.keys.debounce-ms", "30");
        p.setProperty("gpio.keys.long-press-ms", "1500");
        p.setProperty("gpio.rating-pad.confirm-ms", "2000");
        factory = new HardwareFactory(HardwareConfig.from(p), pi4j, clock);
        return factory;
    }

    @AfterEach
    void shutdown() {
        if (factory != null) {
            factory.close();
        }
        pi4j.shutdown();
    }

    private MockDigitalInput input(String id) {
        return pi4j.registry().get(id, MockDigitalInput.class);
    }

    private DigitalOutput output(String id) {
        return pi4j.registry().get(id, DigitalOutput.class);
    }

    @Test
    void press_heldPastDebounce_firesPressedOnceThenReleasedWithHoldTime() {
        factory(false).callPad().addListener(events::add);
        MockDigitalInput next = input("call-next");

        next.mockState(DigitalState.HIGH);
        clock.advance(DEBOUNCE.minusMillis(1));
        assertThat(events).as("nothing before the contact has been stable for 30 ms").isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(events).containsExactly(new KeyEvent<>(CallKey.NEXT, KeyAction.PRESSED, Duration.ZERO));

        clock.advance(Duration.ofMillis(170));
        next.mockState(DigitalState.LOW);
        clock.advance(DEBOUNCE);
        assertThat(events).hasSize(2);
        assertThat(events.get(1)).isEqualTo(new KeyEvent<>(CallKey.NEXT, KeyAction.RELEASED, Duration.ofMillis(200)));
    }

    @Test
    void bounce_contactChattersOnPressAndRelease_givesOnePressAndOneRelease() {
        factory(false).callPad().addListener(events::add);
        MockDigitalInput recall = input("call-recall");

        for (int i = 0; i < 5; i++) { // 5 bounces 2 ms apart, ending closed
            recall.mockState(DigitalState.HIGH);
            clock.advance(Duration.ofMillis(2));
            recall.mockState(DigitalState.LOW);
            clock.advance(Duration.ofMillis(2));
        }
        recall.mockState(DigitalState.HIGH);
        clock.advance(Duration.ofMillis(300));
        for (int i = 0; i < 5; i++) {
            recall.mockState(DigitalState.LOW);
            clock.advance(Duration.ofMillis(3));
            recall.mockState(DigitalState.HIGH);
            clock.advance(Duration.ofMillis(3));
        }
        recall.mockState(DigitalState.LOW);
        clock.advance(Duration.ofMillis(100));

        assertThat(events).extracting(KeyEvent::action).containsExactly(KeyAction.PRESSED, KeyAction.RELEASED);
        assertThat(events).extracting(KeyEvent::key).containsOnly(CallKey.RECALL);
    }

    @Test
    void glitch_shorterThanDebounce_firesNothing() {
        factory(false).callPad().addListener(events::add);
        MockDigitalInput noShow = input("call-no-show");

        noShow.mockState(DigitalState.HIGH);
        clock.advance(Duration.ofMillis(10));
        noShow.mockState(DigitalState.LOW);
        clock.advance(Duration.ofSeconds(1));

        assertThat(events).isEmpty();
    }

    @Test
    void longPress_heldPastLongPressTime_firesLongPressedOnceWhileHeld() {
        factory(false).callPad().addListener(events::add);
        MockDigitalInput transfer = input("call-transfer");

        transfer.mockState(DigitalState.HIGH);
        clock.advance(Duration.ofMillis(1499));
        assertThat(events).extracting(KeyEvent::action).containsExactly(KeyAction.PRESSED);
        clock.advance(Duration.ofMillis(1));
        assertThat(events).extracting(KeyEvent::action).containsExactly(KeyAction.PRESSED, KeyAction.LONG_PRESSED);
        assertThat(events.get(1).held()).isEqualTo(Duration.ofMillis(1500));
        clock.advance(Duration.ofSeconds(5));
        transfer.mockState(DigitalState.LOW);
        clock.advance(DEBOUNCE);

        assertThat(events).extracting(KeyEvent::action)
                .containsExactly(KeyAction.PRESSED, KeyAction.LONG_PRESSED, KeyAction.RELEASED);
    }

    @Test
    void activeLowKey_pulledToGround_isAPress() {
        HardwareFactory f = factory(true);
        // the mock starts LOW, which for an active-low key means "held": release it before the pad exists is
        // impossible, so release it now and start counting after that
        f.callPad().addListener(events::add);
        MockDigitalInput next = input("call-next");
        next.mockState(DigitalState.HIGH);
        clock.advance(Duration.ofMillis(100));
        events.clear();

        next.mockState(DigitalState.LOW);
        clock.advance(DEBOUNCE);

        assertThat(events).extracting(KeyEvent::action).containsExactly(KeyAction.PRESSED);
    }

    @Test
    void ratingPad_lampsFollowArmedChosenAndIdleStates() {
        RatingPad pad = factory(false).ratingPad();
        List<Rating> ratings = new ArrayList<>();
        pad.addListener(ratings::add);
        DigitalOutput veryLamp = output("rating-lamp-very-satisfied");
        DigitalOutput badLamp = output("rating-lamp-dissatisfied");
        MockDigitalInput bad = input("rating-dissatisfied");
        MockDigitalInput very = input("rating-very-satisfied");

        assertThat(veryLamp.state()).isEqualTo(DigitalState.LOW);
        bad.mockState(DigitalState.HIGH); // not armed: ignored
        clock.advance(Duration.ofMillis(100));
        bad.mockState(DigitalState.LOW);
        clock.advance(Duration.ofMillis(100));
        assertThat(ratings).isEmpty();

        pad.arm(Duration.ofSeconds(10));
        assertThat(pad.isArmed()).isTrue();
        assertThat(veryLamp.state()).isEqualTo(DigitalState.HIGH);
        assertThat(badLamp.state()).isEqualTo(DigitalState.HIGH);

        bad.mockState(DigitalState.HIGH);
        clock.advance(DEBOUNCE);
        assertThat(ratings).containsExactly(Rating.DISSATISFIED);
        assertThat(badLamp.state()).as("chosen lamp stays lit").isEqualTo(DigitalState.HIGH);
        assertThat(veryLamp.state()).as("other lamps go out").isEqualTo(DigitalState.LOW);
        assertThat(pad.isArmed()).isFalse();

        bad.mockState(DigitalState.LOW);
        very.mockState(DigitalState.HIGH); // a second rating for the same ticket is not accepted
        clock.advance(Duration.ofMillis(100));
        assertThat(ratings).containsExactly(Rating.DISSATISFIED);

        clock.advance(Duration.ofSeconds(2));
        assertThat(badLamp.state()).as("all lamps out after the confirmation time").isEqualTo(DigitalState.LOW);
    }

    @Test
    void ratingPad_windowPassesWithoutPress_lampsGoOutAndNothingIsReported() {
        RatingPad pad = factory(false).ratingPad();
        List<Rating> ratings = new ArrayList<>();
        pad.addListener(ratings::add);

        pad.arm(Duration.ofSeconds(8));
        clock.advance(Duration.ofSeconds(8));

        assertThat(pad.isArmed()).isFalse();
        for (Rating r : Rating.values()) {
            assertThat(pad.isLampOn(r)).isFalse();
        }
        assertThat(ratings).isEmpty();
    }

    @Test
    void paperLowLamp_followsPrinterStatus() {
        HardwareFactory f = factory(false);
        PaperLowIndicator indicator = new PaperLowIndicator(f.paperLowLamp());
        DigitalOutput lamp = output("paper-low-lamp");

        indicator.update(new PrinterStatus(PrinterState.PAPER_NEAR_END, "test", "low"));
        assertThat(lamp.state()).isEqualTo(DigitalState.HIGH);
        indicator.update(new PrinterStatus(PrinterState.READY, "test", "ok"));
        assertThat(lamp.state()).isEqualTo(DigitalState.LOW);
        indicator.update(new PrinterStatus(PrinterState.PAPER_OUT, "test", "out"));
        assertThat(lamp.state()).isEqualTo(DigitalState.HIGH);
    }

    @Test
    void buzzer_beep_switchesOnThenOffAfterLength() {
        Buzzer buzzer = factory(false).buzzer();
        DigitalOutput pin = output("buzzer");

        buzzer.beep(Duration.ofMillis(200));
        assertThat(pin.state()).isEqualTo(DigitalState.HIGH);
        clock.advance(Duration.ofMillis(199));
        assertThat(buzzer.isSounding()).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(pin.state()).isEqualTo(DigitalState.LOW);
    }
}
