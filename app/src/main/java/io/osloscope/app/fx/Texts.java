package io.osloscope.app.fx;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The texts a view builds in Java (labels, counts, outcomes), read from the same {@code View.properties} as its
 * FXML's {@code %key} texts, in the window's language (the default locale, set before any view is built). A text
 * with parameters is a {@link MessageFormat} pattern ({@code {0}}, {@code {1,number,integer}}), formatted in the
 * bundle's locale. Any thread; bundles are cached by {@link ResourceBundle}.
 */
public final class Texts {
    /** The window's language once chosen; until then (and in tests that set none) the default locale. */
    private static volatile Locale language;
    private final ResourceBundle bundle;

    private Texts(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    /**
     * Sets the window's language for every text read from now on (the launcher, before any view is built); null
     * goes back to the default locale. Held here rather than only as the default locale, which the JVM's start-up
     * on some systems hands back to the environment's language after the launcher set it.
     */
    public static void use(Locale chosen) {
        language = chosen;
    }

    /** The window's language: the one {@link #use}d, else the default locale. */
    public static Locale language() {
        Locale l = language;
        return l != null ? l : Locale.getDefault();
    }

    /** The bundle {@code base} (e.g. {@code io.osloscope.app.topology.TopologyView}) in the window's language. */
    public static Texts of(String base) {
        return new Texts(ResourceBundle.getBundle(base, language()));
    }

    /** The texts beside {@code view}'s class: {@code io/osloscope/app/x/XView.properties} for {@code XView}. */
    public static Texts of(Class<?> view) {
        return of(view.getName());
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    /** The text {@code key}, formatted with {@code args} when given. */
    public String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(args);
    }

    /** The text {@code key} if the bundle has it, else {@code fallback} (a protocol word shown as it is). */
    public String getOr(String key, String fallback) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return fallback;
        }
    }

    /** Formats {@code key} of {@code bundle} (a view's injected FXML resources) with {@code args}. */
    public static String format(ResourceBundle bundle, String key, Object... args) {
        return new Texts(bundle).get(key, args);
    }
}
