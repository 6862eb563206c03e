package tw.jiaohao.hub.web;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The dashboard's texts in Traditional Chinese (default) and English, from
 * {@code web/i18n/messages*.properties} (UTF-8). A missing key shows as {@code ??key??} rather
 * than failing the page; WebPartsTest checks both bundles have the same keys.
 */
public final class I18n {
    public static final Locale ZH = Locale.TRADITIONAL_CHINESE;
    public static final Locale EN = Locale.ENGLISH;

    private final Locale locale;
    private final ResourceBundle bundle;

    private I18n(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("web.i18n.messages", locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static final I18n ZH_TEXTS = new I18n(ZH);
    private static final I18n EN_TEXTS = new I18n(Locale.ROOT);

    /** "zh" or "en"; anything else is Chinese. */
    public static I18n of(String lang) {
        return "en".equals(lang) ? EN_TEXTS : ZH_TEXTS;
    }

    public String lang() {
        return this == EN_TEXTS ? "en" : "zh";
    }

    /** The value of the HTML lang attribute. */
    public String htmlLang() {
        return this == EN_TEXTS ? "en" : "zh-Hant-TW";
    }

    public Locale locale() {
        return locale;
    }

    /** Whether a text exists for {@code key} (a code from another system may have none). */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    public String t(String key, Object... args) {
        String s;
        try {
            s = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "??" + key + "??";
        }
        return args.length == 0 ? s : new MessageFormat(s, locale).format(args);
    }

}
