package tw.jiaohao.hardware.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import tw.jiaohao.hardware.HardwareException;
import tw.jiaohao.hardware.gpio.CallKey;
import tw.jiaohao.hardware.gpio.KeyTiming;
import tw.jiaohao.hardware.gpio.Rating;

/**
 * The hardware module's configuration, read from properties. Every key has a default
 * ({@link #KEYS}); a bad value or an unknown key under {@code hardware}, {@code printer.} or
 * {@code gpio.} is a {@link HardwareException} naming the key. Other keys are ignored (the same
 * file may configure the rest of the application).
 *
 * @param mode            {@code hardware}: pi (real devices) or simulated
 * @param printerProfile  {@code printer.profile}
 * @param usb             {@code printer.usb.vendor-id} / {@code printer.usb.product-id}
 * @param printerTimeout  {@code printer.timeout-ms}
 * @param fontFile        {@code printer.font-file}
 * @param simulatedOutput {@code printer.simulated.output-dir}
 * @param keyTiming       {@code gpio.keys.debounce-ms} / {@code gpio.keys.long-press-ms}
 * @param keysActiveLow   {@code gpio.keys.active-low}
 * @param lampsActiveLow  {@code gpio.lamps.active-low}
 * @param callPadPins     {@code gpio.call-pad.<key>.pin}
 * @param ratingKeyPins   {@code gpio.rating-pad.<rating>.pin}
 * @param ratingLampPins  {@code gpio.rating-pad.<rating>.lamp-pin}
 * @param ratingConfirm   {@code gpio.rating-pad.confirm-ms}
 * @param buzzerPin       {@code gpio.buzzer.pin}
 * @param paperLowLampPin {@code gpio.paper-low-lamp.pin}
 * @param simulatedKeepPages {@code printer.simulated.keep-pages}: pages the simulator keeps in memory
 */
