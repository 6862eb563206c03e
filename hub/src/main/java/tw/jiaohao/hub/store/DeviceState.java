package tw.jiaohao.hub.store;

import java.time.Instant;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.device.PrinterCondition;

/** A device's latest reported status; {@code printer} is null for devices without one. */
public record DeviceState(String device, DeviceKind kind, boolean online, PrinterCondition printer, Instant at, String version) {
}
