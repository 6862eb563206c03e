package tw.jiaohao.hardware.gpio.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.function.Consumer;
import tw.jiaohao.hardware.HardwareException;
import tw.jiaohao.hardware.gpio.SwitchInput;

/**
 * A key contact on a GPIO input (BCM numbering) through Pi4J 2.x. Active-low keys (to ground, the
 * usual wiring) get the internal pull-up; active-high keys the pull-down. Pi4J's listener thread
 * only forwards the level; debouncing happens in {@link tw.jiaohao.hardware.gpio.Debouncer}.
 */
public final class Pi4jSwitchInput implements SwitchInput {
    private final Context pi4j;
    private final DigitalInput input;
    private final DigitalState active;
    private final String name;
    private DigitalStateChangeListener listener;

    public Pi4jSwitchInput(Context pi4j, String id, String name, int bcm, boolean activeLow) {
        this.pi4j = pi4j;
        this.name = name + " (BCM " + bcm + ")";
        this.active = activeLow ? DigitalState.LOW : DigitalState.HIGH;
        try {
            this.input = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).name(name).address(bcm)
                    .pull(activeLow ? PullResistance.PULL_UP : PullResistance.PULL_DOWN));
        } catch (RuntimeException e) {
            throw new HardwareException("cannot claim GPIO input BCM " + bcm + " for " + name + ": " + e.getMessage()
                    + " (is the pin used twice in the configuration, or by another program? run as a user in group gpio)",
                    e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean pressed() {
        return input.state() == active;
    }

    @Override
    public void onChange(Consumer<Boolean> pressed) {
        if (listener != null) {
            input.removeListener(listener);
        }
        listener = e -> pressed.accept(e.state() == active);
        input.addListener(listener);
    }

    @Override
    public void close() {
        try {
            if (listener != null) {
                input.removeListener(listener);
            }
            pi4j.shutdown(input.id());
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Pi4jSwitchInput.class).debug("closing {}: {}", name, e.toString());
        }
    }
}