public record HardwareConfig(Mode mode, String printerProfile, UsbSelector usb, Duration printerTimeout, Path fontFile,
                             Path simulatedOutput, KeyTiming keyTiming, boolean keysActiveLow, boolean lampsActiveLow,
                             Map<CallKey, Integer> callPadPins, Map<Rating, Integer> ratingKeyPins,
                             Map<Rating, Integer> ratingLampPins, Duration ratingConfirm, int buzzerPin,
                             int paperLowLampPin, int simulatedKeepPages) {

    /** Real devices or simulators. */
    public enum Mode { PI, SIMULATED }

    /** Every key with its default, in documentation order. */
    public static final Map<String, String> KEYS = defaults();

    public HardwareConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(printerProfile, "printerProfile");
        Objects.requireNonNull(usb, "usb");
        Objects.requireNonNull(printerTimeout, "printerTimeout");
        Objects.requireNonNull(fontFile, "fontFile");
        Objects.requireNonNull(simulatedOutput, "simulatedOutput");
        Objects.requireNonNull(keyTiming, "keyTiming");
        Objects.requireNonNull(ratingConfirm, "ratingConfirm");
        callPadPins = Collections.unmodifiableMap(new EnumMap<>(callPadPins));
        ratingKeyPins = Collections.unmodifiableMap(new EnumMap<>(ratingKeyPins));
        ratingLampPins = Collections.unmodifiableMap(new EnumMap<>(ratingLampPins));
    }

    /** @return the configuration with every default */
    public static HardwareConfig defaultConfig() {
        return from(new Properties());
    }

    /**
     * @param props the properties (missing keys take their defaults)
     * @return the validated configuration
     * @throws HardwareException naming the first bad key and what it accepts
     */
    public static HardwareConfig from(Properties props) {
        for (String key : props.stringPropertyNames()) {
            boolean ours = key.equals("hardware") || key.startsWith("printer.") || key.startsWith("gpio.");
            if (ours && !KEYS.containsKey(key)) {
                throw new HardwareException("unknown configuration key '" + key + "': known keys are " + KEYS.keySet());
            }
        }
        Reader r = new Reader(props);
        Mode mode = switch (r.get("hardware").toLowerCase(Locale.ROOT)) {
            case "pi" -> Mode.PI;
            case "simulated" -> Mode.SIMULATED;
            default -> throw r.bad("hardware", "pi or simulated");
        };
        Integer vendor = r.hex("printer.usb.vendor-id");
        Integer product = r.hex("printer.usb.product-id");
        if ((vendor == null) != (product == null)) {
            throw new HardwareException("configuration keys 'printer.usb.vendor-id' and 'printer.usb.product-id' go "
                    + "together: set both (hex, e.g. 0x0416 and 0x5011) or neither (the first printer-class device)");
        }
        KeyTiming timing;
        int debounce = r.integer("gpio.keys.debounce-ms", 1, 200);
        int longPress = r.integer("gpio.keys.long-press-ms", debounce + 1, 10_000);
        timing = new KeyTiming(Duration.ofMillis(debounce), Duration.ofMillis(longPress));
        Map<CallKey, Integer> call = new EnumMap<>(CallKey.class);
        for (CallKey k : CallKey.values()) {
            call.put(k, r.pin("gpio.call-pad." + k.configName() + ".pin"));
        }
        Map<Rating, Integer> keys = new EnumMap<>(Rating.class);
        Map<Rating, Integer> lamps = new EnumMap<>(Rating.class);
        for (Rating k : Rating.values()) {
            keys.put(k, r.pin("gpio.rating-pad." + k.configName() + ".pin"));
            lamps.put(k, r.pin("gpio.rating-pad." + k.configName() + ".lamp-pin"));
        }
        int buzzer = r.pin("gpio.buzzer.pin");
        int paperLow = r.pin("gpio.paper-low-lamp.pin");
        return new HardwareConfig(mode, r.get("printer.profile"), new UsbSelector(vendor, product),
                Duration.ofMillis(r.integer("printer.timeout-ms", 100, 60_000)), Path.of(r.get("printer.font-file")),
                Path.of(r.get("printer.simulated.output-dir")), timing, r.bool("gpio.keys.active-low"),
                r.bool("gpio.lamps.active-low"), call, keys, lamps,
                Duration.ofMillis(r.integer("gpio.rating-pad.confirm-ms", 200, 30_000)), buzzer, paperLow,
                r.integer("printer.simulated.keep-pages", 1, 10_000));
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("hardware", "simulated");
        d.put("printer.profile", "80mm-cjk");
        d.put("printer.usb.vendor-id", "");
        d.put("printer.usb.product-id", "");
        d.put("printer.timeout-ms", "5000");
        d.put("printer.font-file", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
        d.put("printer.simulated.output-dir", System.getProperty("java.io.tmpdir") + "/jiaohao-printer");
        d.put("printer.simulated.keep-pages", "50");
        d.put("gpio.keys.debounce-ms", "30");
        d.put("gpio.keys.long-press-ms", "1500");
        d.put("gpio.keys.active-low", "true");
        d.put("gpio.lamps.active-low", "false");
        int[] callPins = {5, 6, 13, 19};
        for (CallKey k : CallKey.values()) {
            d.put("gpio.call-pad." + k.configName() + ".pin", String.valueOf(callPins[k.ordinal()]));
        }
        int[] keyPins = {12, 16, 20, 21};
        int[] lampPins = {17, 27, 22, 23};
        for (Rating k : Rating.values()) {
            d.put("gpio.rating-pad." + k.configName() + ".pin", String.valueOf(keyPins[k.ordinal()]));
            d.put("gpio.rating-pad." + k.configName() + ".lamp-pin", String.valueOf(lampPins[k.ordinal()]));
        }
        d.put("gpio.rating-pad.confirm-ms", "2000");
        d.put("gpio.buzzer.pin", "18");
        d.put("gpio.paper-low-lamp.pin", "24");
        return Collections.unmodifiableMap(d);
    }

    /** Reads keys with defaults and names the key in every error. */
    private static final class Reader {
        private final Properties props;
        private final Map<Integer, String> pins = new HashMap<>();

        Reader(Properties props) {
            this.props = props;
        }

        String get(String key) {
            String v = props.getProperty(key);
            return v == null ? KEYS.get(key) : v.strip();
        }

        HardwareException bad(String key, String accepts) {
            return new HardwareException("configuration key '" + key + "' has the bad value '" + get(key)
                    + "': it accepts " + accepts + " (default '" + KEYS.get(key) + "')");
        }

        int integer(String key, int min, int max) {
            try {
                int v = Integer.parseInt(get(key));
                if (v < min || v > max) {
                    throw bad(key, "a whole number in " + min + ".." + max);
                }
                return v;
            } catch (NumberFormatException e) {
                throw bad(key, "a whole number in " + min + ".." + max);
            }
        }

        boolean bool(String key) {
            String v = get(key).toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw bad(key, "true or false");
            }
            return Boolean.parseBoolean(v);
        }

        Integer hex(String key) {
            String v = get(key);
            if (v.isEmpty()) {
                return null;
            }
            String digits = v.toLowerCase(Locale.ROOT).startsWith("0x") ? v.substring(2) : v;
            try {
                int id = Integer.parseInt(digits, 16);
                if (digits.isEmpty() || digits.length() > 4 || id < 0) {
                    throw bad(key, "a 16-bit hex id such as 0x0416 (or empty)");
                }
                return id;
            } catch (NumberFormatException e) {
                throw bad(key, "a 16-bit hex id such as 0x0416 (or empty)");
            }
        }

        int pin(String key) {
            int p = integer(key, 0, 27);
            String other = pins.putIfAbsent(p, key);
            if (other != null) {
                throw new HardwareException("configuration keys '" + other + "' and '" + key + "' both use BCM pin " + p
                        + ": give each key, lamp and the buzzer its own pin");
            }
            return p;
        }
    }
}
