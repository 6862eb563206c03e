package tw.jiaohao.office.install;

import java.util.Objects;

/**
 * One MQTT login of an office's broker: one per device, so a lost or stolen device is locked
 * out by removing its line without touching the others. The username doubles as the device's
 * {@code device.id} (its status topic and its private reply topic use it).
 *
 * @param counter the counter number for {@link Role#COUNTER} logins, else {@code null}
 */
public record DeviceLogin(String username, Role role, Integer counter) {

    /** What a login is for; decides its ACL. */
    public enum Role {
        /** The office node (queue engine, in the same process as the kiosk UI). */
        NODE,
        /** A stand-alone ticket kiosk (a second kiosk on its own device). */
        KIOSK,
        /** A wall board. */
        BOARD,
        /** A counter unit (call pad, rating pad, counter display). */
        COUNTER,
        /** The office broker's bridge to the head-office broker (a login there, not here). */
        BRIDGE
    }

    public DeviceLogin {
        Objects.requireNonNull(role, "role");
        if (username == null || !username.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw new InstallException("login '" + username + "' is not 1-32 of a-z, 0-9 and '-';"
                    + " shorten office.id so that '<office.id>-counter-99' fits in 32 characters");
        }
        if ((role == Role.COUNTER) != (counter != null)) {
            throw new InstallException("a counter number is given exactly for counter logins, not for " + role);
        }
    }
}
