package tw.jiaohao.office.kiosk;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import tw.jiaohao.hardware.screen.Panels;

/**
 * The kiosk's own settings: the {@code kiosk.*} keys of the office node's properties file
 * (reference table: {@code docs/kiosk/README-section.md}). Every key has a default; a bad
 * value stops the start with a {@link KioskException} naming the key.
 *
 * @param hubPublicUrl        {@code kiosk.hub-public-url} — base of the hub's public pages; the ticket QR
 *                            code points at {@code <base>/t/<office>/<office-day>/<number>}. Required with
 *                            {@code hardware=pi} (tickets reach paper and customers' phones) and then never a
 *                            loopback address; with the simulated hardware (development, demo) it defaults to
 *                            {@value #DEMO_HUB_URL}
 * @param idleTimeout         {@code kiosk.idle-seconds} — no touch for this long returns to the home screen
 * @param ticketShown         {@code kiosk.ticket-seconds} — how long a printed ticket stays on screen
 * @param printerFailureShown {@code kiosk.printer-failure-seconds} — how long a ticket that did not print stays
 *                            on screen (long enough to photograph the number and QR code)
 * @param touchGuard          {@code kiosk.touch-guard-ms} — after a screen change, touches are ignored this long
 *                            (a double tap never lands on the next screen)
 * @param width               {@code kiosk.width} — window width in pixels when not full screen (the screens lay
 *                            themselves out for whatever size the window has)
 * @param height              {@code kiosk.height} — window height in pixels when not full screen
 * @param fullScreen          {@code kiosk.full-screen}
 * @param language            {@code kiosk.language} — {@code zh} or {@code en}, the language after every idle reset
 * @param deviceId            {@code kiosk.device-id} — this kiosk's id in device-status topics
 * @param screenDpi           {@code kiosk.screen-dpi} — the panel's pixel density, to keep touch targets ≥ 15 mm;
 *                            0 for {@code auto}: the common panel of the window's size ({@link Panels})
 * @param rotation            {@code kiosk.rotation} — 0, 90, 180 or 270: degrees clockwise to turn the picture, for a
 *                            panel mounted turned when the system's display is not rotated
 */
