/**
 * Jiaohao's device layer: ports for the ticket printer and the GPIO pads, their real adapters
 * (ESC/POS over USB through javax.usb, Pi4J 2.x) and simulators that behave like the devices.
 *
 * <p>Other modules depend on the ports only ({@link tw.jiaohao.hardware.printing.TicketPrinter},
 * {@link tw.jiaohao.hardware.gpio.CallPad}, {@link tw.jiaohao.hardware.gpio.RatingPad},
 * {@link tw.jiaohao.hardware.gpio.Lamp}, {@link tw.jiaohao.hardware.gpio.Buzzer}) and build them
 * through {@link tw.jiaohao.hardware.HardwareFactory} from a {@link tw.jiaohao.hardware.config.HardwareConfig}.
 */
package tw.jiaohao.hardware;
