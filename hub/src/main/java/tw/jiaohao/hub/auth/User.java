package tw.jiaohao.hub.auth;

import tw.jiaohao.hub.HubException;
import tw.jiaohao.protocol.Check;

/**
 * A dashboard user. {@code office} is null for {@link Role#HEAD_OFFICE} and required for the
 * other roles. Usernames follow the same rule as identifiers (lower-case letters, digits, dashes)
 * so they are safe in logs and URLs.
 */
public record User(String username, Role role, String office) {
    public User {
        if (username == null || !Check.IDENTIFIER.matcher(username).matches()) {
            throw new HubException("a username must be 1-32 of a-z, 0-9 and '-', starting with a letter or digit");
        }
        if (role == null) {
            throw new HubException("a user needs a role: HEAD_OFFICE, OFFICE_MANAGER or STAFF");
        }
        if (role == Role.HEAD_OFFICE && office != null) {
            throw new HubException("a HEAD_OFFICE user belongs to no office; leave the office empty");
        }
        if (role != Role.HEAD_OFFICE && (office == null || !Check.IDENTIFIER.matcher(office).matches())) {
            throw new HubException("an " + role + " user needs the id of their office (a-z, 0-9, '-')");
        }
    }

    /** May this user see the figures, live state and alerts of {@code officeId}? */
    public boolean canSee(String officeId) {
        return role == Role.HEAD_OFFICE || office.equals(officeId);
    }

    /** May this user mark an alert of {@code officeId} handled? */
    public boolean canHandleAlertsOf(String officeId) {
        return role == Role.HEAD_OFFICE || (role == Role.OFFICE_MANAGER && office.equals(officeId));
    }

    /** Writing and withdrawing notices is head office's. */
    public boolean canWriteNotices() {
        return role == Role.HEAD_OFFICE;
    }
}
