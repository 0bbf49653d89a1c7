package io.osloscope.app.shell;

import io.osloscope.app.sniff.SniffFeature;
import io.osloscope.app.theme.ThemeSwitcher;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.controlsfx.control.NotificationPane;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulated cluster starts after the window's first frame; when it fails to start the window says so in a
 * banner and the status bar, and stays open and usable for a capture, instead of dying.
 */
@ExtendWith(ApplicationExtension.class)
class ClusterStartFailureUiTest {
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = MainWindow.shell(new SniffFeature());
        Scene scene = new Scene(window.getRoot(), 1600, 1000);
        new ThemeSwitcher(scene, ThemeSwitcher.Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
        window.completeAfterFirstFrame(scene, () -> CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("nova-api cannot bind 127.0.0.1:8774");
        }));
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(window::close).get();
    }

    @Test
    void aClusterThatFailsToStartIsReportedInTheWindowWhichStaysUsable(FxRobot robot) throws Exception {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> window.whenComplete().get(30, TimeUnit.SECONDS));
        assertEquals("nova-api cannot bind 127.0.0.1:8774", failed.getCause().getMessage());
        WaitForAsyncUtils.waitForFxEvents();

        NotificationPane banner = robot.lookup(".notification-pane").queryAs(NotificationPane.class);
        assertTrue(banner.isShowing(), "a banner, not a dialog");
        assertEquals("✘ The simulated cluster did not start: nova-api cannot bind 127.0.0.1:8774", banner.getText());
        assertEquals("memory:// simulation · the simulated cluster did not start: nova-api cannot bind 127.0.0.1:8774",
                robot.lookup("#statusBar").queryAs(StatusBar.class).getText());
        assertTrue(stage.isShowing());
        assertNotNull(robot.lookup("#streamTable").tryQuery().orElse(null), "the stream is there for a capture");
        assertFalse(robot.lookup("#connectRabbit").queryAs(Button.class).isDisabled());
        assertEquals(null, window.fire(), "nothing to fire at without the cluster");
    }
}
