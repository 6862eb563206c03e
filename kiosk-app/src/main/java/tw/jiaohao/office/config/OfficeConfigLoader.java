package tw.jiaohao.office.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tw.jiaohao.messaging.MqttSettings;

/**
 * Reads an {@link OfficeConfig} from a properties file (UTF-8) layered over the defaults in
 * the bundled {@code office.example.properties}. Every value is validated; the first problem
 * is thrown as a {@link ConfigException} naming the key and what a good value looks like.
 * Unknown keys are refused too (a misspelt key would otherwise silently keep its default).
 */
public final class OfficeConfigLoader {
    public static final String DEFAULTS_RESOURCE = "/office.example.properties";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern LETTER = Pattern.compile("[A-Z]");
    private static final Pattern CATEGORY_KEY = Pattern.compile("category\\.([^.]*)\\.(name\\.zh|name\\.en|priority|service-minutes|last-ticket-minutes|last-ticket-by-capacity)");
    private static final Pattern COUNTER_KEY = Pattern.compile("counter\\.([^.]*)\\.(name|serves)");
    private static final Set<String> PLAIN_KEYS = Set.of("office.id", "office.name.zh", "office.name.en", "office.zone",
            "categories", "counters", "queue.starvation-minutes", "database.path", "device.id", "hardware", "office.closes-at", "retention.days",
            "recovery.timeout-seconds", "storage.low-mb", "storage.reserve-mb", "clock.trust",
            "recovery.mark-copy-dir", "office.in-service-since", "clock.hub-tolerance-seconds",
            "hours.mon", "hours.tue", "hours.wed", "hours.thu", "hours.fri", "hours.sat", "hours.sun",
            "hours.lunch", "hours.lunch-counters", "hours.closed-dates", "hours.extra-dates", "hours.extra-hours",
            "hours.last-ticket-minutes", "hours.last-ticket-by-capacity", "hours.closing-grace-minutes");
    /** Keys of the parts that share this file and validate their own keys: kiosk UI, hardware, self-service. */
    private static final Pattern OTHER_COMPONENTS = Pattern.compile("kiosk\\.|printer\\.|gpio\\.|selfservice\\.");

    private OfficeConfigLoader() {
    }

    /** The default office (the bundled example), used when no file is given. */
    public static OfficeConfig defaults() {
        return fromProperties(new Properties());
    }

