package tw.jiaohao.hardware.gpio.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import tw.jiaohao.hardware.HardwareException;
import tw.jiaohao.hardware.gpio.Lamp;

/** A lamp (or buzzer driver) on a GPIO output, BCM numbering, through Pi4J 2.x; off at start and shutdown. */
public final class Pi4jOutput implements Lamp {
    private final DigitalOutput output;
    private final String name;
    private final boolean activeLow;
    private volatile boolean on;

    public Pi4jOutput(Context pi4j, String id, String name, int bcm, boolean activeLow) {
        this.name = name;
        this.activeLow = activeLow;
        DigitalState off = activeLow ? DigitalState.HIGH : DigitalState.LOW;
        try {
            this.output = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id).name(name).address(bcm)
                    .initial(off).shutdown(off));
        } catch (RuntimeException e) {
            throw new HardwareException("cannot claim GPIO output BCM " + bcm + " for " + name + ": " + e.getMessage()
                    + " (is the pin used twice in the configuration, or by another program?)", e);
        }
    }

    @Override
    public synchronized void set(boolean value) {
        output.state(value != activeLow ? DigitalState.HIGH : DigitalState.LOW);
        on = value;
    }

    @Override
    public boolean isOn() {
        return on;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the Pi4J output (tests read its state) */
    public DigitalOutput output() {
        return output;
    }
}
