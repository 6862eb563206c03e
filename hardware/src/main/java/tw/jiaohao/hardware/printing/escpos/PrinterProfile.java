package tw.jiaohao.hardware.printing.escpos;

import java.util.Objects;

/**
 * What the encoder needs to know about a printer model. Kept as data in
 * {@code printer-profiles.properties}; see {@link PrinterProfiles}.
 *
 * @param name               profile name, e.g. "80mm-cjk"
 * @param description        one line for people
 * @param paperWidthMm       58 or 80
 * @param dotsPerLine        printable dots per line (a multiple of 8, 128..832)
 * @param chineseFontRom     true when the printer has a Traditional Chinese font ROM (Big5 after {@code FS &})
 * @param qr                 true when the printer draws QR codes itself ({@code GS ( k})
 * @param qrModuleDots       size of one QR module in dots, 1..16
 * @param cutter             the cutter, if any
 * @param feedLinesBeforeCut blank lines fed before the cut, 0..10
 */
public record PrinterProfile(String name, String description, int paperWidthMm, int dotsPerLine, boolean chineseFontRom,
                             boolean qr, int qrModuleDots, Cutter cutter, int feedLinesBeforeCut) {

    /** Kinds of cutter. */
    public enum Cutter { FULL, PARTIAL, NONE }

    public PrinterProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(cutter, "cutter");
        if (paperWidthMm != 58 && paperWidthMm != 80) {
            throw new IllegalArgumentException("profile " + name + ": paper-width-mm must be 58 or 80, was " + paperWidthMm);
        }
        if (dotsPerLine < 128 || dotsPerLine > 832 || dotsPerLine % 8 != 0) {
            throw new IllegalArgumentException("profile " + name + ": dots-per-line must be a multiple of 8 in 128..832, was "
                    + dotsPerLine);
        }
        if (qrModuleDots < 1 || qrModuleDots > 16) {
            throw new IllegalArgumentException("profile " + name + ": qr-module-dots must be 1..16, was " + qrModuleDots);
        }
        if (feedLinesBeforeCut < 0 || feedLinesBeforeCut > 10) {
            throw new IllegalArgumentException("profile " + name + ": feed-lines-before-cut must be 0..10, was "
                    + feedLinesBeforeCut);
        }
    }

    /** @return how many half-width (12-dot, font A) columns fit on a line */
    public int columns() {
        return dotsPerLine / 12;
    }
}
