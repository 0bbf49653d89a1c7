package io.osloscope.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Options of the window: {@code --screenshot FILE}, {@code --computes N}, {@code --presenter} (large, high contrast,
 * slow motion), {@code --lang en|zh_CN} ({@code lang} is null without it: the system's language). Unknown options
 * are an error.
 */
public record AppOptions(Path screenshot, int computes, boolean presenter, Locale lang) {
    /** The languages the window speaks; the first is the fallback for any other system language. */
    public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    public static AppOptions parse(List<String> args) {
        Path screenshot = null;
        int computes = 3;
        boolean presenter = false;
        Locale lang = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--presenter")) {
                presenter = true;
                continue;
            }
            String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : (i + 1 < args.size() ? args.get(i + 1) : null);
            boolean inline = a.contains("=");
            String name = inline ? a.substring(0, a.indexOf('=')) : a;
            switch (name) {
                case "--screenshot" -> screenshot = Path.of(require(name, value));
                case "--computes" -> {
                    try {
                        computes = Integer.parseInt(require(name, value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--computes needs a number, got " + value);
                    }
                    if (computes < 0 || computes > 1000) {
                        throw new IllegalArgumentException("--computes must be between 0 and 1000");
                    }
                }
                case "--lang" -> lang = language(require(name, value));
                default -> throw new IllegalArgumentException("unknown option " + a
                        + " (the window takes --screenshot FILE, --computes N, --presenter and --lang en|zh_CN)");
            }
            if (!inline) {
                i++;
            }
        }
        return new AppOptions(screenshot, computes, presenter, lang);
    }

    /** {@code en}, {@code zh_CN} (also {@code zh-CN}, {@code zh}); anything else is an error naming the choices. */
    public static Locale language(String tag) {
        Locale wanted = Locale.forLanguageTag(tag.replace('_', '-'));
        for (Locale l : LANGUAGES) {
            if (l.getLanguage().equals(wanted.getLanguage())) {
                return l;
            }
        }
        throw new IllegalArgumentException("--lang takes en or zh_CN, not " + tag);
    }

    /** The window's language for the system locale {@code system}: Chinese for any zh, English otherwise. */
    public static Locale languageFor(Locale system) {
        return "zh".equals(system.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    private static String require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return value;
    }
}
