package tw.jiaohao.hardware.screen;

import java.util.List;
import java.util.Locale;

/**
 * The screens offices buy, by pixel size, with their density: what "15 mm" is in pixels when
 * the configuration says {@code screen-dpi = auto}. A size not in the table takes
 * {@link #UNKNOWN_DPI}. Sizes match in either orientation (720×1280 is the Touch Display 2 turned
 * upright). Reference table: docs/INSTALL.md, "Supported panels".
 */
public final class Panels {
    /** Anything a finger must hit is at least this large, both ways. */
    public static final double MIN_TOUCH_MM = 15.0;
    /** The density assumed for a pixel size not in {@link #COMMON}: between the 10" and 7" panels. */
    public static final int UNKNOWN_DPI = 160;

    /** One panel model: its pixel size (landscape) and density in dots per inch. */
    public record Panel(String name, int width, int height, int dpi) {
        public Panel {
            if (width < height || dpi < 60 || dpi > 600) {
                throw new IllegalArgumentException("a panel is listed landscape with 60..600 dpi: " + name);
            }
        }
    }

    /** The common panels; densities from the makers' active areas. */
    public static final List<Panel> COMMON = List.of(
            new Panel("Raspberry Pi Touch Display 7\" (154×86 mm)", 800, 480, 132),
            new Panel("7\" HDMI touch panel", 1024, 600, 170),
            new Panel("10.1\" touch panel", 1280, 800, 149),
            new Panel("Raspberry Pi Touch Display 2, 7\" (155×87 mm)", 1280, 720, 210),
            new Panel("15.6\" touch monitor, or an 18.5\" monitor / TV", 1366, 768, 100),
            new Panel("15.6\" full-HD touch monitor (a TV on the wall is coarser)", 1920, 1080, 141),
            new Panel("27\" 4K monitor (a 4K TV on the wall is coarser)", 3840, 2160, 163));

    private Panels() {
    }

    /** The density of a {@code width}×{@code height} screen (either orientation): the table's, or {@link #UNKNOWN_DPI}. */
    public static int dpi(double width, double height) {
        long w = Math.round(Math.max(width, height));
        long h = Math.round(Math.min(width, height));
        return COMMON.stream().filter(p -> p.width() == w && p.height() == h).mapToInt(Panel::dpi).findFirst()
                .orElse(UNKNOWN_DPI);
    }

    /** {@code mm} at {@code dpi}, rounded up to whole pixels. */
    public static double pixels(double mm, double dpi) {
        // the tolerance keeps an exact product (15 mm at 254 dpi = 150 px) from rounding up a pixel
        return Math.ceil(mm / 25.4 * dpi - 1e-9);
    }

    /** The smallest touch target in pixels at {@code dpi}. */
    public static double touchPixels(double dpi) {
        return pixels(MIN_TOUCH_MM, dpi);
    }

    /**
     * Reads a {@code screen-dpi} value: {@code auto} (0: look the panel up by its size when the
     * window is known) or a whole number 60..600.
     *
     * @return 0 for auto, else the density
     * @throws IllegalArgumentException saying the rule and the bad value (the caller names the key)
     */
    public static int parseDpi(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 60 && n <= 600) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("must be auto or a whole number of dots per inch 60..600, got '" + value + "'");
    }

    /**
     * Reads a {@code rotation} value: 0, 90, 180 or 270 degrees clockwise (for a panel mounted
     * turned whose system display is not rotated).
     *
     * @throws IllegalArgumentException saying the rule and the bad value (the caller names the key)
     */
    public static int parseRotation(String value) {
        String v = value.trim();
        return switch (v) {
            case "0", "90", "180", "270" -> Integer.parseInt(v);
            default -> throw new IllegalArgumentException("must be 0, 90, 180 or 270 (degrees clockwise), got '" + value + "'");
        };
    }
}
