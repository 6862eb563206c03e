package tw.jiaohao.office.kiosk;

import tw.jiaohao.hardware.screen.Panels;

/**
 * How the kiosk lays itself out on the screen it finds: the window's size (after rotation), the
 * panel's density, and what follows from them. The type grows with the screen, in proportion
 * to the 1280×800 design (800×1280 upright), but touch targets are at least 15 mm at the
 * panel's density whatever the size, and the arrangement changes: upright screens stack what
 * sits side by side on wide ones, and short wide screens (fewer than 7½ touch targets high, such
 * as the 7" 800×480 and 1024×600 panels) move the language buttons to a side rail and the
 * action buttons beside the keypads.
 *
 * @param width  the window width in pixels, after rotation
 * @param height the window height in pixels, after rotation
 * @param dpi    the panel's density (configured, or looked up by size in {@link Panels})
 * @param large  large print (大字) is on for this customer: every screen uses its large-print
 *               type ({@code .large-print} in kiosk.css) and the room it needs
 */
record KioskFit(double width, double height, double dpi, boolean large) {
    /** The base type size of the design, in pixels at 1280×800. */
    static final double DESIGN_EM = 24;
    /** About how much larger the type is in large print (kiosk.css, {@code .large-print}). */
    static final double LARGE_TYPE = 1.4;

    static KioskFit of(double width, double height, int configuredDpi) {
        return new KioskFit(width, height, configuredDpi > 0 ? configuredDpi : Panels.dpi(width, height), false);
    }

    /** The same screen with large print on or off. */
    KioskFit withLarge(boolean on) {
        return new KioskFit(width, height, dpi, on);
    }

    /**
     * A text's height in pixels for {@code lines} lines of type {@code normalEm} em (as in kiosk.css
     * outside large print), in large print {@link #LARGE_TYPE} times larger: for the few places that
     * size a box for its text in code.
     */
    double textHeight(double normalEm, int lines) {
        return em() * normalEm * (large ? LARGE_TYPE : 1) * lines * 1.45;
    }

    boolean portrait() {
        return height > width;
    }

    /**
     * Wide but short: fewer than 7½ touch targets high. In large print every wide screen is laid out so (the
     * language buttons in a side rail, the step buttons beside the keypads): the large type needs the height.
     */
    boolean compact() {
        return !portrait() && (large || height < 7.5 * touch());
    }

    /** The smallest touch target, in pixels. */
    double touch() {
        return Panels.touchPixels(dpi);
    }

    /** The window against the design size: 1 at 1280×800 (800×1280 upright). */
    double scale() {
        return portrait() ? Math.min(width / 800, height / 1280) : Math.min(width / 1280, height / 800);
    }

    /** The base type size in pixels (every text size in kiosk.css is a multiple of it). */
    double em() {
        return Math.max(12, DESIGN_EM * scale());
    }

    /** A design length (pixels at 1280×800) on this screen. */
    double px(double design) {
        return Math.round(design * scale());
    }

    /** A touch target's side: the design length on this screen, and never under 15 mm. */
    double target(double design) {
        return Math.max(touch(), px(design));
    }

    /** Columns of {@code side}-wide keys with {@code gap} between them that fit in {@code available}. */
    static int columns(double available, double side, double gap, int at_most) {
        return (int) Math.max(1, Math.min(at_most, Math.floor((available + gap) / (side + gap))));
    }
}
