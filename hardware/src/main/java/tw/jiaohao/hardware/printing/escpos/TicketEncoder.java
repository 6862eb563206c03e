package tw.jiaohao.hardware.printing.escpos;

import com.github.anastaciocintra.escpos.EscPos;
import com.github.anastaciocintra.escpos.EscPosConst.Justification;
import com.github.anastaciocintra.escpos.Style;
import com.github.anastaciocintra.escpos.barcode.QRCode;
import com.github.anastaciocintra.escpos.image.BitonalThreshold;
import com.github.anastaciocintra.escpos.image.EscPosImage;
import com.github.anastaciocintra.escpos.image.RasterBitImageWrapper;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tw.jiaohao.hardware.HardwareException;
import tw.jiaohao.hardware.printing.Receipt;
import tw.jiaohao.hardware.printing.TicketSlip;

/**
 * Turns tickets and receipts into ESC/POS bytes for one {@link PrinterProfile}, using escpos-coffee
 * for styles, QR codes, raster images, feed and cut.
 *
 * <p>Chinese text goes out as Big5 after {@code FS &} when the profile has a Chinese font ROM and
 * the text is Big5-encodable; otherwise the line is rendered to a raster image with the given
 * {@link TextRasterizer} (Noto Sans CJK TC). ASCII-only lines (the big ticket number) are always
 * printer text.
 *
 * <p>Pure and thread-safe: same input, same bytes; no I/O. Rendered raster lines are cached (64
 * lines) because office names, category labels and notices repeat on every ticket.
 */
