package tw.jiaohao.hardware.printing.sim;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Interprets the ESC/POS subset the encoder emits and draws the paper, like the printer's firmware
 * would: {@code ESC @}, {@code ESC M/E/-/a/2/3/d}, {@code GS !}, {@code GS B}, {@code GS V} (cut),
 * {@code GS v 0} (raster), {@code GS ( k} (QR), {@code FS &}/{@code FS .} (Big5), {@code DLE ENQ}.
 * Bytes are fed one at a time, so commands split across transfers are handled.
 *
 * <p>Text is drawn in the cells of the printer's ROM font (12×24 dots half-width, 24×24 full-width)
 * with the monospaced Noto Sans Mono CJK TC, loaded by name. Not thread-safe.
 */
final class EscPosInterpreter {
    private static final Charset BIG5 = Charset.forName("Big5");
    private static final Charset CP437 = Charset.forName("IBM437");
    private static final int MARGIN = 12;

    private final int dots;
    private final Font mono;
    private final Consumer<PrintedPage> pageSink;
    private final List<Byte> pending = new ArrayList<>();
    private final ByteArrayOutputStream pageBytes = new ByteArrayOutputStream();
    private final List<BufferedImage> bands = new ArrayList<>();
    private final List<Glyph> line = new ArrayList<>();
    private final List<String> unsupported = new ArrayList<>();
    private int pageOffset;
    private int pageNumber;

    // printer state
    private int align;
    private int widthMul = 1;
    private int heightMul = 1;
    private boolean bold;
    private boolean underline;
    private boolean reverse;
    private boolean chinese;
    private int lineSpacing = 30;
    private byte[] qrData = new byte[0];
    private int qrModule = 3;
    private ErrorCorrectionLevel qrLevel = ErrorCorrectionLevel.L;

    private record Glyph(String text, boolean wide, int wMul, int hMul, boolean bold, boolean underline, boolean reverse) {
        int width() {
            return (wide ? 24 : 12) * wMul;
        }

        int height() {
            return 24 * hMul;
        }
    }

    /**
     * @param dotsPerLine printable width
     * @param mono        the font for ROM text (Noto Sans Mono CJK TC)
     * @param pageSink    receives each finished page
     */
    public EscPosInterpreter(int dotsPerLine, Font mono, Consumer<PrintedPage> pageSink) {
        this.dots = dotsPerLine;
        this.mono = mono.deriveFont(24f);
        this.pageSink = pageSink;
    }

    /** Feeds one data byte. */
    public void accept(byte b) {
        pending.add(b);
        pageBytes.write(b);
        while (!pending.isEmpty() && step()) {
            // keep parsing
        }
    }

    /** The paper ran out or the device lost power/USB part-way: what is on paper is torn off as incomplete. */
    public void interrupt() {
        if (hasContent()) {
            finishPage(false);
        }
        pending.clear();
        pageBytes.reset();
        pageOffset = 0;
        line.clear();
    }

    /** Tears off whatever has been printed since the last cut (as complete), e.g. on a printer without a cutter. */
    public void tearOff() {
        flushLine(false);
        if (!bands.isEmpty()) {
            finishPage(true);
        }
    }

    /** @return true when something was printed on the current page or is waiting in the line buffer */
    public boolean hasContent() {
        return !bands.isEmpty() || !line.isEmpty();
    }

    /** Executes the command at the head of {@code pending} if complete; returns false when more bytes are needed. */
    private boolean step() {
        int b0 = at(0);
        int n = pending.size();
        switch (b0) {
            case 0x0A -> {
                flushLine(true);
                return consume(1);
            }
            case 0x0D -> {
                return consume(1);
            }
            case 0x1B -> {
                if (n < 2) {
                    return false;
                }
                int c = at(1);
                if (c == '@') {
                    if (hasContent()) {
                        tearOffBefore();
                    }
                    reset();
                    return consume(2);
                }
                if (c == '2') {
                    lineSpacing = 30;
                    return consume(2);
                }
                if (n < 3) {
                    return false;
                }
                int v = at(2);
                switch (c) {
                    case 'M' -> { } // font A/B: drawn as font A
                    case 'E' -> bold = (v & 1) != 0;
                    case '-' -> underline = (v & 3) != 0 && v != '0';
                    case 'a' -> align = v >= '0' ? v - '0' : v;
                    case '3' -> lineSpacing = v;
                    case 'd' -> {
                        flushLine(false);
                        for (int i = 0; i < v; i++) {
                            flushLine(true);
                        }
                    }
                    case 'J' -> {
                        flushLine(false);
                        bands.add(blank(v));
                    }
                    default -> unsupported(2);
                }
                return consume(3);
            }
            case 0x1D -> {
                if (n < 2) {
                    return false;
                }
                int c = at(1);
                if (c == 'v') {
                    return raster();
                }
                if (c == '(') {
                    return function();
                }
                if (n < 3) {
                    return false;
                }
                int v = at(2);
                switch (c) {
                    case '!' -> {
                        widthMul = (v >> 4) + 1;
                        heightMul = (v & 0x0F) + 1;
                    }
                    case 'B' -> reverse = (v & 1) != 0;
                    case 'V' -> {
                        if (v == 65 || v == 66) {
                            if (n < 4) {
                                return false;
                            }
                            cut();
                            return consume(4);
                        }
                        cut();
                    }
                    default -> unsupported(2);
                }
                return consume(3);
            }
            case 0x1C -> {
                if (n < 2) {
                    return false;
                }
                int c = at(1);
                if (c == '&') {
                    chinese = true;
                } else if (c == '.') {
                    chinese = false;
                } else {
                    unsupported(2);
                }
                return consume(2);
            }
            case 0x10 -> {
                if (n < 3) {
                    return false;
                }
                if (at(1) == 0x05 && at(2) == 2) {
                    interrupt();
                    reset();
                    return false;
                }
                return consume(3); // DLE EOT n in the data stream: answered by the transport
            }
            default -> {
                if (b0 < 0x20) {
                    unsupported(1);
                    return consume(1);
                }
                if (b0 < 0x80) {
                    addGlyph(String.valueOf((char) b0), false);
                    return consume(1);
                }
                if (chinese) {
                    if (n < 2) {
                        return false;
                    }
                    String s = new String(new byte[] {(byte) b0, (byte) at(1)}, BIG5);
                    addGlyph(s, true);
                    return consume(2);
                }
                addGlyph(new String(new byte[] {(byte) b0}, CP437), false);
                return consume(1);
            }
        }
    }

    private boolean raster() {
        if (pending.size() < 8) {
            return false;
        }
        int mode = at(3);
        int xBytes = at(4) | at(5) << 8;
        int height = at(6) | at(7) << 8;
        int total = 8 + xBytes * height;
        if (pending.size() < total) {
            return false;
        }
        flushLine(false);
        int sx = (mode & 1) != 0 ? 2 : 1;
        int sy = (mode & 2) != 0 ? 2 : 1;
        int w = xBytes * 8;
        BufferedImage band = blank(height * sy);
        int x0 = offset(w * sx);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < w; x++) {
                int bits = at(8 + y * xBytes + x / 8);
                if ((bits & (0x80 >> (x % 8))) != 0) {
                    for (int dy = 0; dy < sy; dy++) {
                        for (int dx = 0; dx < sx; dx++) {
                            int px = MARGIN + x0 + x * sx + dx;
                            if (px < band.getWidth()) {
                                band.setRGB(px, y * sy + dy, 0);
                            }
                        }
                    }
                }
            }
        }
        bands.add(band);
        return consume(total);
    }

    private boolean function() {
        if (pending.size() < 5) {
            return false;
        }
        int len = at(3) | at(4) << 8;
        if (pending.size() < 5 + len) {
            return false;
        }
        if (at(2) == 'k' && len >= 2 && at(5) == 49) {
            int fn = at(6);
            switch (fn) {
                case 65 -> { } // model
                case 67 -> qrModule = at(7);
                case 69 -> qrLevel = switch (at(7)) {
                    case 48 -> ErrorCorrectionLevel.L;
                    case 49 -> ErrorCorrectionLevel.M;
                    case 50 -> ErrorCorrectionLevel.Q;
                    default -> ErrorCorrectionLevel.H;
                };
                case 80 -> {
                    qrData = new byte[len - 3];
                    for (int i = 0; i < qrData.length; i++) {
                        qrData[i] = (byte) at(8 + i);
                    }
                }
                case 81 -> printQr();
                default -> unsupported(5 + len);
            }
        } else {
            unsupported(5 + len);
        }
        return consume(5 + len);
    }

    private void printQr() {
        flushLine(false);
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(new String(qrData, StandardCharsets.UTF_8), com.google.zxing.BarcodeFormat.QR_CODE,
                    0, 0, Map.of(EncodeHintType.ERROR_CORRECTION, qrLevel, EncodeHintType.MARGIN, 0,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            unsupported.add(pageOffset + ": QR data not encodable: " + e.getMessage());
            return;
        }
        int size = m.getWidth() * qrModule;
        BufferedImage band = blank(size);
        Graphics2D g = band.createGraphics();
        g.setColor(Color.BLACK);
        int x0 = MARGIN + offset(size);
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    g.fillRect(x0 + x * qrModule, y * qrModule, qrModule, qrModule);
                }
            }
        }
        g.dispose();
        bands.add(band);
    }

    private void addGlyph(String s, boolean wide) {
        Glyph g = new Glyph(s, wide, widthMul, heightMul, bold, underline, reverse);
        if (lineWidth() + g.width() > dots) {
            flushLine(true);
        }
        line.add(g);
    }

    private int lineWidth() {
        return line.stream().mapToInt(Glyph::width).sum();
    }

    /** Prints the line buffer; with {@code feedIfEmpty}, an empty buffer still feeds one line (LF). */
    private void flushLine(boolean feedIfEmpty) {
        if (line.isEmpty()) {
            if (feedIfEmpty) {
                bands.add(blank(lineSpacing));
            }
            return;
        }
        int glyphHeight = line.stream().mapToInt(Glyph::height).max().orElse(24);
        int height = Math.max(glyphHeight, lineSpacing);
        BufferedImage band = blank(height);
        Graphics2D g = band.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        int x = MARGIN + offset(lineWidth());
        for (Glyph gl : line) {
            int top = glyphHeight - gl.height();
            if (gl.reverse()) {
                g.setColor(Color.BLACK);
                g.fillRect(x, top, gl.width(), gl.height());
            }
            g.setColor(gl.reverse() ? Color.WHITE : Color.BLACK);
            Graphics2D gg = (Graphics2D) g.create();
            gg.translate(x, top + 21 * gl.hMul());
            gg.scale(gl.wMul(), gl.hMul());
            gg.setFont(mono);
            gg.drawString(gl.text(), 0, 0);
            if (gl.bold()) {
                gg.drawString(gl.text(), 1, 0);
            }
            gg.dispose();
            if (gl.underline()) {
                g.fillRect(x, top + gl.height() - 2, gl.width(), 2);
            }
            x += gl.width();
        }
        g.dispose();
        bands.add(band);
        line.clear();
    }

    private int offset(int width) {
        return switch (align) {
            case 1 -> Math.max(0, (dots - width) / 2);
            case 2 -> Math.max(0, dots - width);
            default -> 0;
        };
    }

    private BufferedImage blank(int height) {
        BufferedImage b = new BufferedImage(dots + 2 * MARGIN, Math.max(1, height), BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = b.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, b.getWidth(), b.getHeight());
        g.dispose();
        return b;
    }

    private void cut() {
        flushLine(false);
        finishPage(true);
    }

    /** ESC @ arrived while the page has content (printer without cutter): tear off what came before it. */
    private void tearOffBefore() {
        flushLine(false);
        byte[] all = pageBytes.toByteArray();
        int keep = pending.size();
        pageBytes.reset();
        pageBytes.write(all, 0, all.length - keep);
        finishPage(true);
        pageBytes.write(all, all.length - keep, keep);
    }

    private void finishPage(boolean complete) {
        flushLine(false);
        int height = bands.stream().mapToInt(BufferedImage::getHeight).sum() + 2 * MARGIN;
        BufferedImage page = new BufferedImage(dots + 2 * MARGIN, height, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, page.getWidth(), height);
        int y = MARGIN;
        for (BufferedImage band : bands) {
            g.drawImage(band, 0, y, null);
            y += band.getHeight();
        }
        g.dispose();
        bands.clear();
        // a cut is executed when its last byte arrives, so every byte so far belongs to this page
        byte[] bytes = pageBytes.toByteArray();
        pageBytes.reset();
        pageOffset = -pending.size();
        pageSink.accept(new PrintedPage(++pageNumber, bytes, page, complete, unsupported));
        unsupported.clear();
    }

    private void reset() {
        align = 0;
        widthMul = 1;
        heightMul = 1;
        bold = false;
        underline = false;
        reverse = false;
        chinese = false;
        lineSpacing = 30;
    }

    private void unsupported(int length) {
        StringBuilder s = new StringBuilder(pageOffset + ":");
        for (int i = 0; i < Math.min(length, pending.size()); i++) {
            s.append(String.format(" %02x", at(i)));
        }
        unsupported.add(s.toString());
    }

    private int at(int i) {
        return pending.get(i) & 0xFF;
    }

    private boolean consume(int count) {
        pending.subList(0, count).clear();
        pageOffset += count;
        return true;
    }
}
