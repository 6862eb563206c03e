package tw.jiaohao.archfixture.office.kiosk;

import tw.jiaohao.hardware.printing.sim.SimulatedPrinter;

/** Fixture: a screen that reaches for the printer simulator instead of being handed a port. */
public class DrivesTheSimulator {
    public SimulatedPrinter printer;
}
