package tw.jiaohao.board;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import tw.jiaohao.messaging.MqttSettings;
import tw.jiaohao.hardware.HardwareException;
import tw.jiaohao.hardware.config.HardwareConfig;
import tw.jiaohao.hardware.screen.Panels;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.ProtocolException;

/**
 * The configuration of a wall board or a counter unit: one properties file (see
 * {@code display-board/board.properties.example} for every key with its default). Validated
 * when read: a bad or unknown key throws {@link ConfigException} naming it.
 *
 * @param officeId          {@code office.id}: the office whose state is shown
 * @param zone              {@code office.zone}: the office's time zone for the date, clock and "offline since"
 * @param mqtt              the broker connection ({@code mqtt.*})
 * @param deviceId          {@code device.id}: MQTT client id and device-status id; defaults to
 *                          {@code {office}-board} or {@code {office}-counter-{n}}
 * @param english           {@code ui.language = zh-en}: English beside the Chinese on screen
 * @param fullScreen        {@code ui.fullscreen}
 * @param width             {@code ui.width}: window width when not full screen (the screens lay themselves
 *                          out for whatever size the window has)
 * @param height            {@code ui.height}
 * @param screenDpi         {@code ui.screen-dpi}: the panel's density for the counter unit's 15 mm touch targets;
 *                          0 for {@code auto}, the common panel of the window's size ({@link Panels})
 * @param rotation          {@code ui.rotation}: 0, 90, 180 or 270 degrees clockwise to turn the picture
 * @param voice             the announcer ({@code voice.*}, {@code chime.mute})
 * @param counter           {@code counter.number} (counter unit only; {@code --counter N} overrides it)
 * @param ratingWindow      {@code rating.window-seconds}: how long "please rate" keeps the rating pad open
 * @param hardware          the counter's pads: {@code hardware = pi | simulated} and the {@code gpio.*}
 *                          keys, read and validated by the hardware module's {@link HardwareConfig}
 * @param counterOpensAtStart {@code counter.open-at-start}: the counter unit opens its counter when it starts
 * @param unknownOfficeAfter {@code board.unknown-office-seconds}: connected but no state for the office
 *                          after this, the board and counter say the office id matches nothing
 */
