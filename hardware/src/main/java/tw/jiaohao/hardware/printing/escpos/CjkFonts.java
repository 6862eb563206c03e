package tw.jiaohao.hardware.printing.escpos;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tw.jiaohao.hardware.HardwareException;

/**
 * Loads the fonts used for Chinese raster text and for the simulator's paper, by file and exact
 * family name, never through the platform's fallback fonts.
 *
 * <p>Thread-safe; fonts are loaded once per (file, family) and cached.
 */
public final class CjkFonts {
    /** Debian's fonts-noto-cjk collection (also on Raspberry Pi OS). */
    public static final Path DEFAULT_FILE = Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    /** Proportional Traditional Chinese face: raster text on printers without a Chinese ROM. */
    public static final String SANS_TC = "Noto Sans CJK TC";
    /** Monospaced Traditional Chinese face: how the simulator draws the printer's own ROM font. */
    public static final String MONO_TC = "Noto Sans Mono CJK TC";

    private static final Map<String, Font> CACHE = new ConcurrentHashMap<>();

    private CjkFonts() {
    }

    /**
     * @param file   a .ttc/.otf/.ttf file
     * @param family the exact family name, e.g. {@link #SANS_TC}
     * @return the font at size 1 (derive the size you need)
     * @throws HardwareException saying how to install the font when the file or the family is missing
     */
    public static Font load(Path file, String family) {
        return CACHE.computeIfAbsent(file.toAbsolutePath() + "#" + family, k -> read(file, family));
    }

    private static Font read(Path file, String family) {
        if (!Files.isReadable(file)) {
            throw new HardwareException("font file " + file + " not found: install the Debian package fonts-noto-cjk "
                    + "(apt-get install fonts-noto-cjk) or set printer.font-file to a file holding '" + family + "'");
        }
        Font[] fonts;
        try {
            fonts = Font.createFonts(file.toFile());
        } catch (FontFormatException | IOException e) {
            throw new HardwareException("cannot read font file " + file + ": " + e.getMessage()
                    + " (set printer.font-file to a readable .ttc/.otf)", e);
        }
        return Arrays.stream(fonts).filter(f -> f.getFamily(java.util.Locale.ROOT).equals(family)).findFirst()
                .orElseThrow(() -> new HardwareException("font family '" + family + "' is not in " + file
                        + " (it has " + Arrays.stream(fonts).map(f -> f.getFamily(java.util.Locale.ROOT)).distinct().toList()
                        + "): install fonts-noto-cjk or point printer.font-file at NotoSansCJK-Regular.ttc"));
    }
}
