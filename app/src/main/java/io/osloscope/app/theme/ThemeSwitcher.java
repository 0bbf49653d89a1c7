package io.osloscope.app.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;

import java.util.List;
import java.util.Objects;

/**
 * Applies a theme: AtlantaFX's Primer light or dark as the user-agent stylesheet (every control's look), then our
 * palette on top ({@code light.css}, {@code dark.css}, {@code contrast.css}: the {@code -rpc-*} colours, taken from
 * AtlantaFX's {@code -color-*} variables; the high-contrast theme also sharpens those variables), then
 * {@code base.css}, which styles our own classes with {@code -rpc-*} only. FX thread.
 */
public final class ThemeSwitcher {
    public enum Theme {
        LIGHT("light.css", false), DARK("dark.css", true), HIGH_CONTRAST("contrast.css", true);

        private final String palette;
        private final boolean dark;

        Theme(String palette, boolean dark) {
            this.palette = palette;
            this.dark = dark;
        }

        /** The theme of a remembered name; an unknown or missing one is LIGHT. */
        public static Theme named(String name) {
            for (Theme t : values()) {
                if (t.name().equals(name)) {
                    return t;
                }
            }
            return LIGHT;
        }
    }

    private static final String BASE = css("base.css");
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private final Scene scene;

    public ThemeSwitcher(Scene scene, Theme initial) {
        this.scene = scene;
        theme.addListener((o, a, b) -> apply());
        theme.set(initial);
        apply();
    }

    /** The stylesheets for a theme, palette first; also for popups and dialogs, which are separate scenes. */
    public static List<String> stylesheets(Theme theme) {
        return List.of(css(theme.palette), BASE);
    }

    /** {@code scene} with the theme's stylesheets, for a view shown on its own (previews, tests); returns it. */
    public static Scene themed(Scene scene, Theme theme) {
        useAgentStylesheet(theme);
        scene.getStylesheets().setAll(stylesheets(theme));
        return scene;
    }

    /**
     * AtlantaFX for every scene of the application. NOTE(perf): the binary form (.bss), parsed faster than the
     * 170 KB CSS before the first frame.
     */
    private static void useAgentStylesheet(Theme theme) {
        atlantafx.base.theme.Theme base = theme.dark ? new PrimerDark() : new PrimerLight();
        Application.setUserAgentStylesheet(base.getUserAgentStylesheetBSS());
    }

    private void apply() {
        useAgentStylesheet(theme.get());
        scene.getStylesheets().setAll(stylesheets(theme.get()));
    }

    /** Light → dark → high contrast → light. */
    public void toggle() {
        Theme[] all = Theme.values();
        theme.set(all[(theme.get().ordinal() + 1) % all.length]);
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    private static String css(String name) {
        return Objects.requireNonNull(ThemeSwitcher.class.getResource(name), name).toExternalForm();
    }
}
