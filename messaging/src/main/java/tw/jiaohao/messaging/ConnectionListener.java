package tw.jiaohao.messaging;

import java.time.Instant;

/**
 * Hears the session come up and go down. {@code up} is called after the subscriptions are in
 * place and the device statuses are published; {@code down} with the instant the link was lost.
 * Called on the session's connector thread, never concurrently; must return quickly.
 */
public interface ConnectionListener {
    void up();

    void down(Instant since);
}
