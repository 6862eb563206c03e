package tw.jiaohao.hub.cases;

import java.util.Objects;
import tw.jiaohao.protocol.Check;

/** A signed-in dashboard user as the case service sees it; {@code office} is null for head office. */
public record Staff(String username, Role role, String office) {
    public Staff {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        if (role == Role.HEAD_OFFICE) {
            if (office != null) {
                throw new IllegalArgumentException("head-office users belong to no office");
            }
        } else {
            Check.identifier("office", office);
        }
    }
}
