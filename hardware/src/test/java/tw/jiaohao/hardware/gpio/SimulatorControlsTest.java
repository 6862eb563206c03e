package tw.jiaohao.hardware.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import tw.jiaohao.hardware.HardwareFactory;
import tw.jiaohao.hardware.config.HardwareConfig;

/** The composition root hands the rating pad's simulator control to whoever draws its keys. */
class SimulatorControlsTest {
    @Test
    void inSimulatedModeTheRatingKeysControlPressesTheFactorysRatingPad() {
        ManualGpioScheduler clock = new ManualGpioScheduler();
        try (HardwareFactory factory = new HardwareFactory(HardwareConfig.defaultConfig(), null, clock)) {
            List<Rating> ratings = new ArrayList<>();
            factory.ratingPad().addListener(ratings::add);
            factory.ratingPad().arm(Duration.ofSeconds(10));

            factory.simulatedRatingKeys().orElseThrow().accept(Rating.VERY_SATISFIED);
            clock.advance(Duration.ofMillis(50));

            assertThat(ratings).containsExactly(Rating.VERY_SATISFIED);
        }
    }

    @Test
    void onAPiThereIsNoSimulatorControl() {
        Context pi4j = Pi4J.newContextBuilder().add(new MockPlatform()).add(MockDigitalInputProvider.newInstance(),
                MockDigitalOutputProvider.newInstance()).build();
        Properties p = new Properties();
        p.setProperty("hardware", "pi");
        try (HardwareFactory factory = new HardwareFactory(HardwareConfig.from(p), pi4j, new ManualGpioScheduler())) {
            assertThat(factory.simulatedRatingKeys()).isEmpty();
        } finally {
            pi4j.shutdown();
        }
    }
}
