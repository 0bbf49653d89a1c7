package io.osloscope.app.shell;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The window layout remembered between runs (bounds, split positions, theme), in {@code java.util.prefs}
 * under the user's preferences. Missing or unreadable values fall back to defaults.
 */
public final class LayoutStore {
    private final Preferences prefs;

    public LayoutStore(Preferences prefs) {
        this.prefs = prefs;
    }

    public static LayoutStore forUser() {
        return new LayoutStore(Preferences.userRoot().node("io/osloscope/app/layout"));
    }

    public double get(String key, double fallback) {
        return prefs.getDouble(key, fallback);
    }

    public String get(String key, String fallback) {
        return prefs.get(key, fallback);
    }

    public boolean get(String key, boolean fallback) {
        return prefs.getBoolean(key, fallback);
    }

    public void put(String key, double value) {
        prefs.putDouble(key, value);
    }

    public void put(String key, String value) {
        prefs.put(key, value);
    }

    public void put(String key, boolean value) {
        prefs.putBoolean(key, value);
    }

    /** Writes pending changes; a failure only loses the layout, so it is ignored. */
    public void flush() {
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            // NOTE(layout): e.g. a read-only home directory; the window still works with defaults
        }
    }
}
