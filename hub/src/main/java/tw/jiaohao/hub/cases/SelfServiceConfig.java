package tw.jiaohao.hub.cases;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The hub's self-service keys, read from the hub's configuration file; every key optional with
 * the default in {@link #DEFAULTS} (documented in docs/cases/README-section.md). Validated when
 * read; a bad value fails with a {@link CasesException} naming the key.
 */
public record SelfServiceConfig(Path keysDir, Duration retention, Duration retentionCheckEvery,
                                Duration transferTarget, Duration suspensionTarget, String mqttClientId,
                                int lookupWrongPerAccount, int lookupWrongPerDevice, Duration lookupWindow) {

    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("selfservice.keys-dir", "data/keys");
        d.put("cases.retention-days", "365");
        d.put("cases.retention-check-minutes", "60");
        d.put("cases.target-hours.transfer", "72");
        d.put("cases.target-hours.suspension", "24");
        d.put("selfservice.mqtt.client-id", "jiaohao-hub-selfservice");
        d.put("selfservice.lookup.max-wrong-per-account", "5");
        d.put("selfservice.lookup.max-wrong-per-device", "20");
        d.put("selfservice.lookup.window-minutes", "60");
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    public static SelfServiceConfig defaults() {
        return from(new Properties());
    }

    /** Reads the keys above from {@code p} (other keys are ignored: the hub's own config checks those). */
    public static SelfServiceConfig from(Properties p) {
        return new SelfServiceConfig(
                Path.of(value(p, "selfservice.keys-dir")),
                Duration.ofDays(number(p, "cases.retention-days", 1, 36_500)),
                Duration.ofMinutes(number(p, "cases.retention-check-minutes", 1, 7 * 24 * 60)),
                Duration.ofHours(number(p, "cases.target-hours.transfer", 1, 24 * 365)),
                Duration.ofHours(number(p, "cases.target-hours.suspension", 1, 24 * 365)),
                identifier(p, "selfservice.mqtt.client-id"),
                (int) number(p, "selfservice.lookup.max-wrong-per-account", 1, 1000),
                (int) number(p, "selfservice.lookup.max-wrong-per-device", 1, 100_000),
                Duration.ofMinutes(number(p, "selfservice.lookup.window-minutes", 1, 7 * 24 * 60)));
    }

    private static String value(Properties p, String key) {
        String v = p.getProperty(key, DEFAULTS.get(key)).strip();
        if (v.isEmpty()) {
            throw new CasesException(key + " is empty; leave it out for the default " + DEFAULTS.get(key));
        }
        return v;
    }

    private static long number(Properties p, String key, long min, long max) {
        String v = value(p, key);
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw new CasesException(key + " must be " + min + ".." + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new CasesException(key + " must be a whole number, got '" + v + "'");
        }
    }

    private static String identifier(Properties p, String key) {
        String v = value(p, key);
        if (!v.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new CasesException(key + " must be 1-64 of letters, digits, '.', '_' and '-', got '" + v + "'");
        }
        return v;
    }
}
