package tw.jiaohao.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import tw.jiaohao.hub.dashboard.DashboardConfig;
import tw.jiaohao.hub.store.SqliteHubStore;
import tw.jiaohao.protocol.Check;

/**
 * The hub's configuration: one properties file, every key optional with the default shown in
 * {@link #DEFAULTS} (and in hub.example.properties, docs/hub/CONFIG.md). Validated when
 * loaded; a bad or unknown key fails with a {@link HubException} naming it.
 */
public record HubConfig(
        String brokerUrl,
        String brokerUsername,
        String brokerPassword,
        int embeddedBrokerPort,
        String embeddedBrokerBind,
        Path embeddedBrokerDir,
        int embeddedBrokerMaxQueued,
        Path embeddedBrokerLogins,
        String clientId,
        long sessionExpirySeconds,
        int httpPort,
        String httpBind,
        Path dbPath,
        SqliteHubStore.Sync dbSynchronous,
        tw.jiaohao.hub.db.DbSettings database,
        int queueCapacity,
        int batchMax,
        long maxSeqAhead,
        String shareGroup,
        int jobsLeaseSeconds,
        int replayIntervalSeconds,
        int replayMaxIntervalSeconds,
        int replayProbeIntervalSeconds,
        ZoneId officeZone,
        tw.jiaohao.hub.cases.SelfServiceConfig selfService,
        DashboardConfig dashboard) {

    /** Every key and its default, in the order of the example file. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("mqtt.url", "");
        d.put("mqtt.username", "");
        d.put("mqtt.password", "");
        d.put("broker.embedded.port", "1883");
        d.put("broker.embedded.bind", "127.0.0.1");
        d.put("broker.embedded.dir", "data/broker");
        d.put("broker.embedded.max-queued-messages", "200000");
        d.put("broker.embedded.logins", "");
        d.put("mqtt.client-id", "jiaohao-hub");
        d.put("mqtt.session-expiry-seconds", "604800");
        d.put("http.port", "8080");
        d.put("http.bind", "127.0.0.1");
        d.put("db.path", "data/hub.db");
        d.put("db.synchronous", "NORMAL");
        d.put("db.url", "");
        d.put("db.user", "");
        d.put("db.password", "");
        d.put("db.pool-size", String.valueOf(tw.jiaohao.hub.db.DbSettings.DEFAULT_POOL_SIZE));
        d.put("ingest.queue-capacity", "10000");
        d.put("ingest.batch-max", "1000");
        d.put("ingest.max-seq-ahead", "1000000");
        d.put("ingest.share-group", "");
        d.put("jobs.lease-seconds", "30");
        d.put("replay.interval-seconds", "5");
        d.put("replay.max-interval-seconds", "300");
        d.put("replay.probe-interval-seconds", "600");
        d.put("office.zone", "Asia/Taipei");
        d.put("selfservice.enabled", "false");
        d.putAll(tw.jiaohao.hub.cases.SelfServiceConfig.DEFAULTS);
        d.putAll(DashboardConfig.DEFAULTS);
        DEFAULTS = java.util.Collections.unmodifiableMap(d);
    }

    /** True when no broker URL is configured: the hub starts its embedded broker. */
    public boolean embeddedBroker() {
        return brokerUrl.isEmpty();
    }

    /**
     * A session expiry above this, with {@code ingest.share-group} set, earns a warning at start:
     * the broker keeps handing a dead instance its share of new events until its session expires.
     */
    public static final long SHARED_SESSION_EXPIRY_WARN_ABOVE_SECONDS = 60;
    /** The session expiry recommended for instances in a share group: what {@code SeveralHubsSystemIT} runs with. */
    public static final long SHARED_SESSION_EXPIRY_RECOMMENDED_SECONDS = 3;

    /**
     * The one line to log at start when this instance shares the ingest ({@code ingest.share-group})
     * but keeps its session longer than {@value #SHARED_SESSION_EXPIRY_WARN_ABOVE_SECONDS} s; empty otherwise.
     */
    public java.util.Optional<String> sharedSessionExpiryWarning() {
        if (shareGroup.isEmpty() || sessionExpirySeconds <= SHARED_SESSION_EXPIRY_WARN_ABOVE_SECONDS) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("mqtt.session-expiry-seconds=" + sessionExpirySeconds + " with ingest.share-group=" + shareGroup
                + ": if this instance dies, the broker keeps giving it its share of new events for that long"
                + " (they wait for its return); set mqtt.session-expiry-seconds="
                + SHARED_SESSION_EXPIRY_RECOMMENDED_SECONDS + " (at most " + SHARED_SESSION_EXPIRY_WARN_ABOVE_SECONDS
                + "; what the expired session held comes back from the offices by replay; docs/hub/SCALE.md)");
    }

    /** Loads a properties file (UTF-8); keys not in it take their defaults. */
    public static HubConfig load(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HubException("cannot read the configuration file " + file + " (" + e.getMessage()
                    + "); pass --config with a readable file, see hub.example.properties");
        }
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return from(m);
    }

    /** The self-service part (accounts, cases, look-ups), or null when {@code selfservice.enabled=false}. */
    private static tw.jiaohao.hub.cases.SelfServiceConfig selfService(Map<String, String> v) {
        String enabled = v.get("selfservice.enabled");
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw bad("selfservice.enabled", enabled, "true or false");
        }
        if (enabled.equals("false")) {
            return null;
        }
        java.util.Properties p = new java.util.Properties();
        tw.jiaohao.hub.cases.SelfServiceConfig.DEFAULTS.keySet().forEach(k -> p.setProperty(k, v.get(k)));
        return tw.jiaohao.hub.cases.SelfServiceConfig.from(p);
    }

    /**
     * The keys with the old names of the broker's URL and login ({@code broker.url},
     * {@code broker.username}, {@code broker.password}) moved to {@code mqtt.*}, each warned about
     * once ({@link tw.jiaohao.messaging.MqttSettings#withCurrentKeys}); accepted for one release.
     */
    private static Map<String, String> withCurrentKeys(Map<String, String> given) {
        Properties p = new Properties();
        given.forEach((k, val) -> p.setProperty(k, val == null ? "" : val));
        Properties current = tw.jiaohao.messaging.MqttSettings.withCurrentKeys(p);
        Map<String, String> m = new LinkedHashMap<>();
        current.stringPropertyNames().forEach(k -> m.put(k, current.getProperty(k)));
        return m;
    }

    /** Builds a configuration from keys (missing ones take their defaults). */
    public static HubConfig from(Map<String, String> given) {
        Map<String, String> values = withCurrentKeys(given);
        for (String key : values.keySet()) {
            if (!DEFAULTS.containsKey(key)) {
                throw new HubException("unknown configuration key '" + key + "'; known keys: " + String.join(", ", DEFAULTS.keySet()));
            }
        }
        Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
        values.forEach((k, val) -> v.put(k, val == null ? "" : val.trim()));
        String brokerUrl = v.get("mqtt.url");
        if (!brokerUrl.isEmpty() && !brokerUrl.matches("(tcp|ssl|ws|wss)://[^\\s/]+:\\d+")) {
            throw bad("mqtt.url", brokerUrl, "tcp://host:port (or ssl://host:port), or empty for the embedded broker");
        }
        String logins = v.get("broker.embedded.logins");
        if (brokerUrl.isEmpty() && logins.isEmpty() && !tw.jiaohao.hub.broker.EmbeddedBroker.isLoopback(v.get("broker.embedded.bind"))) {
            throw tw.jiaohao.hub.broker.EmbeddedBroker.anonymousBeyondLoopback(v.get("broker.embedded.bind"));
        }
        String clientId = v.get("mqtt.client-id");
        if (!Check.IDENTIFIER.matcher(clientId).matches()) {
            throw bad("mqtt.client-id", clientId, "1-32 of a-z, 0-9 and '-'");
        }
        SqliteHubStore.Sync sync;
        try {
            sync = SqliteHubStore.Sync.valueOf(v.get("db.synchronous").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("db.synchronous", v.get("db.synchronous"), "FULL or NORMAL");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(v.get("office.zone"));
        } catch (DateTimeException e) {
            throw bad("office.zone", v.get("office.zone"), "a time-zone id such as Asia/Taipei");
        }
        int replayInterval = intIn(v, "replay.interval-seconds", 1, 3600);
        int replayMax = intIn(v, "replay.max-interval-seconds", 1, 86_400);
        if (replayMax < replayInterval) {
            throw bad("replay.max-interval-seconds", String.valueOf(replayMax), "at least replay.interval-seconds (" + replayInterval + ")");
        }
        return new HubConfig(
                brokerUrl,
                v.get("mqtt.username"),
                v.get("mqtt.password"),
                intIn(v, "broker.embedded.port", 0, 65535),
                nonEmpty(v, "broker.embedded.bind"),
                Path.of(nonEmpty(v, "broker.embedded.dir")),
                intIn(v, "broker.embedded.max-queued-messages", 1, 100_000_000),
                logins.isEmpty() ? null : Path.of(logins),
                clientId,
                longIn(v, "mqtt.session-expiry-seconds", 1, 4_294_967_295L),
                intIn(v, "http.port", 0, 65535),
                nonEmpty(v, "http.bind"),
                Path.of(nonEmpty(v, "db.path")),
                sync,
                new tw.jiaohao.hub.db.DbSettings(Path.of(nonEmpty(v, "db.path")), v.get("db.url"), v.get("db.user"),
                        v.get("db.password"), intIn(v, "db.pool-size", 2, 1000)),
                intIn(v, "ingest.queue-capacity", 1, 1_000_000),
                intIn(v, "ingest.batch-max", 1, 65_535),
                longIn(v, "ingest.max-seq-ahead", 1, 1_000_000_000_000L),
                shareGroup(v.get("ingest.share-group")),
                intIn(v, "jobs.lease-seconds", 3, 3600),
                replayInterval,
                replayMax,
                intIn(v, "replay.probe-interval-seconds", 0, 86_400),
                zone,
                selfService(v),
                DashboardConfig.from(v));
    }

    private static String shareGroup(String group) {
        if (!group.isEmpty() && !Check.IDENTIFIER.matcher(group).matches()) {
            throw bad("ingest.share-group", group, "1-32 of a-z, 0-9 and '-', or empty for a plain subscription");
        }
        return group;
    }

    private static String nonEmpty(Map<String, String> v, String key) {
        String s = v.get(key);
        if (s.isEmpty()) {
            throw bad(key, s, "a value (default " + DEFAULTS.get(key) + ")");
        }
        return s;
    }

    private static int intIn(Map<String, String> v, String key, int min, int max) {
        return (int) longIn(v, key, min, max);
    }

    private static long longIn(Map<String, String> v, String key, long min, long max) {
        String s = v.get(key);
        try {
            long n = Long.parseLong(s);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(key, s, "a whole number from " + min + " to " + max);
    }

    private static HubException bad(String key, String value, String expected) {
        String shown = key.contains("password") ? "(hidden)" : "'" + value + "'";
        return new HubException("configuration key " + key + " has " + shown + "; expected " + expected);
    }

    @Override
    public String toString() {
        return "HubConfig[mqtt.url=" + (brokerUrl.isEmpty() ? "(embedded)" : brokerUrl) + ", db=" + database.where()
                + ", http.port=" + httpPort + ", mqtt.client-id=" + clientId + "]";
    }
}
