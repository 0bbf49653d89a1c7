package io.osloscope.app.shell;

import io.osloscope.app.theme.ThemeSwitcher;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** F5 (or the toolbar's Presenter) switches to large, high-contrast presenting and back to what was there. */
@ExtendWith(ApplicationExtension.class)
class PresenterModeUiTest {
    private MainWindow window;
    private ThemeSwitcher theme;
    private PresenterMode presenter;

    @Start
    void start(Stage stage) {
        window = MainWindow.shell();
        Scene scene = new Scene(window.getRoot(), 1280, 720);
        theme = new ThemeSwitcher(scene, ThemeSwitcher.Theme.LIGHT);
        presenter = new PresenterMode(window, theme);
        Shortcuts.install(scene, window, theme, presenter);
        stage.setScene(scene);
        stage.show();
    }

    @Stop
    void stop() {
        window.close();
    }

    @Test
    void f5PresentsInHighContrastWithABiggerTopologyAndF5AgainRestores(FxRobot robot) {
        double split = window.centerSplit();
        robot.push(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(presenter.onProperty().get());
        assertTrue(window.getRoot().getStyleClass().contains(PresenterMode.STYLE_CLASS));
        assertEquals(ThemeSwitcher.Theme.HIGH_CONTRAST, theme.themeProperty().get());
        assertTrue(window.centerSplit() > split + 0.1, "topology pane " + window.centerSplit() + " vs " + split);

        robot.push(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.getRoot().getStyleClass().contains(PresenterMode.STYLE_CLASS));
        assertEquals(ThemeSwitcher.Theme.LIGHT, theme.themeProperty().get());
        assertEquals(split, window.centerSplit(), 0.01);
    }
}
