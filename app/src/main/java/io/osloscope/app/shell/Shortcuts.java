package io.osloscope.app.shell;

import io.osloscope.app.fx.Views;
import io.osloscope.app.theme.ThemeSwitcher;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keyboard shortcuts for the main actions, so the window can be driven from the keyboard alone (presenter mode);
 * {@link #describe} lists them for Help → Keyboard shortcuts. Tab and Shift+Tab move between controls, Space
 * presses the focused button, F10 opens the menu.
 */
public final class Shortcuts {
    public static final KeyCombination PRESENTER = new KeyCodeCombination(KeyCode.F5);
    public static final KeyCombination THEME = new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination ZOOM_IN = new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination ZOOM_OUT = new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination ZOOM_FIT = new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN);

    private Shortcuts() {
    }

    public static Map<KeyCombination, String> install(Scene scene, MainWindow w, ThemeSwitcher theme,
                                                      PresenterMode presenter) {
        Map<KeyCombination, String> help = new LinkedHashMap<>();
        add(scene, help, new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), "fire the RPC",
                () -> ifAttached(w.fire(), f -> f.fire()));
        add(scene, help, new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN), "start_instance via nova-api",
                () -> ifAttached(w.simulation(), s -> s.startInstance()));
        add(scene, help, new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN), "pause/resume the stream",
                () -> w.traffic().pausedProperty().set(!w.traffic().pausedProperty().get()));
        add(scene, help, new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN), "clear the stream",
                () -> w.traffic().clear());
        add(scene, help, new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), "search the stream",
                () -> focus(scene, "#textFilter"));
        add(scene, help, new KeyCodeCombination(KeyCode.F6), "pause/resume deliveries",
                () -> ifAttached(w.simulation(), s -> s.pausedProperty().set(!s.pausedProperty().get())));
        add(scene, help, new KeyCodeCombination(KeyCode.F7), "deliver one message",
                () -> ifAttached(w.simulation(), s -> s.step()));
        for (WindowFeature f : w.features()) {
            for (WindowFeature.Shortcut s : f.shortcuts()) {
                add(scene, help, s.key(), s.what(), s.action());
            }
        }
        add(scene, help, THEME, "theme: light, dark, high contrast", theme::toggle);
        add(scene, help, PRESENTER, "presenter mode (large, high contrast, slow motion)", presenter::toggle);
        add(scene, help, ZOOM_IN, "zoom the topology in", () -> ifAttached(w.topology(), t -> t.zoomIn()));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN),
                () -> ifAttached(w.topology(), t -> t.zoomIn()));
        add(scene, help, ZOOM_OUT, "zoom the topology out", () -> ifAttached(w.topology(), t -> t.zoomOut()));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN),
                () -> ifAttached(w.topology(), t -> t.zoomOut()));
        add(scene, help, ZOOM_FIT, "fit the topology to its pane", () -> ifAttached(w.topology(), t -> t.resetZoom()));
        add(scene, help, new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN),
                "topology (then the arrow keys pan it)", () -> {
                    w.showGraphTab(0);
                    ifAttached(w.topology(), t -> t.focusDrawing());
                });
        add(scene, help, new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN), "routing playground",
                () -> w.showGraphTab(1));
        add(scene, help, new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN), "fire panel",
                () -> w.showLeftTab(Views.FIRE));
        add(scene, help, new KeyCodeCombination(KeyCode.DIGIT4, KeyCombination.SHORTCUT_DOWN), "simulation controls",
                () -> w.showLeftTab(Views.SIMULATION));
        return help;
    }

    private static void add(Scene scene, Map<KeyCombination, String> help, KeyCombination key, String what,
                            Runnable action) {
        scene.getAccelerators().put(key, action);
        help.put(key, what);
    }

    /** Runs {@code action} on {@code model}; a view model of the backend is null while the cluster starts. */
    private static <T> void ifAttached(T model, java.util.function.Consumer<T> action) {
        if (model != null) {
            action.accept(model);
        }
    }

    private static void focus(Scene scene, String selector) {
        Node n = scene.lookup(selector);
        if (n != null) {
            n.requestFocus();
        }
    }

    public static String describe(Map<KeyCombination, String> help) {
        StringBuilder sb = new StringBuilder();
        help.forEach((k, v) -> sb.append(k.getDisplayText()).append("  ").append(v).append('\n'));
        return sb.toString();
    }
}
