package io.osloscope.engine.broker.routing;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The sentences that explain a routing decision, in a language: {@code RoutingTexts.properties} (English, what the
 * broker's events, recordings and the command line carry) and {@code RoutingTexts_zh_CN.properties}. Plain
 * {@link ResourceBundle}s, no UI toolkit; a caller asks for its language explicitly, never through the default
 * locale, so the engine's own output stays English whatever the system's locale is.
 */
public final class RoutingTexts {
    private static final String BASE = "io.osloscope.engine.broker.routing.RoutingTexts";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private static final ConcurrentMap<Locale, ResourceBundle> BUNDLES = new ConcurrentHashMap<>();

    private RoutingTexts() {
    }

    /** {@code key} in {@code locale} ({@link Locale#ROOT}: English), a {@link MessageFormat} of {@code args}. */
    static String get(Locale locale, String key, Object... args) {
        // NOTE(perf): asked on every observed publish; the bundle lookup is kept out of that path
        ResourceBundle b = BUNDLES.computeIfAbsent(locale,
                l -> ResourceBundle.getBundle(BASE, l, RoutingTexts.class.getClassLoader(), NO_FALLBACK));
        return new MessageFormat(b.getString(key), locale).format(args);
    }
}