public record KioskSettings(URI hubPublicUrl, Duration idleTimeout, Duration ticketShown, Duration printerFailureShown,
                            Duration touchGuard, int width, int height, boolean fullScreen, Locale language,
                            String deviceId, int screenDpi, int rotation) {

    /** The QR base when nothing is configured and nothing is printed on paper (development, demo). */
    public static final String DEMO_HUB_URL = "http://localhost:8080";

    public static KioskSettings defaults() {
        return from(new Properties());
    }

    /** Reads the {@code kiosk.*} keys; other keys are ignored. */
    public static KioskSettings from(Properties p) {
        URI hub = hubPublicUrl(p);
        return new KioskSettings(hub,
                Duration.ofSeconds(range(p, "kiosk.idle-seconds", 45, 5, 600)),
                Duration.ofSeconds(range(p, "kiosk.ticket-seconds", 15, 3, 300)),
                Duration.ofSeconds(range(p, "kiosk.printer-failure-seconds", 120, 10, 900)),
                Duration.ofMillis(range(p, "kiosk.touch-guard-ms", 700, 0, 3000)),
                range(p, "kiosk.width", 1280, 480, 7680),
                range(p, "kiosk.height", 800, 480, 7680),
                bool(p, "kiosk.full-screen", true),
                language(p, "kiosk.language", "zh"),
                deviceId(p),
                screen(p, "kiosk.screen-dpi", "auto", Panels::parseDpi),
                screen(p, "kiosk.rotation", "0", Panels::parseRotation));
    }

    /**
     * {@code kiosk.device-id} alone, validated as {@link #from} does, for the installer, which must not
     * need the rest of the kiosk's settings (such as the QR's base URL) to be set yet.
     */
    public static String deviceId(Properties p) {
        return id(p, "kiosk.device-id", "kiosk");
    }

    /** The live-status page of a ticket, as encoded in its QR code. */
    public String statusUrl(String office, KioskTicket ticket) {
        String base = hubPublicUrl.toString().replaceAll("/+$", "");
        return base + "/t/" + enc(office) + "/" + ticket.officeDay() + "/" + enc(ticket.number());
    }

    /** The smallest touch target in pixels on a window of this size (its panel's density unless configured). */
    public double minTouchPixels(double windowWidth, double windowHeight) {
        return KioskFit.of(windowWidth, windowHeight, screenDpi).touch();
    }

    public KioskSettings withFullScreen(boolean full) {
        return new KioskSettings(hubPublicUrl, idleTimeout, ticketShown, printerFailureShown, touchGuard, width, height,
                full, language, deviceId, screenDpi, rotation);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String value(Properties p, String key, String def) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() ? def : v.trim();
    }

    private static int range(Properties p, String key, int def, int min, int max) {
        String v = value(p, key, Integer.toString(def));
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new KioskException("configuration key " + key + " must be a whole number " + min + ".." + max
                + " (default " + def + "), got '" + v + "'");
    }

    private static int screen(Properties p, String key, String def, java.util.function.ToIntFunction<String> parse) {
        String v = value(p, key, def);
        try {
            return parse.applyAsInt(v);
        } catch (IllegalArgumentException e) {
            throw new KioskException("configuration key " + key + " " + e.getMessage() + " (default " + def + ")");
        }
    }

    private static boolean bool(Properties p, String key, boolean def) {
        String v = value(p, key, Boolean.toString(def)).toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new KioskException("configuration key " + key + " must be true or false (default " + def + "), got '" + v + "'");
    }

    private static Locale language(Properties p, String key, String def) {
        String v = value(p, key, def);
        return switch (v) {
            case "zh", "zh-TW" -> I18n.CHINESE;
            case "en" -> I18n.ENGLISH;
            default -> throw new KioskException("configuration key " + key + " must be zh or en (default " + def
                    + "), got '" + v + "'");
        };
    }

    private static String id(Properties p, String key, String def) {
        String v = value(p, key, def);
        if (!v.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw new KioskException("configuration key " + key + " must be 1-32 of a-z, 0-9 and '-' (default " + def
                    + "), got '" + v + "'");
        }
        return v;
    }

    /**
     * {@code kiosk.hub-public-url}: a QR code on paper that points at {@code localhost} sends every
     * customer's phone to itself, so a real printer ({@code hardware=pi}) needs a reachable address.
     */
    private static URI hubPublicUrl(Properties p) {
        String key = "kiosk.hub-public-url";
        boolean paper = "pi".equals(value(p, "hardware", "simulated"));
        String v = value(p, key, "");
        if (v.isEmpty()) {
            if (paper) {
                throw new KioskException("configuration key " + key + " is required with hardware=pi: the hub's public"
                        + " address that customers' phones reach from the ticket's QR code, e.g. https://hub.example.com.tw"
                        + " (bin/jiaohao office-setup asks for it), got ''");
            }
            return URI.create(DEMO_HUB_URL);
        }
        URI u = uri(p, key, v);
        if (paper && isLoopback(u.getHost())) {
            throw new KioskException("configuration key " + key + " must not point at this machine (localhost, 127.x,"
                    + " ::1, 0.0.0.0) with hardware=pi: a customer's phone cannot reach it from the ticket's QR code;"
                    + " give the hub's public address, got '" + v + "'");
        }
        return u;
    }

    /** True for names and literals that mean "this machine" (no DNS look-up). */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|\\]$", "").replaceAll("\\.$", "");
        return h.equals("localhost") || h.endsWith(".localhost") || h.matches("127(\\.\\d{1,3}){3}")
                || h.equals("0.0.0.0") || h.equals("::1") || h.equals("::") || h.equals("0:0:0:0:0:0:0:1")
                || h.startsWith("::ffff:127.");
    }

    private static URI uri(Properties p, String key, String def) {
        String v = value(p, key, def);
        try {
            URI u = new URI(v);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null && u.getQuery() == null) {
                return u;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new KioskException("configuration key " + key + " must be an http(s) URL without query, such as "
                + "https://hub.example.com.tw, got '" + v + "'");
    }
}
