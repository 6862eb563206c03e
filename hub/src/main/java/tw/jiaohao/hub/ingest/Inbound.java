package tw.jiaohao.hub.ingest;

import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * One message taken from the broker, on its way to the store. {@code ack} acknowledges it to
 * the broker and is run only after the batch holding it is committed; refused messages travel
 * as {@link #refused} so their acknowledgements keep the order of arrival.
 */
public record Inbound(OfficeEvent event, DeviceStatus status, Runnable ack) {
    public static Inbound event(OfficeEvent event, Runnable ack) {
        return new Inbound(event, null, ack);
    }

    public static Inbound status(DeviceStatus status, Runnable ack) {
        return new Inbound(null, status, ack);
    }

    /** A refused message: nothing to store, only the acknowledgement. */
    public static Inbound refused(Runnable ack) {
        return new Inbound(null, null, ack);
    }
}
