package tw.jiaohao.hub.store;

import java.time.Instant;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.device.PrinterCondition;

/**
 * A device's latest reported status; {@code printer} is null for devices without one, {@code detail}
 * is what the device says is wrong (an office node: {@code kind: text; …}, docs/OPERATIONS.md), null when nothing.
 */
public record DeviceState(String device, DeviceKind kind, boolean online, PrinterCondition printer, Instant at, String version,
                          String detail) {
}
