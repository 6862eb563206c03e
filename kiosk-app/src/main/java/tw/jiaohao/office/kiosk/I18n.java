package tw.jiaohao.office.kiosk;

import java.text.MessageFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

/**
 * The kiosk's texts: resource bundles {@code tw.jiaohao.office.kiosk.messages} (Traditional
 * Chinese, the default) and {@code messages_en}, and the current language as a property that
 * every label binds to, so switching language redraws nothing by hand. JavaFX thread only.
 */
public final class I18n {
    public static final Locale CHINESE = Locale.TRADITIONAL_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;
    static final String BUNDLE = "tw.jiaohao.office.kiosk.messages";

    private final ObjectProperty<Locale> locale = new SimpleObjectProperty<>();
    private final Map<Locale, ResourceBundle> bundles = new HashMap<>();

    public I18n(Locale initial) {
        locale.set(initial);
    }

    static ResourceBundle load(Locale l) {
        // no fallback to the JVM's default locale: the base bundle is Chinese
        return ResourceBundle.getBundle(BUNDLE, l, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public ObjectProperty<Locale> localeProperty() {
        return locale;
    }

    public Locale locale() {
        return locale.get();
    }

    public boolean isChinese() {
        return CHINESE.equals(locale.get());
    }

    /** The text for {@code key} now, with {@code args} filled in ({@link MessageFormat}). */
    public String format(String key, Object... args) {
        // looked up from the locale itself: bindings may be recomputed before any listener of the locale ran
        String pattern = bundles.computeIfAbsent(locale.get(), I18n::load).getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale.get()).format(args);
    }

    /** A text that follows the language; observable arguments are read when it is recomputed. */
    public StringBinding text(String key, Object... args) {
        Observable[] deps = new Observable[args.length + 1];
        deps[0] = locale;
        for (int i = 0; i < args.length; i++) {
            deps[i + 1] = args[i] instanceof Observable o ? o : locale;
        }
        return Bindings.createStringBinding(() -> {
            Object[] values = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                values[i] = args[i] instanceof ObservableValue<?> v ? v.getValue() : args[i];
            }
            return format(key, values);
        }, deps);
    }
}
