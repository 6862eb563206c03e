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
 *
 * <p>{@code host} is set when the device shares its process's one MQTT connection with another
 * device (the kiosk beside its office node): a connection has one last will, the host's, so the
 * broker cannot announce this device offline when the process vanishes. A receiver therefore
 * takes a device as offline whenever its host's status is offline. Null (absent) when the device
 * has its own connection and will. Receivers that do not know the field ignore it.
 */
public record DeviceStatus(int v, String office, String device, DeviceKind kind, Boolean online,
                           Instant at, String version, PrinterCondition printer, String detail, String host)
        implements OfficeScoped {
    public DeviceStatus {
        Check.version(v);
        Check.identifier("office", office);
        Check.identifier("device", device);
        Check.required("kind", kind);
        Check.required("online", online);
        Check.required("at", at);
        Check.text("version", version, 40);
        Check.optionalText("detail", detail, 300);
        if (host != null) {
            Check.identifier("host", host);
            if (host.equals(device)) {
                throw new tw.jiaohao.protocol.ProtocolException("host: a device cannot be its own host ('" + host + "')");
            }
        }
    }

    /** A device with its own connection and last will (no host). */
    public DeviceStatus(int v, String office, String device, DeviceKind kind, Boolean online,
                        Instant at, String version, PrinterCondition printer, String detail) {
        this(v, office, device, kind, online, at, version, printer, detail, null);
    }

    /**
     * This status as a receiver should take it, given its host's newest status ({@code null} when
     * none is known): offline, dated when the host went offline, while the host is offline.
     */
    public DeviceStatus givenHost(DeviceStatus hostStatus) {
        if (host == null || hostStatus == null || hostStatus.online() || !online) {
            return this;
        }
        Instant since = hostStatus.at().isAfter(at) ? hostStatus.at() : at;
        return new DeviceStatus(v, office, device, kind, false, since, version, printer,
                "offline with its host " + host, host);
    }
}
