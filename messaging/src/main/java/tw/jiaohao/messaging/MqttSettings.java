package tw.jiaohao.messaging;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Everything a process's one {@link Session} needs to reach its broker, read from the
 * {@code mqtt.*} keys by {@link MqttKeys}. Validated here: a bad value fails with
 * {@link MqttConfigException} naming the key, the rule and the value (never the password).
 *
 * @param url                  {@code mqtt.url}: tcp://host:port, ssl://host:port (ws/wss too)
 * @param clientId             {@code mqtt.client-id}: 1-64 of a-z, 0-9, '-' and '_'
 * @param username             {@code mqtt.username}; null for an anonymous broker
 * @param password             {@code mqtt.password}; null when there is no username
 * @param sessionExpirySeconds {@code mqtt.session-expiry-seconds}: 0 = a clean session (nothing
 *                             kept while the process is down); more = a persistent session whose
 *                             QoS 1 messages wait at the broker that long
 * @param keepAliveSeconds     {@code mqtt.keep-alive-seconds}: how soon a dead link is noticed
 * @param connectTimeoutSeconds {@code mqtt.connect-timeout-seconds}
 * @param receiveMaximum       {@code mqtt.receive-maximum}: unacknowledged QoS 1 messages the broker
 *                             may have in flight to this process (flow control)
 * @param reconnect            {@code mqtt.reconnect-min-ms} / {@code mqtt.reconnect-max-ms}
 */
public record MqttSettings(String url, String clientId, String username, String password, long sessionExpirySeconds,
                           int keepAliveSeconds, int connectTimeoutSeconds, int receiveMaximum, Backoff reconnect) {
    private static final Pattern URL = Pattern.compile("(tcp|ssl|ws|wss)://[^\\s/]+:\\d{1,5}");
    private static final Pattern CLIENT_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    public MqttSettings {
        if (url == null || !URL.matcher(url).matches()) {
            throw new MqttConfigException(MqttKeys.URL, "a broker URL such as tcp://127.0.0.1:1883 or ssl://broker:8883", url);
        }
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            throw new MqttConfigException(MqttKeys.CLIENT_ID, "1-64 of a-z, A-Z, 0-9, '-' and '_'", clientId);
        }
        if (username != null && username.isEmpty()) {
            username = null;
        }
        if (username == null) {
            password = null;
        }
        if (sessionExpirySeconds < 0 || sessionExpirySeconds > 4_294_967_295L) {
            throw new MqttConfigException(MqttKeys.SESSION_EXPIRY, "0 (clean session) to 4294967295 seconds", String.valueOf(sessionExpirySeconds));
        }
        if (keepAliveSeconds < 2 || keepAliveSeconds > 3_600) {
            throw new MqttConfigException(MqttKeys.KEEP_ALIVE, "2 to 3600 seconds", String.valueOf(keepAliveSeconds));
        }
        if (connectTimeoutSeconds < 1 || connectTimeoutSeconds > 120) {
            throw new MqttConfigException(MqttKeys.CONNECT_TIMEOUT, "1 to 120 seconds", String.valueOf(connectTimeoutSeconds));
        }
        if (receiveMaximum < 1 || receiveMaximum > 65_535) {
            throw new MqttConfigException(MqttKeys.RECEIVE_MAXIMUM, "1 to 65535 messages", String.valueOf(receiveMaximum));
        }
        if (reconnect == null) {
            reconnect = Backoff.DEFAULT;
        }
    }

    /** A clean session with the defaults of {@link MqttKeys}; for tests and tools. */
    public static MqttSettings of(String url, String clientId) {
        return new MqttSettings(url, clientId, null, null, 0, MqttKeys.DEFAULT_KEEP_ALIVE, MqttKeys.DEFAULT_CONNECT_TIMEOUT,
                MqttKeys.DEFAULT_RECEIVE_MAXIMUM, Backoff.DEFAULT);
    }

    /** The same settings on another broker and login (the hub's embedded broker is known only once it runs). */
    public MqttSettings withBroker(String url, String username, String password) {
        return new MqttSettings(url, clientId, username, password, sessionExpirySeconds, keepAliveSeconds, connectTimeoutSeconds,
                receiveMaximum, reconnect);
    }

    public MqttSettings withClientId(String id) {
        return new MqttSettings(url, id, username, password, sessionExpirySeconds, keepAliveSeconds, connectTimeoutSeconds,
                receiveMaximum, reconnect);
    }

    public MqttSettings withSessionExpiry(long seconds) {
        return new MqttSettings(url, clientId, username, password, seconds, keepAliveSeconds, connectTimeoutSeconds,
                receiveMaximum, reconnect);
    }

    public MqttSettings withReconnect(Backoff backoff) {
        return new MqttSettings(url, clientId, username, password, sessionExpirySeconds, keepAliveSeconds, connectTimeoutSeconds,
                receiveMaximum, backoff);
    }

    public boolean persistent() {
        return sessionExpirySeconds > 0;
    }

    public Duration connectTimeout() {
        return Duration.ofSeconds(connectTimeoutSeconds);
    }

    @Override
    public String toString() {
        return "MqttSettings[mqtt.url=" + url + ", mqtt.client-id=" + clientId + ", mqtt.username=" + (username == null ? "(none)" : username)
                + ", mqtt.session-expiry-seconds=" + sessionExpirySeconds + "]";
    }
}
