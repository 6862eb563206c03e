package tw.jiaohao.hardware.printing.escpos;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * Renders lines of text to 1-bit images for printers without a Chinese font ROM. Anti-aliasing is
 * off so the image is exactly what the print head will burn, and the output is deterministic for a
 * given font file.
 *
 * <p>Thread-safe (immutable; each call uses its own {@code Graphics2D}).
 */
public final class TextRasterizer {
    private final Font base;
    private final FontMetrics[] metrics = new FontMetrics[9];

    /** @param base the font to draw with, e.g. {@code CjkFonts.load(file, CjkFonts.SANS_TC)} */
    public TextRasterizer(Font base) {
        this.base = Objects.requireNonNull(base, "base");
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = scratch.createGraphics();
        try {
            hints(g);
            for (int scale = 1; scale < metrics.length; scale++) {
                metrics[scale] = g.getFontMetrics(base.deriveFont((float) pixelSize(scale)));
            }
        } finally {
            g.dispose();
        }
    }

    /** @return the font family used */
    public String family() {
        return base.getFamily(java.util.Locale.ROOT);
    }

    /** @return the glyph size in dots for a character scale (1 = the ROM font's 24 dots) */
    public static int pixelSize(int scale) {
        return 24 * scale;
    }

    /**
     * Splits text into lines no wider than {@code maxWidth} dots at the given scale, breaking between
     * CJK characters and at spaces, never inside a number or a word ({@link LineBreaker}).
     */
    public List<String> wrap(String text, int scale, int maxWidth) {
        FontMetrics fm = metrics(scale);
        return LineBreaker.wrap(text, fm::charWidth, maxWidth);
    }

    /**
     * Renders one line (callers wrap first) as black on white, width rounded up to a multiple of 8,
     * clipped at {@code maxWidth}.
     */
    public BufferedImage render(String line, int scale, int maxWidth) {
        FontMetrics fm = metrics(scale);
        int size = pixelSize(scale);
        int width = Math.min(maxWidth, (fm.stringWidth(line) + 7) / 8 * 8);
        width = Math.max(8, width);
        int height = size + size / 4;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = img.createGraphics();
        try {
            hints(g);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(fm.getFont());
            g.drawString(line, 0, Math.round(size * 0.88f) + size / 8);
        } finally {
            g.dispose();
        }
        return img;
    }

    private FontMetrics metrics(int scale) {
        if (scale < 1 || scale >= metrics.length) {
            throw new IllegalArgumentException("scale must be 1..8, was " + scale);
        }
        return metrics[scale];
    }

    private static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
    }
}
