package tw.jiaohao.messaging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one set of broker keys every application reads ({@code mqtt.*}), with the keys of the
 * previous release still accepted for one release: {@code mqtt.broker} and {@code broker.url}
 * for {@code mqtt.url}, {@code broker.username} / {@code broker.password} for
 * {@code mqtt.username} / {@code mqtt.password}. An old key logs one warning naming the new
 * key; an old and a new key with different values is an error naming both.
 */
public final class MqttKeys {
    private static final Logger log = LoggerFactory.getLogger(MqttKeys.class);

    public static final String URL = "mqtt.url";
    public static final String CLIENT_ID = "mqtt.client-id";
    public static final String USERNAME = "mqtt.username";
    public static final String PASSWORD = "mqtt.password";
    public static final String SESSION_EXPIRY = "mqtt.session-expiry-seconds";
    public static final String KEEP_ALIVE = "mqtt.keep-alive-seconds";
    public static final String CONNECT_TIMEOUT = "mqtt.connect-timeout-seconds";
    public static final String RECEIVE_MAXIMUM = "mqtt.receive-maximum";
    public static final String RECONNECT_MIN = "mqtt.reconnect-min-ms";
    public static final String RECONNECT_MAX = "mqtt.reconnect-max-ms";

    public static final int DEFAULT_KEEP_ALIVE = 15;
    public static final int DEFAULT_CONNECT_TIMEOUT = 5;
    public static final int DEFAULT_RECEIVE_MAXIMUM = 100;

    /** Old key → new key, accepted until the next release. */
    public static final Map<String, String> OLD_KEYS = Map.of(
            "mqtt.broker", URL,
            "broker.url", URL,
            "broker.username", USERNAME,
            "broker.password", PASSWORD);

    private MqttKeys() {
    }

    /** The keys and their defaults, in the order the example configuration files list them. */
    public static Map<String, String> defaults(String url, String clientId, long sessionExpirySeconds, int receiveMaximum) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(URL, url);
        d.put(CLIENT_ID, clientId);
        d.put(USERNAME, "");
        d.put(PASSWORD, "");
        d.put(SESSION_EXPIRY, String.valueOf(sessionExpirySeconds));
        d.put(KEEP_ALIVE, String.valueOf(DEFAULT_KEEP_ALIVE));
        d.put(CONNECT_TIMEOUT, String.valueOf(DEFAULT_CONNECT_TIMEOUT));
        d.put(RECEIVE_MAXIMUM, String.valueOf(receiveMaximum));
        d.put(RECONNECT_MIN, String.valueOf(Backoff.DEFAULT.min().toMillis()));
        d.put(RECONNECT_MAX, String.valueOf(Backoff.DEFAULT.max().toMillis()));
        return d;
    }

    /**
     * The value of {@code key}, or of an old key that names it (one warning), or null.
     * {@code get} returns null for a key that is not set.
     */
    public static String value(Function<String, String> get, String key) {
        String now = trimmed(get.apply(key));
        for (Map.Entry<String, String> old : OLD_KEYS.entrySet()) {
            if (!old.getValue().equals(key)) {
                continue;
            }
            String before = trimmed(get.apply(old.getKey()));
            if (before == null) {
                continue;
            }
            if (now != null && !now.equals(before)) {
                throw new MqttConfigException(key, "the only one of " + key + " and the old key " + old.getKey()
                        + " (they differ; remove " + old.getKey() + ")", isSecret(key) ? "***" : now);
            }
            log.warn("configuration key {} is deprecated and will be refused in the next release: name it {}", old.getKey(), key);
            now = before;
        }
        return now;
    }

    /**
     * Renames the old keys in {@code p} (a file's own entries, before defaults are merged) to
     * their new names, with one warning each; an old and a new key with different values is an
     * error naming both.
     */
    public static void renameOldKeys(java.util.Properties p) {
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        renameOldKeys(m);
        p.clear();
        p.putAll(m);
    }

    /** Like {@link #renameOldKeys(java.util.Properties)} on a map of a file's own entries. */
    public static void renameOldKeys(Map<String, String> p) {
        for (Map.Entry<String, String> old : OLD_KEYS.entrySet()) {
            String before = p.get(old.getKey());
            if (before == null) {
                continue;
            }
            String now = p.get(old.getValue());
            if (now != null && !now.strip().equals(before.strip())) {
                throw new MqttConfigException(old.getValue(), "the only one of " + old.getValue() + " and the old key " + old.getKey()
                        + " (they differ; remove " + old.getKey() + ")", isSecret(old.getValue()) ? "***" : now);
            }
            p.remove(old.getKey());
            p.put(old.getValue(), before);
            log.warn("configuration key {} is deprecated and will be refused in the next release: name it {}", old.getKey(), old.getValue());
        }
    }

    private static boolean isSecret(String key) {
        return key.endsWith("password");
    }

    /**
     * Reads the settings. {@code get} returns null for unset keys; {@code defaults} (see
     * {@link #defaults}) fills them. Throws {@link MqttConfigException} naming the key.
     */
    public static MqttSettings read(Function<String, String> get, Map<String, String> defaults) {
        Function<String, String> v = k -> {
            String s = value(get, k);
            return s == null ? defaults.getOrDefault(k, "") : s;
        };
        long min = longIn(v, RECONNECT_MIN, 10, 600_000);
        long max = longIn(v, RECONNECT_MAX, 10, 3_600_000);
        if (max < min) {
            throw new MqttConfigException(RECONNECT_MAX, "at least " + RECONNECT_MIN + " (" + min + ")", String.valueOf(max));
        }
        return new MqttSettings(v.apply(URL), v.apply(CLIENT_ID), v.apply(USERNAME), v.apply(PASSWORD),
                longIn(v, SESSION_EXPIRY, 0, 4_294_967_295L), (int) longIn(v, KEEP_ALIVE, 2, 3_600),
                (int) longIn(v, CONNECT_TIMEOUT, 1, 120), (int) longIn(v, RECEIVE_MAXIMUM, 1, 65_535),
                new Backoff(Duration.ofMillis(min), Duration.ofMillis(max)));
    }

    private static long longIn(Function<String, String> v, String key, long lo, long hi) {
        String s = v.apply(key);
        long n;
        try {
            n = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new MqttConfigException(key, "a whole number from " + lo + " to " + hi, s);
        }
        if (n < lo || n > hi) {
            throw new MqttConfigException(key, "a whole number from " + lo + " to " + hi, s);
        }
        return n;
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }
}