    public static OfficeConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("--config", "file not found: " + file.toAbsolutePath()
                    + " (start from kiosk-app/src/main/resources/office.example.properties)");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("--config", "cannot read " + file + " as a UTF-8 properties file: " + e.getMessage());
        }
        return fromProperties(p);
    }

    /** Builds a configuration from {@code overrides} layered over the defaults. */
    public static OfficeConfig fromProperties(Properties overrides) {
        Properties defaults = new Properties();
        try (InputStream in = OfficeConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            defaults.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the bundled " + DEFAULTS_RESOURCE + " is missing from the build", e);
        }
        Properties current = MqttSettings.withCurrentKeys(overrides);
        Properties p = new Properties();
        p.putAll(defaults);
        p.putAll(current);
        checkKnownKeys(current, p);
        return build(p);
    }

    private static void checkKnownKeys(Properties overrides, Properties merged) {
        Set<String> codes = new TreeSet<>(list(merged, "categories"));
        Set<String> counters = new TreeSet<>(list(merged, "counters"));
        for (String key : overrides.stringPropertyNames()) {
            if (PLAIN_KEYS.contains(key) || MqttSettings.KEYS.contains(key) || OTHER_COMPONENTS.matcher(key).lookingAt()) {
                continue;
            }
            var cat = CATEGORY_KEY.matcher(key);
            var ctr = COUNTER_KEY.matcher(key);
            if (cat.matches()) {
                if (!codes.contains(cat.group(1))) {
                    throw new ConfigException(key, ConfigProblem.CATEGORY_NOT_LISTED, cat.group(1));
                }
            } else if (ctr.matches()) {
                if (!counters.contains(ctr.group(1))) {
                    throw new ConfigException(key, ConfigProblem.COUNTER_NOT_LISTED, ctr.group(1));
                }
            } else {
                throw new ConfigException(key, "unknown key; see docs/office-node/CONFIG.md for the keys");
            }
        }
    }

    private static OfficeConfig build(Properties p) {
        String office = get(p, "office.id");
        if (!IDENTIFIER.matcher(office).matches()) {
            throw new ConfigException("office.id", "must be 1-32 of a-z, 0-9 and '-', e.g. taipei-north; got '" + office + "'");
        }
        String nameZh = text(p, "office.name.zh", 100, "台北北區服務中心");
        String nameEn = text(p, "office.name.en", 100, "Taipei North Service Center");
        ZoneId zone;
        try {
            zone = ZoneId.of(get(p, "office.zone"));
        } catch (DateTimeException e) {
            throw new ConfigException("office.zone", "must be a time-zone id such as Asia/Taipei; got '" + get(p, "office.zone") + "'");
        }
        List<CategoryConfig> categories = categories(p);
        List<CounterConfig> counters = counters(p);
        double starvation = number(p, "queue.starvation-minutes", 1, 24 * 60);
        MqttSettings mqtt;
        try {
            mqtt = MqttSettings.read(p, MqttSettings.defaults("jiaohao-office-" + office));
        } catch (MqttSettings.InvalidSetting e) {
            throw new ConfigException(e.key(), e.problem());
        }
        if (!p.getProperty(MqttSettings.CLIENT_ID, "").isBlank() && !IDENTIFIER.matcher(mqtt.clientId()).matches()) {
            throw new ConfigException("mqtt.client-id", "must be 1-32 of a-z, 0-9 and '-', or empty for jiaohao-office-<office.id>");
        }
        String db = get(p, "database.path");
        Path dbPath = db.isEmpty() ? Path.of("data", "office-" + office + ".db") : Path.of(db);
        String device = get(p, "device.id");
        if (!IDENTIFIER.matcher(device).matches()) {
            throw new ConfigException("device.id", "must be 1-32 of a-z, 0-9 and '-', e.g. office-node; got '" + device + "'");
        }
        String hardware = get(p, "hardware");
        if (!hardware.equals("pi") && !hardware.equals("simulated")) {
            throw new ConfigException("hardware", "must be 'pi' or 'simulated'; got '" + hardware + "'");
        }
        return new OfficeConfig(office, nameZh, nameEn, zone, categories, counters,
                Duration.ofSeconds(Math.round(starvation * 60)), mqtt, dbPath, device, hardware, upkeep(p), safety(p), hours(p, categories, counters));
    }

    private static List<CategoryConfig> categories(Properties p) {
        List<CategoryConfig> categories = new ArrayList<>();
        for (String code : list(p, "categories")) {
            if (!LETTER.matcher(code).matches()) {
                throw new ConfigException("categories", ConfigProblem.NOT_CATEGORY_CODE, code);
            }
            String k = "category." + code + ".";
            categories.add(new CategoryConfig(code, text(p, k + "name.zh", 40, "水費/一般"), text(p, k + "name.en", 60, "Bills / general"),
                    bool(p, k + "priority"), number(p, k + "service-minutes", 0.1, 240)));
        }
        return categories;
    }

    private static List<CounterConfig> counters(Properties p) {
        List<CounterConfig> counters = new ArrayList<>();
        for (String n : list(p, "counters")) {
            int number;
            try {
                number = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                throw new ConfigException("counters", ConfigProblem.NOT_COUNTER_NUMBER, n);
            }
            String k = "counter." + n + ".";
            counters.add(new CounterConfig(number, text(p, k + "name", 40, n + "號櫃台"), list(p, k + "serves")));
        }
        return counters;
    }

    /** The keys head office sets for an office ({@code hub/settings/{office}}); everything else stays the node's own. */
    public static boolean isFleetKey(String key) {
        return key.equals("categories") || key.equals("counters") || key.equals("queue.starvation-minutes") || key.startsWith("hours.")
                || CATEGORY_KEY.matcher(key).matches() || COUNTER_KEY.matcher(key).matches();
    }

    /**
     * {@code base} with head office's part replaced by {@code fleet} (only {@link #isFleetKey} keys,
     * layered over the defaults, validated as a file would be).
     *
     * @throws ConfigException naming the key and the rule
     */
    public static OfficeConfig withFleetSettings(OfficeConfig base, Properties fleet) {
        for (String key : fleet.stringPropertyNames()) {
            if (!isFleetKey(key)) {
                throw new ConfigException(key, ConfigProblem.NOT_FLEET_KEY);
            }
        }
        Properties p = new Properties();
        try (InputStream in = OfficeConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the bundled " + DEFAULTS_RESOURCE + " is missing from the build", e);
        }
        p.putAll(fleet);
        checkKnownKeys(fleet, p);
        List<CategoryConfig> categories = categories(p);
        List<CounterConfig> counters = counters(p);
        double starvation = number(p, "queue.starvation-minutes", 1, 24 * 60);
        return base.withFleet(categories, counters, Duration.ofSeconds(Math.round(starvation * 60)), hours(p, categories, counters));
    }

    private static SafetyConfig safety(Properties p) {
        int low = (int) number(p, "storage.low-mb", 0, 1_000_000);
        int reserve = (int) number(p, "storage.reserve-mb", 0, 100_000);
        String copy = p.getProperty("recovery.mark-copy-dir", "").strip();
        java.nio.file.Path copyDir;
        try {
            copyDir = copy.isEmpty() ? null : java.nio.file.Path.of(copy);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException("recovery.mark-copy-dir", "must be a folder path such as /var/backups/jiaohao, or empty; got '" + copy + "'");
        }
        String since = p.getProperty("office.in-service-since", "").strip();
        java.time.LocalDate inService = null;
        if (!since.isEmpty()) {
            try {
                inService = java.time.LocalDate.parse(since);
            } catch (java.time.format.DateTimeParseException e) {
                throw new ConfigException("office.in-service-since", "must be a date such as 2026-01-05, or empty; got '" + since + "'");
            }
            if (inService.getYear() < 2000 || inService.getYear() > 2200) {
                throw new ConfigException("office.in-service-since", "must be a plausible date (2000..2200), or empty; got '" + since + "'");
            }
        }
        int tolerance = (int) number(p, "clock.hub-tolerance-seconds", 0, 86_400);
        return new SafetyConfig(low, reserve, get(p, "clock.trust"), copyDir, inService, java.time.Duration.ofSeconds(tolerance));
    }

    private static OfficeHours hours(Properties p, List<CategoryConfig> categories, List<CounterConfig> counters) {
        java.util.Map<java.time.DayOfWeek, OfficeHours.Span> week = new java.util.EnumMap<>(java.time.DayOfWeek.class);
        for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
            String key = "hours." + d.name().substring(0, 3).toLowerCase(java.util.Locale.ROOT);
            String v = get(p, key);
            if (!v.isEmpty()) {
                week.put(d, OfficeHours.Span.parse(key, v));
            }
        }
        String lunchText = get(p, "hours.lunch");
        OfficeHours.Span lunch = lunchText.isEmpty() ? null : OfficeHours.Span.parse("hours.lunch", lunchText);
        java.util.Set<Integer> lunchCounters = new java.util.HashSet<>();
        for (String n : optionalList(p, "hours.lunch-counters")) {
            try {
                lunchCounters.add(Integer.parseInt(n));
            } catch (NumberFormatException e) {
                lunchCounters.add(-1);
            }
            if (counters.stream().noneMatch(k -> String.valueOf(k.number()).equals(n))) {
                throw new ConfigException("hours.lunch-counters", ConfigProblem.COUNTER_NOT_LISTED, n);
            }
        }
        double officeMinutes = number(p, "hours.last-ticket-minutes", 0, 600);
        boolean officeCapacity = bool(p, "hours.last-ticket-by-capacity");
        java.util.Map<String, Integer> minutes = new java.util.HashMap<>();
        java.util.Set<String> capacity = new java.util.HashSet<>();
        for (CategoryConfig c : categories) {
            String k = "category." + c.code() + ".";
            minutes.put(c.code(), (int) (p.getProperty(k + "last-ticket-minutes") == null ? officeMinutes
                    : number(p, k + "last-ticket-minutes", 0, 600)));
            if (p.getProperty(k + "last-ticket-by-capacity") == null ? officeCapacity : bool(p, k + "last-ticket-by-capacity")) {
                capacity.add(c.code());
            }
        }
        return new OfficeHours(week, OfficeHours.Span.parse("hours.extra-hours", get(p, "hours.extra-hours")),
                dates(p, "hours.closed-dates"), dates(p, "hours.extra-dates"), lunch, lunchCounters, minutes, capacity,
                (int) number(p, "hours.closing-grace-minutes", 0, 240));
    }

    private static java.util.Set<java.time.LocalDate> dates(Properties p, String key) {
        java.util.Set<java.time.LocalDate> out = new java.util.HashSet<>();
        for (String d : optionalList(p, key)) {
            try {
                out.add(java.time.LocalDate.parse(d));
            } catch (java.time.format.DateTimeParseException e) {
                throw new ConfigException(key, ConfigProblem.NOT_DATES, d);
            }
        }
        return out;
    }

    private static List<String> optionalList(Properties p, String key) {
        return Arrays.stream(get(p, key).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static UpkeepConfig upkeep(Properties p) {
        String closes = get(p, "office.closes-at");
        java.time.LocalTime closesAt = null;
        if (!closes.isEmpty()) {
            try {
                closesAt = java.time.LocalTime.parse(closes);
            } catch (java.time.format.DateTimeParseException e) {
                throw new ConfigException("office.closes-at", "must be a local time HH:mm such as 17:30, or empty; got '" + closes + "'");
            }
        }
        int days = (int) number(p, "retention.days", UpkeepConfig.MIN_RETENTION_DAYS, 3650);
        int timeout = (int) number(p, "recovery.timeout-seconds", 0, 3600);
        return new UpkeepConfig(closesAt, days, java.time.Duration.ofSeconds(timeout));
    }

    private static String get(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new ConfigException(key, "missing; see docs/office-node/CONFIG.md");
        }
        return v.strip();
    }

    private static String text(Properties p, String key, int max, String example) {
        String v = get(p, key);
        if (v.isEmpty() || v.length() > max) {
            throw new ConfigException(key, ConfigProblem.TEXT_LENGTH, max, example);
        }
        return v;
    }

    private static boolean bool(Properties p, String key) {
        String v = get(p, key);
        if (!v.equals("true") && !v.equals("false")) {
            throw new ConfigException(key, ConfigProblem.NOT_TRUE_OR_FALSE, v);
        }
        return Boolean.parseBoolean(v);
    }

    private static double number(Properties p, String key, double min, double max) {
        String v = get(p, key);
        try {
            double d = Double.parseDouble(v);
            if (d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new ConfigException(key, ConfigProblem.NUMBER_RANGE, plain(min), plain(max), v);
    }

    /** 0.1 as 0.1 and 240 as 240, not 240.0. */
    private static String plain(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static List<String> list(Properties p, String key) {
        String v = get(p, key);
        List<String> items = Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (items.isEmpty()) {
            throw new ConfigException(key, ConfigProblem.EMPTY_LIST);
        }
        return items;
    }
}
