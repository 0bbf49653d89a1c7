package io.osloscope.app.log;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Osloscope keeps its log: {@code $XDG_STATE_HOME/osloscope} on Linux and other Unixes (default
 * {@code ~/.local/state/osloscope}), {@code ~/Library/Logs/Osloscope} on macOS, {@code %LOCALAPPDATA%\Osloscope\logs}
 * on Windows (default {@code ~\AppData\Local\Osloscope\logs}). The system property {@code osloscope.log.dir}
 * overrides all of them (the tests use it).
 */
public final class StateDir {
    public static final String OVERRIDE = "osloscope.log.dir";

    private StateDir() {
    }

    public static Path logDirectory() {
        return logDirectory(System.getProperty(OVERRIDE), System.getProperty("os.name", ""),
                System.getProperty("user.home", "."), System.getenv());
    }

    static Path logDirectory(String override, String osName, String home, Map<String, String> env) {
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Logs", "Osloscope");
        }
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local == null || local.isBlank() ? Path.of(home, "AppData", "Local") : Path.of(local);
            return base.resolve("Osloscope").resolve("logs");
        }
        String xdg = env.get("XDG_STATE_HOME");
        // the XDG spec says a relative value is invalid and must be ignored
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(home, ".local", "state");
        return base.resolve("osloscope");
    }
}
