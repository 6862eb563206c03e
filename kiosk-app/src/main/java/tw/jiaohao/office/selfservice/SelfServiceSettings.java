package tw.jiaohao.office.selfservice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import tw.jiaohao.office.config.ConfigException;
import tw.jiaohao.protocol.ProtocolException;
import tw.jiaohao.protocol.selfservice.PersonalDataSeal;

/**
 * The office node's {@code selfservice.*} keys (in the same file as the rest of its
 * configuration; defaults in {@link #DEFAULTS}, reference in docs/cases/README-section.md).
 * Self-service is off unless {@code selfservice.hub-public-key} names the hub's public key
 * file (made by {@code bin/jiaohao hub-keys}): without it the node could not seal personal data.
 *
 * @param hubKey              the hub's public key, or null when self-service is off
 * @param lookupTimeout       how long a look-up waits for the hub before the request is taken "not yet verified"
 * @param resendAfter         how long an unacknowledged request waits before it is published again
 * @param arrearsTicketCategory the ticket category offered to a customer with arrears (pay at the counter)
 * @param maxDaysAhead        the latest effective date of a suspension, in days from today
 * @param zhuyinDir           {@code selfservice.zhuyin-dir}: the Rime data of Debian's rime-data-bopomofo and
 *                            rime-data-terra-pinyin packages, read at start for typing names in 注音
 */
public record SelfServiceSettings(PublicKey hubKey, Duration lookupTimeout, Duration resendAfter,
                                  String arrearsTicketCategory, int maxDaysAhead, Path zhuyinDir) {

    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("selfservice.hub-public-key", "");
        d.put("selfservice.lookup-timeout-ms", "3000");
        d.put("selfservice.resend-minutes", "5");
        d.put("selfservice.arrears-ticket-category", "A");
        d.put("selfservice.max-days-ahead", "90");
        d.put("selfservice.zhuyin-dir", "/usr/share/rime-data");
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    public boolean enabled() {
        return hubKey != null;
    }

    /** Reads the {@code selfservice.*} keys of {@code p}; an unknown {@code selfservice.} key is refused. */
    public static SelfServiceSettings from(Properties p) {
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("selfservice.") && !DEFAULTS.containsKey(key)) {
                throw new ConfigException(key, "unknown key; the self-service keys are " + String.join(", ", DEFAULTS.keySet()));
            }
        }
        String keyFile = get(p, "selfservice.hub-public-key");
        PublicKey hubKey = null;
        if (!keyFile.isEmpty()) {
            try {
                hubKey = PersonalDataSeal.publicKeyFromPem(Files.readString(Path.of(keyFile), StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new ConfigException("selfservice.hub-public-key", "cannot read " + keyFile + " (" + e.getMessage()
                        + "); copy request-seal.pub.pem from the hub's keys folder");
            } catch (ProtocolException e) {
                throw new ConfigException("selfservice.hub-public-key", keyFile + ": " + e.getMessage());
            }
        }
        String category = get(p, "selfservice.arrears-ticket-category");
        if (!category.matches("[A-Z]")) {
            throw new ConfigException("selfservice.arrears-ticket-category", "must be one category letter, e.g. A; got '" + category + "'");
        }
        return new SelfServiceSettings(hubKey, Duration.ofMillis(number(p, "selfservice.lookup-timeout-ms", 200, 60_000)),
                Duration.ofMinutes(number(p, "selfservice.resend-minutes", 1, 24 * 60)), category,
                (int) number(p, "selfservice.max-days-ahead", 1, 366), zhuyinDir(p));
    }

    /** Reads the keys from the office node's configuration file. */
    public static SelfServiceSettings load(Path file) {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("--config", "cannot read " + file + ": " + e.getMessage());
        }
        return from(p);
    }

    private static Path zhuyinDir(Properties p) {
        String v = get(p, "selfservice.zhuyin-dir");
        try {
            Path dir = Path.of(v);
            if (dir.isAbsolute()) {
                return dir;
            }
        } catch (java.nio.file.InvalidPathException e) {
            // reported below
        }
        throw new ConfigException("selfservice.zhuyin-dir", "must be an absolute folder path such as /usr/share/rime-data; got '" + v + "'");
    }

    private static String get(Properties p, String key) {
        return p.getProperty(key, DEFAULTS.get(key)).strip();
    }

    private static long number(Properties p, String key, long min, long max) {
        String v = get(p, key);
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw new ConfigException(key, "must be " + min + ".." + max + "; got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be a whole number; got '" + v + "'");
        }
    }
}
