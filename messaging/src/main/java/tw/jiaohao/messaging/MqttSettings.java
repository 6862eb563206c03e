package tw.jiaohao.messaging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a process reaches its broker: one record, read from the keys {@code mqtt.*} of the
 * application's properties file, the same keys in every application.
 *
 * <table>
 * <caption>keys</caption>
 * <tr><td>{@code mqtt.url}</td><td>broker URL, {@code tcp://host:port} or {@code ssl://host:port}</td></tr>
 * <tr><td>{@code mqtt.client-id}</td><td>the session's client id (empty = the application's default)</td></tr>
 * <tr><td>{@code mqtt.username}, {@code mqtt.password}</td><td>empty username = anonymous</td></tr>
 * <tr><td>{@code mqtt.keep-alive-seconds}</td><td>MQTT keep-alive; a dead link is noticed within 1.5× this</td></tr>
 * <tr><td>{@code mqtt.connect-timeout-seconds}</td><td>one connect attempt at most</td></tr>
 * <tr><td>{@code mqtt.reconnect.min-ms}, {@code mqtt.reconnect.max-ms}</td><td>{@link Backoff} between attempts</td></tr>
 * <tr><td>{@code mqtt.max-in-flight}</td><td>QoS 1 publishes awaiting PUBACK at a time (also capped by the broker's receive maximum)</td></tr>
 * </table>
 *
 * Two more keys are read when present, for a process whose session must outlive its
 * connections (the hub); they are not in {@link #KEYS}, since a device has no use for them:
 * <table>
 * <caption>keys of a persistent session</caption>
 * <tr><td>{@code mqtt.session-expiry-seconds}</td><td>0 (the default) = a clean start at every connect; more = the session
 *   ({@code cleanStart=false}) and the QoS 1 messages for it are kept by the broker this long while the process is away</td></tr>
 * <tr><td>{@code mqtt.receive-maximum}</td><td>QoS 1 messages the broker may send before this session acknowledges them
 *   (1 … 65535, the default); the flow control of a consumer that acknowledges late ({@link MqttSession#subscribeAcked})</td></tr>
 * </table>
 *
 * The old names of the broker URL ({@code mqtt.broker} of the office node, {@code broker.url} of
 * the hub) and of the hub's login ({@code broker.username}, {@code broker.password}) are still read
 * for one release, with a warning naming the new key ({@link #withCurrentKeys}).
 *
 * @param url             broker URL
 * @param clientId        MQTT client id, 1–64 of {@code a-z A-Z 0-9 - _ .}
 * @param username        null = anonymous
 * @param password        null when there is no username
 * @param keepAlive       keep-alive interval, 1 s … 10 min
 * @param connectTimeout  one connect attempt, 1 s … 2 min
 * @param backoff         delays between connect attempts
 * @param maxInFlight     QoS 1 publishes awaiting PUBACK, 1 … 1000
 * @param sessionExpiry   zero = clean start; more = a persistent session kept this long (at most 2^32−1 s)
 * @param receiveMaximum  unacknowledged QoS 1 messages the broker may send, 1 … 65535
 */
public record MqttSettings(String url, String clientId, String username, String password, Duration keepAlive,
                           Duration connectTimeout, Backoff backoff, int maxInFlight, Duration sessionExpiry, int receiveMaximum) {
    /** The key prefix every application uses. */
    public static final String PREFIX = "mqtt.";
    public static final String URL = "mqtt.url";
    public static final String CLIENT_ID = "mqtt.client-id";
    public static final String USERNAME = "mqtt.username";
    public static final String PASSWORD = "mqtt.password";
    public static final String KEEP_ALIVE = "mqtt.keep-alive-seconds";
    public static final String CONNECT_TIMEOUT = "mqtt.connect-timeout-seconds";
    public static final String RECONNECT_MIN = "mqtt.reconnect.min-ms";
    public static final String RECONNECT_MAX = "mqtt.reconnect.max-ms";
    public static final String MAX_IN_FLIGHT = "mqtt.max-in-flight";
    /** Read when present; not in {@link #KEYS}. */
    public static final String SESSION_EXPIRY = "mqtt.session-expiry-seconds";
    /** Read when present; not in {@link #KEYS}. */
    public static final String RECEIVE_MAXIMUM = "mqtt.receive-maximum";
    /** The receive maximum MQTT 5 assumes when a client names none. */
    public static final int MAX_RECEIVE_MAXIMUM = 65_535;
    /** Every key this record reads. */
    public static final List<String> KEYS = List.of(URL, CLIENT_ID, USERNAME, PASSWORD, KEEP_ALIVE, CONNECT_TIMEOUT,
            RECONNECT_MIN, RECONNECT_MAX, MAX_IN_FLIGHT);
    /** Old names still accepted for one release, and the key that replaces each. */
    public static final Map<String, String> OLD_KEYS = Map.of("mqtt.broker", URL, "broker.url", URL,
            "broker.username", USERNAME, "broker.password", PASSWORD);

    private static final Logger log = LoggerFactory.getLogger(MqttSettings.class);
    private static final Pattern URL_SHAPE = Pattern.compile("(tcp|ssl|ws|wss)://[^\\s/]+:\\d{1,5}");
    private static final Pattern CLIENT_ID_SHAPE = tw.jiaohao.protocol.Check.CLIENT_ID;

    /** The defaults every application starts from (client id given by the application). */
    public static MqttSettings defaults(String clientId) {
        return new MqttSettings("tcp://127.0.0.1:1883", clientId, null, null, Duration.ofSeconds(15), Duration.ofSeconds(5),
                Backoff.DEFAULT, 10, Duration.ZERO, MAX_RECEIVE_MAXIMUM);
    }

    /** A clean-start session with the broker's default receive maximum (every device's kind of session). */
    public MqttSettings(String url, String clientId, String username, String password, Duration keepAlive, Duration connectTimeout,
                        Backoff backoff, int maxInFlight) {
        this(url, clientId, username, password, keepAlive, connectTimeout, backoff, maxInFlight, Duration.ZERO, MAX_RECEIVE_MAXIMUM);
    }

    public MqttSettings {
        if (url == null || !URL_SHAPE.matcher(url).matches()) {
            throw new InvalidSetting(URL, "must be a broker URL such as tcp://127.0.0.1:1883 or ssl://broker:8883; got '" + url + "'");
        }
        if (clientId == null || !CLIENT_ID_SHAPE.matcher(clientId).matches()) {
            throw new InvalidSetting(CLIENT_ID, "must be 1-64 of a-z, A-Z, 0-9, '.', '_' and '-'; got '" + clientId + "'");
        }
        if (username != null && username.isBlank()) {
            username = null;
        }
        if (username == null) {
            password = null;
        }
        requireBetween(KEEP_ALIVE, keepAlive, Duration.ofSeconds(1), Duration.ofMinutes(10));
        requireBetween(CONNECT_TIMEOUT, connectTimeout, Duration.ofSeconds(1), Duration.ofMinutes(2));
        if (backoff == null) {
            throw new InvalidSetting(RECONNECT_MIN, "is required");
        }
        if (maxInFlight < 1 || maxInFlight > 1000) {
            throw new InvalidSetting(MAX_IN_FLIGHT, "must be 1 to 1000; got " + maxInFlight);
        }
        if (sessionExpiry == null || sessionExpiry.isNegative() || sessionExpiry.toSeconds() > 0xFFFF_FFFFL
                || sessionExpiry.toNanos() % 1_000_000_000L != 0) {
            throw new InvalidSetting(SESSION_EXPIRY, "must be 0 to 4294967295 whole seconds; got " + sessionExpiry);
        }
        if (receiveMaximum < 1 || receiveMaximum > MAX_RECEIVE_MAXIMUM) {
            throw new InvalidSetting(RECEIVE_MAXIMUM, "must be 1 to 65535; got " + receiveMaximum);
        }
    }

    /** True when the broker keeps this session between connections ({@code cleanStart=false}). */
    public boolean persistent() {
        return !sessionExpiry.isZero();
    }

    private static void requireBetween(String key, Duration d, Duration min, Duration max) {
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new InvalidSetting(key, "must be between " + min.toSeconds() + " and " + max.toSeconds() + " s; got " + d);
        }
    }

    /**
     * Reads the {@code mqtt.*} keys of {@code p}; a key that is absent or empty keeps its value
     * in {@code defaults}. Old key names are read as their new ones (with a warning). Throws
     * {@link InvalidSetting} naming the first bad key.
     */
    public static MqttSettings read(Properties p, MqttSettings defaults) {
        Properties q = withCurrentKeys(p);
        String url = text(q, URL, defaults.url());
        String clientId = text(q, CLIENT_ID, defaults.clientId());
        String username = text(q, USERNAME, defaults.username());
        String password = text(q, PASSWORD, defaults.password());
        Duration keepAlive = Duration.ofSeconds(number(q, KEEP_ALIVE, defaults.keepAlive().toSeconds()));
        Duration connectTimeout = Duration.ofSeconds(number(q, CONNECT_TIMEOUT, defaults.connectTimeout().toSeconds()));
        long min = number(q, RECONNECT_MIN, defaults.backoff().min().toMillis());
        long max = number(q, RECONNECT_MAX, defaults.backoff().max().toMillis());
        if (min < 10 || min > 60_000) {
            throw new InvalidSetting(RECONNECT_MIN, "must be 10 to 60000 ms; got " + min);
        }
        if (max < min || max > 600_000) {
            throw new InvalidSetting(RECONNECT_MAX, "must be ≥ " + RECONNECT_MIN + " (" + min + ") and ≤ 600000 ms; got " + max);
        }
        int inFlight = (int) number(q, MAX_IN_FLIGHT, defaults.maxInFlight());
        long expiry = number(q, SESSION_EXPIRY, defaults.sessionExpiry().toSeconds());
        if (expiry < 0 || expiry > 0xFFFF_FFFFL) {
            throw new InvalidSetting(SESSION_EXPIRY, "must be 0 to 4294967295; got " + expiry);
        }
        long receive = number(q, RECEIVE_MAXIMUM, defaults.receiveMaximum());
        if (receive < 1 || receive > MAX_RECEIVE_MAXIMUM) {
            throw new InvalidSetting(RECEIVE_MAXIMUM, "must be 1 to 65535; got " + receive);
        }
        return new MqttSettings(url, clientId, username, password, keepAlive, connectTimeout,
                new Backoff(Duration.ofMillis(min), Duration.ofMillis(max)), inFlight, Duration.ofSeconds(expiry), (int) receive);
    }

    /**
     * A copy of {@code p} with each old key name ({@link #OLD_KEYS}) moved to its new name, each
     * logged once as a warning naming the new key. When both names are set the new one wins.
     */
    public static Properties withCurrentKeys(Properties p) {
        Properties q = new Properties();
        q.putAll(p);
        for (Map.Entry<String, String> old : OLD_KEYS.entrySet()) {
            String value = q.getProperty(old.getKey());
            if (value == null) {
                continue;
            }
            q.remove(old.getKey());
            if (q.getProperty(old.getValue()) == null || q.getProperty(old.getValue()).isBlank()) {
                q.setProperty(old.getValue(), value);
                warnOnce(old.getKey(), "configuration key '" + old.getKey() + "' is deprecated and will be removed in the next release;"
                        + " rename it to '" + old.getValue() + "'");
            } else {
                warnOnce(old.getKey(), "configuration key '" + old.getKey() + "' is ignored: '" + old.getValue()
                        + "' is set too; remove '" + old.getKey() + "'");
            }
        }
        return q;
    }

    private static final Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static void warnOnce(String key, String message) {
        if (WARNED.add(key)) {
            log.warn(message);
        }
    }

    /** The keys and their values as an application's example file lists them. */
    public Map<String, String> asProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(URL, url);
        m.put(CLIENT_ID, clientId);
        m.put(USERNAME, username == null ? "" : username);
        m.put(PASSWORD, password == null ? "" : password);
        m.put(KEEP_ALIVE, Long.toString(keepAlive.toSeconds()));
        m.put(CONNECT_TIMEOUT, Long.toString(connectTimeout.toSeconds()));
        m.put(RECONNECT_MIN, Long.toString(backoff.min().toMillis()));
        m.put(RECONNECT_MAX, Long.toString(backoff.max().toMillis()));
        m.put(MAX_IN_FLIGHT, Integer.toString(maxInFlight));
        return m;
    }

    public MqttSettings withUrl(String newUrl) {
        return new MqttSettings(newUrl, clientId, username, password, keepAlive, connectTimeout, backoff, maxInFlight, sessionExpiry,
                receiveMaximum);
    }

    public MqttSettings withClientId(String id) {
        return new MqttSettings(url, id, username, password, keepAlive, connectTimeout, backoff, maxInFlight, sessionExpiry, receiveMaximum);
    }

    public MqttSettings withLogin(String user, String pass) {
        return new MqttSettings(url, clientId, user, pass, keepAlive, connectTimeout, backoff, maxInFlight, sessionExpiry, receiveMaximum);
    }

    public MqttSettings withBackoff(Backoff b) {
        return new MqttSettings(url, clientId, username, password, keepAlive, connectTimeout, b, maxInFlight, sessionExpiry, receiveMaximum);
    }

    public MqttSettings withKeepAlive(Duration d) {
        return new MqttSettings(url, clientId, username, password, d, connectTimeout, backoff, maxInFlight, sessionExpiry, receiveMaximum);
    }

    public MqttSettings withConnectTimeout(Duration d) {
        return new MqttSettings(url, clientId, username, password, keepAlive, d, backoff, maxInFlight, sessionExpiry, receiveMaximum);
    }

    /** A persistent session kept {@code expiry} by the broker ({@link Duration#ZERO}: a clean start at every connect). */
    public MqttSettings withSessionExpiry(Duration expiry) {
        return new MqttSettings(url, clientId, username, password, keepAlive, connectTimeout, backoff, maxInFlight, expiry, receiveMaximum);
    }

    public MqttSettings withReceiveMaximum(int max) {
        return new MqttSettings(url, clientId, username, password, keepAlive, connectTimeout, backoff, maxInFlight, sessionExpiry, max);
    }

    private static String text(Properties p, String key, String fallback) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static long number(Properties p, String key, long fallback) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSetting(key, "must be a whole number; got '" + v.trim() + "'");
        }
    }

    @Override
    public String toString() {
        return "MqttSettings[url=" + url + ", clientId=" + clientId + ", username=" + username + ", password="
                + (password == null ? "none" : "***") + ", keepAlive=" + keepAlive + ", backoff=" + backoff + ", maxInFlight=" + maxInFlight
                + (persistent() ? ", sessionExpiry=" + sessionExpiry : ", cleanStart") + ", receiveMaximum=" + receiveMaximum + "]";
    }

    /** A bad value of one {@code mqtt.*} key; {@link #key()} names it. */
    public static final class InvalidSetting extends IllegalArgumentException {
        private final String key;

        public InvalidSetting(String key, String problem) {
            super("configuration key '" + key + "' " + problem);
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** The problem without the key. */
        public String problem() {
            return getMessage().substring(("configuration key '" + key + "' ").length());
        }
    }
}
