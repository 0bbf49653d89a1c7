package io.osloscope.app;

import java.nio.file.Path;
import java.util.List;

/** Options of the window: {@code --screenshot FILE}, {@code --computes N}. Unknown options are an error. */
public record AppOptions(Path screenshot, int computes) {
    public static AppOptions parse(List<String> args) {
        Path screenshot = null;
        int computes = 3;
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
                default -> throw new IllegalArgumentException("unknown option " + a
                        + " (the window takes --screenshot FILE and --computes N)");
            }
            if (!inline) {
                i++;
            }
        }
        return new AppOptions(screenshot, computes);
    }

    private static String require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return value;
    }
}
