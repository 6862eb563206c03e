package tw.jiaohao.messaging;

import tw.jiaohao.protocol.device.DeviceKind;

/**
 * A device whose retained status a session publishes on {@code office/{office}/device/{id}/status}.
 *
 * @param office   the office id
 * @param deviceId the device id
 * @param kind     what the device is
 * @param version  the software version reported
 */
public record Device(String office, String deviceId, DeviceKind kind, String version) {
    public Device {
        if (office == null || office.isBlank() || deviceId == null || deviceId.isBlank() || kind == null) {
            throw new IllegalArgumentException("a device needs an office, an id and a kind");
        }
        version = version == null || version.isBlank() ? "dev" : version;
    }

    /** The implementation version of {@code type}'s jar, or {@code dev} when run from classes. */
    public static String versionOf(Class<?> type) {
        String v = type.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