public record DisplayConfig(String officeId, ZoneId zone, Mqtt mqtt, String deviceId, boolean english,
                            boolean fullScreen, int width, int height, int screenDpi, int rotation, Voice voice, int counter,
                            Duration ratingWindow, HardwareConfig hardware, boolean counterOpensAtStart,
                            Duration unknownOfficeAfter) {

    /** Which device a configuration is read for; it decides the default device id. */
    public enum Role { WALL_BOARD, COUNTER_UNIT }

    /**
     * The broker connection: the session's {@link MqttSettings} (keys {@code mqtt.*}, shared with
     * every application; the client id defaults to the device id) and {@code commandTimeout},
     * after which an unanswered counter command is reported to the clerk as "office node not answering".
     */
    public record Mqtt(MqttSettings settings, Duration commandTimeout) {
        public String url() {
            return settings.url();
        }

        @Override
        public String toString() {
            return settings.toString();
        }
    }

    /**
     * The announcer: {@code chimeMuted} and {@code voiceMuted} are independent (muting the voice
     * keeps the chime); {@code english} adds the English sentence after the Mandarin one;
     * calls older than {@code maxAge} when they reach the board (e.g. made while it was
     * offline) are shown but not spoken; each call is announced {@code repeat} times;
     * {@code recordedClips} is the folder of an office's own recordings that replace the bundled
     * clips of the same name (empty: the bundled clips only).
     */
    public record Voice(boolean chimeMuted, boolean voiceMuted, boolean english, Duration maxAge, int repeat,
            Optional<Path> recordedClips) {
        public Voice {
            Objects.requireNonNull(recordedClips, "recordedClips");
        }
    }

    /**
     * Every key of this module with its default; an empty default means "not set". The keys
     * {@code hardware}, {@code gpio.*} and {@code printer.*} belong to {@link HardwareConfig#KEYS}.
     */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("office.id", "demo-office");
        d.put("office.zone", "Asia/Taipei");
        d.put("mqtt.url", "tcp://127.0.0.1:1883");
        d.put("mqtt.client-id", "");
        d.put("mqtt.username", "");
        d.put("mqtt.password", "");
        d.put("mqtt.keep-alive-seconds", "5");
        d.put("mqtt.connect-timeout-seconds", "5");
        d.put("mqtt.reconnect.min-ms", "500");
        d.put("mqtt.reconnect.max-ms", "30000");
        d.put("mqtt.max-in-flight", "10");
        d.put("mqtt.command-timeout-ms", "3000");
        d.put("device.id", "");
        d.put("ui.language", "zh");
        d.put("ui.fullscreen", "true");
        d.put("ui.width", "1920");
        d.put("ui.height", "1080");
        d.put("ui.screen-dpi", "auto");
        d.put("ui.rotation", "0");
        d.put("voice.mute", "false");
        d.put("chime.mute", "false");
        d.put("voice.english", "false");
        d.put("voice.max-age-seconds", "120");
        d.put("voice.repeat", "2");
        d.put("voice.clips-dir", "");
        d.put("board.unknown-office-seconds", "15");
        d.put("counter.number", "1");
        d.put("counter.open-at-start", "true");
        d.put("rating.window-seconds", "10");
        DEFAULTS = java.util.Collections.unmodifiableMap(d);
    }

    /** Reads a properties file (UTF-8). */
    public static DisplayConfig load(Path file, Role role, Integer counterOverride) {
        return from(read(file), role, counterOverride);
    }

    /** The keys of a properties file (UTF-8), not yet validated. */
    public static Properties read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new BoardException("cannot read configuration file " + file + ": " + e.getMessage()
                    + "; pass --config with a readable file (see board.properties.example)", e);
        }
        return p;
    }

    /** Builds and validates a configuration; keys not given take their {@link #DEFAULTS}. */
    public static DisplayConfig from(Properties original, Role role, Integer counterOverride) {
        Properties given = MqttSettings.withCurrentKeys(original);
        for (String key : given.stringPropertyNames()) {
            if (!DEFAULTS.containsKey(key) && !HardwareConfig.KEYS.containsKey(key)) {
                throw new ConfigException(key, "unknown key; known keys are " + DEFAULTS.keySet()
                        + " and the hardware keys " + HardwareConfig.KEYS.keySet());
            }
        }
        Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
        given.stringPropertyNames().forEach(k -> v.put(k, given.getProperty(k).trim()));
        HardwareConfig hardware;
        try {
            hardware = HardwareConfig.from(given);
        } catch (HardwareException e) {
            throw new ConfigException(hardwareKey(e.getMessage()), e.getMessage());
        }

        String office = identifier(v, "office.id");
        ZoneId zone;
        try {
            zone = ZoneId.of(v.get("office.zone"));
        } catch (RuntimeException e) {
            throw new ConfigException("office.zone", "must be a time-zone id such as Asia/Taipei, got '" + v.get("office.zone") + "'");
        }
        int counter = counterOverride != null ? counterOverride : range(v, "counter.number", 1, Check.MAX_COUNTER);
        if (counter < 1 || counter > Check.MAX_COUNTER) {
            throw new ConfigException("counter.number", "must be 1.." + Check.MAX_COUNTER + " (also for --counter), got " + counter);
        }
        String device = v.get("device.id");
        if (device.isEmpty()) {
            device = role == Role.WALL_BOARD ? office + "-board" : office + "-counter-" + counter;
            if (device.length() > 32) {
                throw new ConfigException("device.id", "the default '" + device + "' is longer than 32 characters; set device.id");
            }
        }
        device = identifier(device, "device.id");
        Properties mqttKeys = new Properties();
        MqttSettings.KEYS.forEach(k -> mqttKeys.setProperty(k, v.get(k)));
        Mqtt mqtt;
        try {
            mqtt = new Mqtt(MqttSettings.read(mqttKeys, MqttSettings.defaults(device)),
                    Duration.ofMillis(range(v, "mqtt.command-timeout-ms", 100, 60_000)));
        } catch (MqttSettings.InvalidSetting e) {
            throw new ConfigException(e.key(), e.problem());
        }
        String language = v.get("ui.language");
        if (!language.equals("zh") && !language.equals("zh-en")) {
            throw new ConfigException("ui.language", "must be zh or zh-en, got '" + language + "'");
        }
        return new DisplayConfig(office, zone, mqtt, device, language.equals("zh-en"), bool(v, "ui.fullscreen"),
                range(v, "ui.width", 320, 7680), range(v, "ui.height", 240, 7680),
                screen(v, "ui.screen-dpi", Panels::parseDpi), screen(v, "ui.rotation", Panels::parseRotation),
                new Voice(bool(v, "chime.mute"), bool(v, "voice.mute"), bool(v, "voice.english"),
                        Duration.ofSeconds(range(v, "voice.max-age-seconds", 0, 3600)), range(v, "voice.repeat", 1, 5),
                        Optional.ofNullable(blankToNull(v.get("voice.clips-dir"))).map(Path::of)),
                counter, Duration.ofSeconds(range(v, "rating.window-seconds", 3, 120)), hardware,
                bool(v, "counter.open-at-start"), Duration.ofSeconds(range(v, "board.unknown-office-seconds", 2, 600)));
    }

    /** The hardware key a {@link HardwareException} message is about (its messages name the key first). */
    private static String hardwareKey(String message) {
        return HardwareConfig.KEYS.keySet().stream().filter(k -> message != null && message.contains(k))
                .max(java.util.Comparator.comparingInt(String::length)).orElse("hardware");
    }

    private static String identifier(Map<String, String> v, String key) {
        return identifier(v.get(key), key);
    }

    private static String identifier(String value, String key) {
        try {
            return Check.identifier(key, value);
        } catch (ProtocolException e) {
            throw new ConfigException(key, "must be 1-32 of a-z, 0-9 and '-', got '" + value + "'");
        }
    }

    private static int range(Map<String, String> v, String key, int lo, int hi) {
        String s = v.get(key);
        try {
            int n = Integer.parseInt(s);
            if (n < lo || n > hi) {
                throw new ConfigException(key, "must be " + lo + ".." + hi + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be a whole number " + lo + ".." + hi + ", got '" + s + "'");
        }
    }

    private static int screen(Map<String, String> v, String key, java.util.function.ToIntFunction<String> parse) {
        try {
            return parse.applyAsInt(v.get(key));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    private static boolean bool(Map<String, String> v, String key) {
        return switch (v.get(key).toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(key, "must be true or false, got '" + v.get(key) + "'");
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
