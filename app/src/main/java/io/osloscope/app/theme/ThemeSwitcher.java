package io.osloscope.app.theme;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;

import java.util.Objects;

/** Applies base.css plus the palette of the chosen theme to a scene. FX thread. */
public final class ThemeSwitcher {
    public enum Theme { LIGHT, DARK }

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
    public static java.util.List<String> stylesheets(Theme theme) {
        return java.util.List.of(css(theme == Theme.DARK ? "dark.css" : "light.css"), BASE);
    }

    /** {@code scene} with the theme's stylesheets, for a view shown on its own (previews, tests); returns it. */
    public static Scene themed(Scene scene, Theme theme) {
        scene.getStylesheets().setAll(stylesheets(theme));
        return scene;
    }

    private void apply() {
        scene.getStylesheets().setAll(stylesheets(theme.get()));
    }

    public void toggle() {
        theme.set(theme.get() == Theme.DARK ? Theme.LIGHT : Theme.DARK);
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    private static String css(String name) {
        return Objects.requireNonNull(ThemeSwitcher.class.getResource(name), name).toExternalForm();
    }
}
