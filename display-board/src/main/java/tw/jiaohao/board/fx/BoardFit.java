package tw.jiaohao.board.fx;

import tw.jiaohao.hardware.screen.Panels;

/**
 * How the wall board or the counter unit lays itself out on the screen it finds: the window's
 * size (after {@code ui.rotation}), the panel's density, and what follows. Type grows with the
 * screen in proportion to the design size (upright screens against the design turned), touch
 * targets are at least 15 mm at the panel's density whatever the size, and the arrangement
 * changes for upright and for short screens.
 *
 * @param width   window width in pixels, after rotation
 * @param height  window height in pixels, after rotation
 * @param dpi     the panel's density ({@code ui.screen-dpi}, or looked up by size in {@link Panels})
 * @param designW the design width (1920 for the wall board, 1024 for the counter unit)
 * @param designH the design height (1080, 600)
 */
public record BoardFit(double width, double height, double dpi, double designW, double designH) {
    /** The base type size of the design, in pixels. */
    public static final double DESIGN_EM = 24;

    /** {@code configuredDpi} 0 means auto: the common panel of this size. */
    public static BoardFit of(double width, double height, int configuredDpi, double designW, double designH) {
        return new BoardFit(width, height, configuredDpi > 0 ? configuredDpi : Panels.dpi(width, height), designW, designH);
    }

    public boolean portrait() {
        return height > width;
    }

    /** Wide but short: fewer than 7½ touch targets high (the 7" panels). */
    public boolean compact() {
        return !portrait() && height < 7.5 * touch();
    }

    /** The smallest touch target in pixels. */
    public double touch() {
        return Panels.touchPixels(dpi);
    }

    /** The window against the design size (the design turned upright for upright windows). */
    public double scale() {
        return portrait() ? Math.min(width / designH, height / designW) : Math.min(width / designW, height / designH);
    }

    /** The base type size in pixels: every size in board.css is a multiple of it. */
    public double em() {
        return Math.max(11, DESIGN_EM * scale());
    }

    /** A design length on this screen. */
    public double px(double design) {
        return Math.round(design * scale());
    }

    /** The inline style that sets the base type size on a screen's root. */
    public String style() {
        return String.format(java.util.Locale.ROOT, "-fx-font-size: %.2fpx;", em());
    }
}
