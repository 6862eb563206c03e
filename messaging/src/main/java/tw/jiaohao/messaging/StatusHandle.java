package tw.jiaohao.messaging;

import tw.jiaohao.protocol.device.PrinterCondition;

/**
 * The retained device status of one device this process speaks for. The session publishes it
 * online after every connect with the latest printer condition and detail; {@link #update}
 * republishes it at once when connected (otherwise on the next connect). Thread-safe; never
 * blocks for long.
 */
public interface StatusHandle {
    /** Sets the printer condition (null: the device has none) and the detail (null clears it; cut to 300 characters). */
    void update(PrinterCondition printer, String detail);

    /** Sets the detail only. */
    void detail(String detail);

    DeviceIdentity identity();
}
