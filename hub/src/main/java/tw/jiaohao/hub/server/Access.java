package tw.jiaohao.hub.server;

import io.javalin.security.RouteRole;
import java.util.EnumSet;
import java.util.Set;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.User;

/**
 * The access rule of one route, attached to it when a feature registers it ({@link Routes}) and
 * read back by {@link HubServer}'s guard from the route Javalin matched — never from the path
 * string, so a trailing slash, another case or an encoded character cannot reach a handler
 * under a weaker rule. A route without a rule is unreachable (deny by default).
 *
 * @param anyone      no login needed (the login page, the public ticket page, static files)
 * @param roles       the roles that may use the route once signed in (ignored when {@code anyone})
 * @param officeParam when not null, the name of the path parameter holding an office id the user
 *                    must be allowed to see ({@link User#canSee})
 */
public record Access(boolean anyone, Set<Role> roles, String officeParam) implements RouteRole {
    /** Reachable without a login. */
    public static final Access ANYONE = new Access(true, Set.of(), null);
    /** Any signed-in user; the handler scopes what it returns to the user's offices. */
    public static final Access SIGNED_IN = new Access(false, EnumSet.allOf(Role.class), null);
    /** Head office only. */
    public static final Access HEAD_OFFICE = new Access(false, EnumSet.of(Role.HEAD_OFFICE), null);

    public Access {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        if (!anyone && roles.isEmpty()) {
            throw new IllegalArgumentException("a signed-in rule needs at least one role");
        }
    }

    /** Signed in with one of {@code roles}. */
    public static Access roles(Role first, Role... more) {
        return new Access(false, EnumSet.of(first, more), null);
    }

    /** This rule, and the user must be allowed to see the office in path parameter {@code param}. */
    public Access seeingOffice(String param) {
        if (anyone) {
            throw new IllegalArgumentException("a public route has no user to check the office of");
        }
        return new Access(false, roles, param);
    }

    /** Does the rule let {@code user} (null: not signed in) through, given the office named in the path (if any)? */
    boolean allows(User user, String office) {
        if (anyone) {
            return true;
        }
        if (user == null || !roles.contains(user.role())) {
            return false;
        }
        return officeParam == null || (office != null && user.canSee(office));
    }

    @Override
    public String toString() {
        return anyone ? "anyone" : roles + (officeParam == null ? "" : " seeing {" + officeParam + "}");
    }
}
