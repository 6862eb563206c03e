package tw.jiaohao.messaging;

import java.time.Duration;

/** Starts the process's one {@link Session}. */
public final class Sessions {
    private Sessions() {
    }

    /**
     * Starts connecting in the background and returns at once (the broker may be down).
     *
     * @param device the device this process is, whose status is the session's last will; null for none (the hub)
     */
    public static Session start(MqttSettings settings, DeviceIdentity device) {
        return new PahoSession(settings, device).start();
    }

    /**
     * A session that does not connect until {@link Session#start()}: for a persistent session,
     * whose broker holds the subscriptions of the last run and delivers at once, so every
     * handler must be registered before it connects (a message no handler takes is
     * acknowledged and dropped).
     */
    public static Session prepare(MqttSettings settings, DeviceIdentity device) {
        return new PahoSession(settings, device);
    }

    /**
     * One message on a short connection of its own, for a program that cannot start and says so
     * before it exits (its session never ran). Best effort: false when the broker cannot be
     * reached within {@code timeout}.
     */
    public static boolean publishOnce(MqttSettings settings, Outgoing message, Duration timeout) {
        return PahoSession.publishOnce(settings, message, timeout);
    }
}
