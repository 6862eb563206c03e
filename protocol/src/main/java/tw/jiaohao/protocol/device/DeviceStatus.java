package tw.jiaohao.protocol.device;

import java.time.Instant;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.OfficeScoped;

/**
 * Every device → hub on {@code office/{office}/device/{device}/status} (QoS 1, retained). A
 * device publishes {@code online=true} on connect and whenever its printer condition changes,
 * and registers the same message with {@code online=false} as its MQTT last will, so the
 * broker announces it offline if it vanishes. A clean shutdown publishes {@code online=false}
 * itself. {@code printer} is null for devices without a printer.
 */
public record DeviceStatus(int v, String office, String device, DeviceKind kind, Boolean online,
                           Instant at, String version, PrinterCondition printer, String detail) implements OfficeScoped {
    public DeviceStatus {
        Check.version(v);
        Check.identifier("office", office);
        Check.identifier("device", device);
        Check.required("kind", kind);
        Check.required("online", online);
        Check.required("at", at);
        Check.text("version", version, 40);
        Check.optionalText("detail", detail, 300);
    }
}