public final class TicketEncoder {
    private static final Charset BIG5 = Charset.forName("Big5");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final PrinterProfile profile;
    private final TextRasterizer rasterizer;
    /** Rendered raster lines by (scale, alignment, text); bounded, least recently used evicted. */
    private final Map<String, byte[]> rasterCache = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                    return size() > 64;
                }
            });

    public TicketEncoder(PrinterProfile profile, TextRasterizer rasterizer) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.rasterizer = Objects.requireNonNull(rasterizer, "rasterizer");
    }

    /** @return the profile this encoder writes for */
    public PrinterProfile profile() {
        return profile;
    }

    /** @return the ESC/POS bytes of one ticket, ending with the cut */
    public byte[] encode(TicketSlip t) {
        Doc d = new Doc();
        d.text(t.officeName(), Justification.Center, 1, true);
        d.text(t.categoryLabel(), Justification.Center, 2, false);
        d.ticketNumber(t.ticketNumber());
        d.text(t.waitLine(), Justification.Center, 1, false);
        d.text("取號時間 " + TIME.format(t.issuedAt().atZone(t.officeZone())), Justification.Center, 1, false);
        if (t.hasQr()) {
            d.qr(t.qrUrl());
        }
        if (t.noticeLine() != null) {
            d.text(t.noticeLine(), Justification.Center, 1, false);
        }
        return d.finish();
    }

    /** @return the ESC/POS bytes of one receipt, ending with the cut */
    public byte[] encode(Receipt r) {
        Doc d = new Doc();
        d.text(r.officeName(), Justification.Center, 1, true);
        d.text("申辦收據", Justification.Center, 2, false);
        d.text(r.requestKind(), Justification.Center, 1, false);
        d.text("案件編號 " + r.caseNumber(), Justification.Left_Default, 1, false);
        d.text("受理時間 " + TIME.format(r.issuedAt().atZone(r.officeZone())), Justification.Left_Default, 1, false);
        d.text("-".repeat(profile.columns()), Justification.Left_Default, 1, false);
        for (String line : r.lines()) {
            d.text(line, Justification.Left_Default, 1, false);
        }
        if (r.hasQr()) {
            d.qr(r.qrUrl());
        }
        d.text("請保留本收據以便查詢進度", Justification.Center, 1, false);
        return d.finish();
    }

    /** One document being written. */
    private final class Doc {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        private final EscPos escpos = new EscPos(out);

        Doc() {
            try {
                escpos.initializePrinter();
                if (profile.chineseFontRom()) {
                    escpos.write(EscPosCommands.CHINESE_MODE_ON, 0, EscPosCommands.CHINESE_MODE_ON.length);
                    escpos.setCharsetName("Big5");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void text(String text, Justification align, int scale, boolean bold) {
            try {
                if (isAscii(text) || (profile.chineseFontRom() && BIG5.newEncoder().canEncode(text))) {
                    Style style = new Style().setJustification(align).setBold(bold)
                            .setFontSize(size(scale), size(scale));
                    for (String line : wrapColumns(text, profile.columns() / scale)) {
                        escpos.writeLF(style, line);
                    }
                } else {
                    for (String line : rasterizer.wrap(text, scale, profile.dotsPerLine())) {
                        rasterLine(line, scale, align);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void ticketNumber(String number) {
            int scale = Math.max(1, Math.min(8, profile.dotsPerLine() * 4 / 5 / (12 * number.length())));
            try {
                escpos.writeLF(new Style().setJustification(Justification.Center).setBold(true)
                        .setFontSize(size(scale), size(scale)), number);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * The QR with its 4-module quiet zone (ISO/IEC 18004) on every side: the module shrinks
         * until the code plus 8 modules fits the paper, and blank dots are fed above and below it
         * (a raster QR carries its white border in the image).
         */
        void qr(String url) {
            BitMatrix matrix = qrMatrix(url, 0);
            int module = qrModuleFor(matrix.getWidth(), profile);
            try {
                if (profile.qr()) {
                    feedDots(QUIET_MODULES * module);
                    escpos.write(new QRCode().setSize(module).setJustification(Justification.Center)
                            .setErrorCorrectionLevel(QRCode.QRErrorCorrectionLevel.QR_ECLEVEL_M_Default), url);
                    feedDots(QUIET_MODULES * module);
                } else {
                    image(qrImage(url, module), Justification.Center);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** {@code ESC J n}: print and feed n dots. */
        void feedDots(int dots) throws IOException {
            escpos.write(new byte[] {0x1B, 'J', (byte) Math.min(255, dots)}, 0, 3);
        }

        void image(BufferedImage img, Justification align) throws IOException {
            escpos.write(new RasterBitImageWrapper().setJustification(align),
                    new EscPosImage(new BinaryImage(img), new BitonalThreshold()));
        }

        /** A rendered text line, from the cache when the same text was printed before (office name, labels). */
        void rasterLine(String line, int scale, Justification align) throws IOException {
            String key = scale + "|" + align + "|" + line;
            byte[] cached = rasterCache.get(key);
            if (cached == null) {
                ByteArrayOutputStream one = new ByteArrayOutputStream();
                new EscPos(one).write(new RasterBitImageWrapper().setJustification(align),
                        new EscPosImage(new BinaryImage(rasterizer.render(line, scale, profile.dotsPerLine())),
                                new BitonalThreshold()));
                cached = one.toByteArray();
                rasterCache.put(key, cached);
            }
            escpos.write(cached, 0, cached.length);
        }

        byte[] finish() {
            try {
                escpos.feed(profile.feedLinesBeforeCut());
                switch (profile.cutter()) {
                    case FULL -> escpos.cut(EscPos.CutMode.FULL);
                    case PARTIAL -> escpos.cut(EscPos.CutMode.PART);
                    case NONE -> { }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }

    /** Modules of white the QR code standard asks for around the code. */
    public static final int QUIET_MODULES = 4;

    /**
     * The module size used on this paper: the profile's, or smaller when the code and its quiet
     * zone would not fit the printable width.
     *
     * @param codeModules the code's width in modules (without quiet zone)
     */
    public static int qrModuleFor(int codeModules, PrinterProfile profile) {
        int module = Math.min(profile.qrModuleDots(), profile.dotsPerLine() / (codeModules + 2 * QUIET_MODULES));
        if (module < 1) {
            throw new HardwareException("a QR code of " + codeModules + " modules and its quiet zone do not fit "
                    + profile.dotsPerLine() + " dots (shorten the URL)");
        }
        return module;
    }

    private static BitMatrix qrMatrix(String data, int margin) {
        try {
            return new QRCodeWriter().encode(data, com.google.zxing.BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, margin,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new HardwareException("cannot encode QR code for '" + data + "': " + e.getMessage()
                    + " (shorten the URL)", e);
        }
    }

    /**
     * Renders a QR code as an image with its 4-module white quiet zone, {@code module} dots per
     * module, width padded to a multiple of 8.
     */
    static BufferedImage qrImage(String data, int module) {
        BitMatrix m = qrMatrix(data, QUIET_MODULES);
        int size = m.getWidth() * module;
        int width = (size + 7) / 8 * 8;
        BufferedImage img = new BufferedImage(width, size, BufferedImage.TYPE_BYTE_BINARY);
        java.awt.Graphics2D g = img.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, width, size);
            g.setColor(java.awt.Color.BLACK);
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    if (m.get(x, y)) {
                        g.fillRect(x * module, y * module, module, module);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static Style.FontSize size(int scale) {
        return Style.FontSize.values()[scale - 1];
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * Wraps by printer columns (ASCII takes one column of 12 dots, anything else two), breaking at
     * word and number boundaries ({@link LineBreaker}).
     */
    static List<String> wrapColumns(String text, int columns) {
        return LineBreaker.wrap(text, cp -> cp < 0x80 ? 1 : 2, columns);
    }
}
