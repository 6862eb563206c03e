package tw.jiaohao.hardware.printing.escpos;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import tw.jiaohao.hardware.HardwareException;

/** The printer profiles packaged as {@code tw/jiaohao/hardware/printing/printer-profiles.properties}. */
public final class PrinterProfiles {
    /** Classpath location of the profile data. */
    public static final String RESOURCE = "/tw/jiaohao/hardware/printing/printer-profiles.properties";

    private static final Map<String, PrinterProfile> BUILT_IN = load();

    private PrinterProfiles() {
    }

    /** @return all packaged profiles by name, in file order */
    public static Map<String, PrinterProfile> all() {
        return BUILT_IN;
    }

    /**
     * @param name a profile name such as "80mm-cjk"
     * @return the profile
     * @throws HardwareException naming the known profiles when there is none of that name
     */
    public static PrinterProfile get(String name) {
        PrinterProfile p = BUILT_IN.get(name);
        if (p == null) {
            throw new HardwareException("unknown printer profile '" + name + "': use one of " + BUILT_IN.keySet()
                    + " (or add one to " + RESOURCE + ")");
        }
        return p;
    }

    /**
     * Parses profiles from properties text (format documented in the packaged resource).
     *
     * @param props the properties
     * @return the profiles by name
     */
    public static Map<String, PrinterProfile> parse(Properties props) {
        String list = props.getProperty("profiles", "");
        Map<String, PrinterProfile> out = new LinkedHashMap<>();
        for (String name : Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            try {
                out.put(name, new PrinterProfile(name, req(props, name, "description"),
                        Integer.parseInt(req(props, name, "paper-width-mm")),
                        Integer.parseInt(req(props, name, "dots-per-line")),
                        bool(props, name, "chinese-font-rom"), bool(props, name, "qr"),
                        Integer.parseInt(req(props, name, "qr-module-dots")),
                        PrinterProfile.Cutter.valueOf(req(props, name, "cutter").toUpperCase(Locale.ROOT)),
                        Integer.parseInt(req(props, name, "feed-lines-before-cut"))));
            } catch (IllegalArgumentException e) {
                throw new HardwareException("printer profile '" + name + "' is invalid: " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new HardwareException("no printer profiles defined: the key 'profiles' lists none");
        }
        return Collections.unmodifiableMap(out);
    }

    private static String req(Properties p, String name, String key) {
        String v = p.getProperty(name + "." + key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing key " + name + "." + key);
        }
        return v.strip();
    }

    private static boolean bool(Properties p, String name, String key) {
        String v = req(p, name, key);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(name + "." + key + " must be true or false, was '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    private static Map<String, PrinterProfile> load() {
        try (InputStream in = PrinterProfiles.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new HardwareException("printer profiles missing from the classpath: " + RESOURCE
                        + " (rebuild the hardware module)");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(p);
        } catch (IOException e) {
            throw new HardwareException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
