package io.osloscope.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Options of the window: {@code --screenshot FILE}, {@code --computes N}, {@code --lesson ID|FILE} (open a lesson),
 * {@code --screenshot-dir DIR} (with a lesson: a PNG per step, then exit), {@code --size WxH} (the window's size),
 * {@code --lang zh_CN} (the lessons' language; default the system's). Unknown options are an error.
 */
public record AppOptions(Path screenshot, int computes, String lesson, Path screenshotDir, int width, int height,
                         Locale lang) {
    public static AppOptions parse(List<String> args) {
        Path screenshot = null;
        int computes = 3;
        String lesson = null;
        Path screenshotDir = null;
        int width = 0;
        int height = 0;
        Locale lang = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
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
                case "--lesson" -> lesson = require(name, value);
                case "--screenshot-dir" -> screenshotDir = Path.of(require(name, value));
                case "--size" -> {
                    String v = require(name, value);
                    String[] wh = v.toLowerCase(Locale.ROOT).split("x");
                    try {
                        width = Integer.parseInt(wh[0]);
                        height = Integer.parseInt(wh[1]);
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException("--size needs WIDTHxHEIGHT, e.g. 1280x720, got " + v);
                    }
                    if (wh.length != 2 || width < 640 || height < 400 || width > 7680 || height > 4320) {
                        throw new IllegalArgumentException("--size must be between 640x400 and 7680x4320, got " + v);
                    }
                }
                case "--lang" -> lang = Locale.forLanguageTag(require(name, value).replace('_', '-'));
                default -> throw new IllegalArgumentException("unknown option " + a
                        + " (the window takes --screenshot FILE, --computes N, --lesson ID|FILE, --screenshot-dir DIR,"
                        + " --size WxH and --lang LANG)");
            }
            if (!inline) {
                i++;
            }
        }
        if (screenshotDir != null && lesson == null) {
            throw new IllegalArgumentException("--screenshot-dir needs --lesson ID|FILE (osloscope --lessons lists them)");
        }
        return new AppOptions(screenshot, computes, lesson, screenshotDir, width, height, lang);
    }

    /** The lessons' language: {@code --lang}, else the system's. */
    public Locale locale() {
        return lang == null ? Locale.getDefault() : lang;
    }

    private static String require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return value;
    }
}
