package tw.jiaohao.protocol.access;

import java.util.List;
import java.util.Objects;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.Topics;

/**
 * One login at an MQTT broker: one per device, so a lost or stolen device is locked out by
 * removing (or rotating) its line without touching the others. Read by both the Mosquitto file
 * generator and the hub's embedded broker, which derive the login's rights from it with
 * {@link TopicRights}.
 *
 * @param username the login; for kiosks, boards and counter units also the device's id
 * @param role     what the login is for
 * @param office   the office it belongs to, {@code null} only for {@link Role#HUB}
 * @param counter  the counter number of a {@link Role#COUNTER} login, else {@code null}
 * @param devices  the device ids whose status topic this login may publish: the node's
 *                 {@code device.id} and its kiosk UI's {@code kiosk.device-id}; the username for
 *                 kiosks, boards and counter units; empty for the bridge (it forwards every
 *                 device of its office) and the hub
 */
public record BrokerLogin(String username, Role role, String office, Integer counter, List<String> devices) {

    public BrokerLogin {
        Objects.requireNonNull(role, "role");
        if (username == null || !Check.IDENTIFIER.matcher(username).matches()) {
            throw new AccessException("login '" + username + "' is not 1-32 of a-z, 0-9 and '-';"
                    + " shorten office.id so that '<office.id>-counter-99' fits in 32 characters");
        }
        if ((role == Role.HUB) != (office == null)) {
            throw new AccessException("login " + username + ": an office is given for every role but the hub's");
        }
        if (office != null && !Check.IDENTIFIER.matcher(office).matches()) {
            throw new AccessException("login " + username + ": office '" + office + "' is not 1-32 of a-z, 0-9 and '-'");
        }
        if ((role == Role.COUNTER) != (counter != null)) {
            throw new AccessException("login " + username + ": a counter number is given exactly for counter logins, not for " + role);
        }
        if (counter != null && (counter < 1 || counter > Check.MAX_COUNTER)) {
            throw new AccessException("login " + username + ": counter must be 1.." + Check.MAX_COUNTER + ", got " + counter);
        }
        devices = List.copyOf(devices == null ? List.of() : devices);
        for (String d : devices) {
            if (!Check.IDENTIFIER.matcher(d).matches()) {
                throw new AccessException("login " + username + ": device id '" + d + "' is not 1-32 of a-z, 0-9 and '-'");
            }
        }
    }

    /** The office node's login {@code <office>-node}, publishing the status of {@code devices}. */
    public static BrokerLogin node(String office, List<String> devices) {
        return new BrokerLogin(office + "-node", Role.NODE, office, null, devices);
    }

    /** Stand-alone kiosk {@code n}: {@code <office>-kiosk-n}. */
    public static BrokerLogin kiosk(String office, int n) {
        String u = office + "-kiosk-" + n;
        return new BrokerLogin(u, Role.KIOSK, office, null, List.of(u));
    }

    /** Wall board {@code n}: {@code <office>-board-n}. */
    public static BrokerLogin board(String office, int n) {
        String u = office + "-board-" + n;
        return new BrokerLogin(u, Role.BOARD, office, null, List.of(u));
    }

    /** The counter unit of counter {@code counter}: {@code <office>-counter-<counter>}. */
    public static BrokerLogin counter(String office, int counter) {
        String u = office + "-counter-" + counter;
        return new BrokerLogin(u, Role.COUNTER, office, counter, List.of(u));
    }

    /** The office broker's bridge login at the head-office broker: {@code <office>-bridge}. */
    public static BrokerLogin bridge(String office) {
        return new BrokerLogin(office + "-bridge", Role.BRIDGE, office, null, List.of());
    }

    /** The hub's login: {@code username} is {@code jiaohao-hub} at a head-office Mosquitto. */
    public static BrokerLogin hub(String username) {
        return new BrokerLogin(username, Role.HUB, null, null, List.of());
    }

    /** The private reply topic filter of this login ({@code reply/<username>/#}), where counter units get command replies. */
    public String replyFilter() {
        return Topics.ROOT + "/reply/" + username + "/#";
    }
}
