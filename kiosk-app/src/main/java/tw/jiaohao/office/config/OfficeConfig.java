package tw.jiaohao.office.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tw.jiaohao.messaging.MqttSettings;

/**
 * The office node's whole configuration, read from one properties file by
 * {@link OfficeConfigLoader} (keys and defaults: {@code docs/office-node/CONFIG.md}).
 * Immutable and validated: every counter's profile names configured categories.
 *
 * @param mqtt     the broker session's settings (keys {@code mqtt.*}, shared with every application)
 * @param hardware {@code pi} or {@code simulated}; chosen by {@code main}, used by later issues
 * @param upkeep   closing time, retention and the start-up check with the hub
 * @param safety   free-space thresholds and when the clock is trusted
 * @param hours    office hours, lunch, closure dates and the last-ticket rules (null = always open)
 */
public record OfficeConfig(
        String officeId,
        String nameZh,
        String nameEn,
        ZoneId zone,
        List<CategoryConfig> categories,
        List<CounterConfig> counters,
        Duration starvationCeiling,
        MqttSettings mqtt,
        Path databasePath,
        String deviceId,
        String hardware,
        UpkeepConfig upkeep,
        SafetyConfig safety,
        OfficeHours hours) {

    public OfficeConfig {
        if (hours == null) {
            hours = OfficeHours.ALWAYS;
        }
        if (upkeep == null) {
            upkeep = UpkeepConfig.defaults();
        }
        if (safety == null) {
            safety = SafetyConfig.defaults();
        }
        categories = List.copyOf(categories);
        counters = List.copyOf(counters);
        Map<String, CategoryConfig> byCode = new LinkedHashMap<>();
        for (CategoryConfig c : categories) {
            if (byCode.put(c.code(), c) != null) {
                throw new ConfigException("categories", ConfigProblem.CATEGORY_TWICE, c.code());
            }
        }
        if (categories.isEmpty()) {
            throw new ConfigException("categories", "must list at least one category letter, e.g. A,B,C,D,P");
        }
        Map<Integer, CounterConfig> byNumber = new LinkedHashMap<>();
        for (CounterConfig c : counters) {
            if (byNumber.put(c.number(), c) != null) {
                throw new ConfigException("counters", ConfigProblem.COUNTER_TWICE, c.number());
            }
            for (String s : c.serves()) {
                if (!byCode.containsKey(s)) {
                    throw new ConfigException("counter." + c.number() + ".serves", ConfigProblem.CATEGORY_NOT_LISTED, s);
                }
            }
        }
        if (counters.isEmpty()) {
            throw new ConfigException("counters", "must list at least one counter number, e.g. 1,2,3");
        }
    }

    public String brokerUrl() {
        return mqtt.url();
    }

    public String mqttUsername() {
        return mqtt.username();
    }

    public String mqttPassword() {
        return mqtt.password();
    }

    public String mqttClientId() {
        return mqtt.clientId();
    }

    public Optional<CategoryConfig> category(String code) {
        for (CategoryConfig c : categories) { // on every ticket's path: a loop, not a stream
            if (c.code().equals(code)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The codes of the categories, in their configured order. */
    public List<String> categoryCodes() {
        return categories.stream().map(CategoryConfig::code).toList();
    }

    public Optional<CounterConfig> counter(int number) {
        return counters.stream().filter(c -> c.number() == number).findFirst();
    }

    /** A copy with another broker URL (the {@code --broker} flag). */
    public OfficeConfig withBrokerUrl(String url) {
        return new OfficeConfig(officeId, nameZh, nameEn, zone, categories, counters, starvationCeiling, mqtt.withUrl(url), databasePath, deviceId, hardware, upkeep, safety, hours);
    }

    /** A copy with another database file (the {@code --db} flag). */
    public OfficeConfig withDatabasePath(Path path) {
        return new OfficeConfig(officeId, nameZh, nameEn, zone, categories, counters, starvationCeiling, mqtt, path, deviceId, hardware, upkeep, safety, hours);
    }

    /** The same settings for counters and categories under another office id (tests, several simulated offices). */
    public OfficeConfig withOffice(String id, Path database) {
        return new OfficeConfig(id, nameZh, nameEn, zone, categories, counters, starvationCeiling,
                mqtt.withClientId("jiaohao-office-" + id), database, deviceId, hardware, upkeep, safety, hours);
    }

    /** A copy with other upkeep settings (tests). */
    public OfficeConfig withUpkeep(UpkeepConfig other) {
        return new OfficeConfig(officeId, nameZh, nameEn, zone, categories, counters, starvationCeiling, mqtt, databasePath, deviceId, hardware, other, safety, hours);
    }

    /** A copy with other safety settings (tests). */
    public OfficeConfig withSafety(SafetyConfig other) {
        return new OfficeConfig(officeId, nameZh, nameEn, zone, categories, counters, starvationCeiling, mqtt, databasePath, deviceId, hardware, upkeep, other, hours);
    }

    /** A copy with head office's part of the settings replaced (categories, counters, starvation ceiling, hours). */
    public OfficeConfig withFleet(List<CategoryConfig> cats, List<CounterConfig> ctrs, Duration starvation, OfficeHours other) {
        return new OfficeConfig(officeId, nameZh, nameEn, zone, cats, ctrs, starvation, mqtt, databasePath, deviceId, hardware, upkeep, safety, other);
    }

    /** A copy with other office hours (tests). */
    public OfficeConfig withHours(OfficeHours other) {
        return new OfficeConfig(officeId, nameZh, nameEn, zone, categories, counters, starvationCeiling, mqtt, databasePath, deviceId, hardware, upkeep, safety, other);
    }

    @Override
    public String toString() {
        // never print the password
        return "OfficeConfig[office=" + officeId + ", zone=" + zone + ", categories=" + categories.size()
                + ", counters=" + counters.size() + ", broker=" + mqtt.url() + ", db=" + databasePath + "]";
    }
}
