package tw.jiaohao.messaging;

import java.util.Objects;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.device.DeviceKind;

/**
 * The device a session speaks for: its retained {@code DeviceStatus} on
 * {@code office/{office}/device/{device}/status} (online on every connect, offline as the
 * session's last will and at close). Validated here so a bad id fails at start, naming it.
 */
public record DeviceIdentity(String office, String device, DeviceKind kind, String softwareVersion) {
    public DeviceIdentity {
        Objects.requireNonNull(kind, "kind");
        Topics.deviceStatus(office, device); // throws naming the bad identifier
        softwareVersion = softwareVersion == null || softwareVersion.isBlank() ? "dev" : softwareVersion;
    }

    /** The version from {@code type}'s jar manifest ("dev" when run from classes). */
    public static String versionOf(Class<?> type) {
        String v = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public String statusTopic() {
        return Topics.deviceStatus(office, device);
    }
}
