/**
 * Jiaohao's device layer: ports for the ticket printer and the GPIO pads, their real adapters
 * (ESC/POS over USB through javax.usb, Pi4J 2.x) and simulators that behave like the devices.
 *
 * <p>Other modules depend on the ports only ({@link tw.jiaohao.hardware.printing.TicketPrinter},
 * {@link tw.jiaohao.hardware.gpio.CallPad}, {@link tw.jiaohao.hardware.gpio.RatingPad},
 * {@link tw.jiaohao.hardware.gpio.Lamp}, {@link tw.jiaohao.hardware.gpio.Buzzer}) and build them
 * through {@link tw.jiaohao.hardware.HardwareFactory} from a {@link tw.jiaohao.hardware.config.HardwareConfig}.
 * The packages are layered like Kura's and Pi4J's: ports ({@code gpio}, {@code printing} and its
 * {@code escpos}, {@code transport}, {@code config}), Pi adapters ({@code gpio.pi4j},
 * {@code printing.usb}, the only users of Pi4J and usb4java) and simulators ({@code *.sim}) apart;
 * {@code ArchitectureTest} enforces it. Simulator controls reach screens through the factory.
 */
package tw.jiaohao.hardware;
