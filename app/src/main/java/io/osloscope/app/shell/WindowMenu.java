package io.osloscope.app.shell;

import io.osloscope.app.theme.ThemeSwitcher;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Consumer;

/**
 * The window's menu (File, View, Help) at the start of the toolbar and the presenter and theme buttons at its end.
 * Texts from {@code MainWindow.properties} (and its translations); every action also has a key in
 * {@link Shortcuts}. FX thread.
 */
public final class WindowMenu {
    private WindowMenu() {
    }

    /** What the menu does beyond the window's own actions. */
    public record Actions(PresenterMode presenter, ThemeSwitcher theme, List<Locale> languages, Locale language,
                          Consumer<Locale> chooseLanguage,
                          Runnable showShortcuts, Runnable quit) {
    }

    /** Adds the menu bar before the toolbar's items and the presenter/theme buttons after them. */
    public static MenuBar install(MainWindow w, Actions a) {
        ResourceBundle t = ResourceBundle.getBundle("io.osloscope.app.shell.MainWindow", io.osloscope.app.fx.Texts.language());
        Menu file = new Menu(t.getString("menu.file"));
        file.setId("menuFile");
        MenuItem quit = new MenuItem(t.getString("menu.file.quit"));
        quit.setOnAction(e -> a.quit().run());
        file.getItems().addAll(Exports.menu(w, t), new SeparatorMenuItem(), quit);

        Menu view = new Menu(t.getString("menu.view"));
        view.setId("menuView");
        CheckMenuItem presenter = new CheckMenuItem(t.getString("menu.view.presenter"), icon(Feather.MONITOR));
        presenter.selectedProperty().bindBidirectional(a.presenter().onProperty());
        presenter.setAccelerator(Shortcuts.PRESENTER);
        MenuItem theme = new MenuItem(t.getString("menu.view.theme"), icon(Feather.SUN));
        theme.setOnAction(e -> a.theme().toggle());
        theme.setAccelerator(Shortcuts.THEME);
        MenuItem zoomIn = item(t.getString("menu.view.zoomIn"), Feather.ZOOM_IN, Shortcuts.ZOOM_IN,
                () -> topology(w, v -> v.zoomIn()));
        MenuItem zoomOut = item(t.getString("menu.view.zoomOut"), Feather.ZOOM_OUT, Shortcuts.ZOOM_OUT,
                () -> topology(w, v -> v.zoomOut()));
        MenuItem zoomFit = item(t.getString("menu.view.zoomFit"), Feather.MAXIMIZE, Shortcuts.ZOOM_FIT,
                () -> topology(w, v -> v.resetZoom()));
        Menu language = new Menu(t.getString("menu.view.language"), icon(Feather.GLOBE));
        language.setId("menuLanguage");
        ToggleGroup languages = new ToggleGroup();
        for (Locale l : a.languages()) {
            RadioMenuItem item = new RadioMenuItem(l.getDisplayName(l));
            item.setToggleGroup(languages);
            item.setSelected(l.equals(a.language()));
            item.setOnAction(e -> a.chooseLanguage().accept(l));
            language.getItems().add(item);
        }
        view.getItems().addAll(presenter, theme, new SeparatorMenuItem(), zoomIn, zoomOut, zoomFit,
                new SeparatorMenuItem(), language);

        Menu help = new Menu(t.getString("menu.help"));
        MenuItem keys = new MenuItem(t.getString("menu.help.shortcuts"), icon(Feather.COMMAND));
        keys.setOnAction(e -> a.showShortcuts().run());
        help.getItems().add(keys);

        MenuBar bar = new MenuBar(file, view, help);
        bar.setId("menuBar");
        bar.getStyleClass().add("window-menu");

        ToggleButton present = new ToggleButton(t.getString("toolbar.presenter"), icon(Feather.MONITOR));
        present.setId("presenterToggle");
        present.selectedProperty().bindBidirectional(a.presenter().onProperty());
        present.setTooltip(new Tooltip(t.getString("toolbar.presenter.tip")));
        Button cycleTheme = new Button(null, icon(Feather.SUN));
        cycleTheme.setId("themeButton");
        cycleTheme.setTooltip(new Tooltip(t.getString("toolbar.theme.tip")));
        cycleTheme.setOnAction(e -> a.theme().toggle());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        if (w.getRoot().getTop() instanceof ToolBar tools) {
            tools.getItems().add(0, bar);
            tools.getItems().addAll(spacer, present, cycleTheme);
        } else {
            ToolBar tools = new ToolBar(bar, spacer, present, cycleTheme);
            w.getRoot().setTop(tools);
        }
        return bar;
    }

    /** A Feather icon, sized and coloured by the theme ({@code .ikonli-font-icon}). */
    public static FontIcon icon(Feather glyph) {
        FontIcon icon = new FontIcon(glyph);
        icon.getStyleClass().add("window-icon");
        return icon;
    }

    private static MenuItem item(String text, Feather glyph, javafx.scene.input.KeyCombination key, Runnable action) {
        MenuItem item = new MenuItem(text, icon(glyph));
        item.setAccelerator(key);
        item.setOnAction(e -> action.run());
        return item;
    }

    private static void topology(MainWindow w, Consumer<io.osloscope.app.topology.TopologyView> action) {
        if (w.topology() != null) {
            action.accept(w.topology());
        }
    }

    /** The menu of that id in {@code bar} (for features adding items, e.g. File's exports). */
    public static Menu menu(MenuBar bar, String id) {
        return bar.getMenus().stream().filter(m -> id.equals(m.getId())).findFirst().orElseThrow();
    }
}
