package io.osloscope.app.lesson;

import io.osloscope.app.backend.AppContext;
import io.osloscope.app.backend.DefaultBackend;
import io.osloscope.app.shell.MainWindow;
import io.osloscope.app.theme.ThemeSwitcher;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trainer walks the first lesson end to end in the real window at 1280×720, headless: Space, then Next through every step,
 * each checkpoint reached (the panel says ✔), the topology marks what the step talks about, the code lens names
 * the nova function beside ours, and Back shows a played step again without playing it twice.
 */
@ExtendWith(ApplicationExtension.class)
class LessonWalkUiTest {
    private AppContext ctx;
    private MainWindow window;
    private LessonFeature lessons;

    @Start
    void start(Stage stage) {
        ctx = DefaultBackend.start("memory://lesson-ui-" + UUID.randomUUID(), 3);
        lessons = new LessonFeature(Locale.ENGLISH, "story");
        window = new MainWindow(ctx, lessons);
        Scene scene = new Scene(window.getRoot(), 1280, 720);
        new ThemeSwitcher(scene, ThemeSwitcher.Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(window::close).get();
        WaitForAsyncUtils.asyncFx(lessons::close).get();
        ctx.close();
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private void awaitStepPlayed() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !lessons.model().playingProperty().get()
                && lessons.model().outcome(lessons.model().indexProperty().get()) != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void nextThroughEveryStepReachesEveryCheckpoint(FxRobot robot) throws Exception {
        awaitStepPlayed();
        int steps = lessons.model().lessonProperty().get().steps().size();
        assertEquals("Step 1 of " + steps, text(robot, "#lessonProgress"));
        List<String> missed = new ArrayList<>();
        String lensAtStep3 = null;
        for (int i = 1; i < steps; i++) {
            if (i == 1) {
                robot.clickOn("#lessonChoice").type(KeyCode.ESCAPE); // the focus on the chooser, its list closed
                robot.type(KeyCode.SPACE); // Space moves the lesson on, wherever the focus is
            } else {
                robot.clickOn("#lessonNext");
            }
            awaitStepPlayed();
            assertEquals("Step " + (i + 1) + " of " + steps, text(robot, "#lessonProgress"));
            boolean hasCheckpoint = lessons.model().lessonProperty().get().steps().get(i).checkpoint() != null;
            String checkpoint = text(robot, "#lessonCheckpoint");
            if (hasCheckpoint && !checkpoint.startsWith("✔")) {
                missed.add("step " + (i + 1) + ": " + checkpoint);
            }
            if (i == 2) {
                lensAtStep3 = text(robot, "#lensPythonSender");
                assertTrue(window.topology().graph() != null, "the topology is drawn");
            }
        }
        assertEquals(List.of(), missed, "checkpoints the panel did not mark reached");
        assertTrue(robot.lookup("#lessonNext").queryAs(Button.class).isDisabled(), "the last step has no Next");
        assertTrue(lensAtStep3 != null && lensAtStep3.contains("nova/conductor/rpcapi.py ComputeTaskAPI"
                + ".schedule_and_build_instances"), "code lens at the conductor step: " + lensAtStep3);

        robot.clickOn("#lessonBack");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Step " + (steps - 1) + " of " + steps, text(robot, "#lessonProgress"));
        assertTrue(text(robot, "#lessonCheckpoint").startsWith("✔"), "Back shows the step as it played");
        assertTrue(!lessons.model().playingProperty().get(), "Back does not play the step again");
    }
}
