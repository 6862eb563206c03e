package tw.jiaohao.hub.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tw.jiaohao.protocol.device.DeviceKind;

/**
 * The faults an office node lists in its device status {@code detail}: {@code kind: text}
 * separated by {@code "; "} (kiosk-app {@code NodeHealth}). Only the kinds an operator must act
 * on become alerts; {@code recovery-imported} (a restored backup brought up to date) is shown in
 * {@code /api/offices} but raises none. Pure.
 */
final class NodeFaults {
    /** The kinds that raise an {@link AlertKind#OFFICE_NODE_FAULT}. */
    static final Set<String> ALERTING = Set.of("database-damaged", "disk-full", "disk-low", "store-failed", "clock-unset",
            "clock-stepped", "recovery-failed", "recovery-held", "recovery-refused");

    private NodeFaults() {
    }

    /** The alerting faults of an office node's detail, each {@code kind: text}; none for other devices. */
    static List<String> of(DeviceKind device, String detail) {
        List<String> out = new ArrayList<>();
        if (device != DeviceKind.OFFICE_NODE || detail == null) {
            return out;
        }
        for (String part : detail.split("; ")) {
            if (ALERTING.contains(kind(part))) {
                out.add(part);
            }
        }
        return out;
    }

    static String kind(String fault) {
        int colon = fault.indexOf(':');
        return colon < 0 ? fault : fault.substring(0, colon);
    }
}
