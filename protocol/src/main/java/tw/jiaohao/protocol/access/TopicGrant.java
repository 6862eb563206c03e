package tw.jiaohao.protocol.access;

import java.util.Objects;

/**
 * One right of a login: publish to, or subscribe to and receive from, the topics a filter
 * matches. Rendered as {@code topic read|write <filter>} in a Mosquitto ACL, as a bridge's
 * {@code topic <filter> in|out} line, and as a HiveMQ topic permission.
 */
public record TopicGrant(Access access, String filter) {
    /** Which way a grant works. */
    public enum Access {
        /** Subscribe and receive. */
        READ,
        /** Publish (including a retained message and a last will). */
        WRITE
    }

    public TopicGrant {
        Objects.requireNonNull(access, "access");
        if (filter == null || filter.isEmpty() || filter.contains(" ")) {
            throw new AccessException("a topic grant needs a topic filter without spaces, got '" + filter + "'");
        }
    }

    public static TopicGrant read(String filter) {
        return new TopicGrant(Access.READ, filter);
    }

    public static TopicGrant write(String filter) {
        return new TopicGrant(Access.WRITE, filter);
    }
}
