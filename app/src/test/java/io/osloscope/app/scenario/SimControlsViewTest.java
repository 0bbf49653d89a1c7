package io.osloscope.app.scenario;

import io.osloscope.app.backend.AppContext;
import io.osloscope.app.backend.DefaultBackend;
import io.osloscope.app.fx.FxThread;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SimControlsView.fxml on a real simulated cluster: the gate buttons, the node rows and the action message. */
@ExtendWith(ApplicationExtension.class)
class SimControlsViewTest {
    private AppContext ctx;
    private SimControlsViewModel model;
    private javafx.scene.layout.Region panel;

    @Start
    void start(Stage stage) {
        ctx = DefaultBackend.start("memory://sim-controls-view-test", 2);
        model = new SimControlsViewModel(ctx.simulation(), ctx.engineExecutor(), FxThread.executor());
        panel = (javafx.scene.layout.Region) new SimControlsView(model).getRoot();
        stage.setScene(new Scene(new StackPane(panel), 420, 700));
        stage.show();
    }

    @Stop
    void stop() {
        ctx.close();
    }

    @Test
    void pauseHoldsDeliveriesAndOnlyThenStepIsEnabled(FxRobot robot) throws Exception {
        Button step = robot.lookup("#simStep").queryAs(Button.class);
        assertTrue(step.isDisabled());
        robot.clickOn("#simPause");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(model.pausedProperty().get());
        assertFalse(step.isDisabled());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ctx.simulation().paused());
        robot.clickOn("#simPause");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !ctx.simulation().paused());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(step.isDisabled());
    }

    @Test
    void everyNodeGetsARowAndActionsReportInline(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".node-row").queryAll().size()
                == ctx.simulation().nodes().size());
        assertEquals(robot.lookup(".node-row").queryAll().size(), robot.lookup(".node-row .menu-button")
                .queryAllAs(MenuButton.class).size());
        assertTrue(robot.lookup("#simRunScenario").queryAs(Button.class).isDisabled(), "no scenario chosen yet");
        robot.clickOn("#simAddCompute");
        Label message = robot.lookup("#simMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> message.getText().startsWith("started "));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".node-row").queryAll().size()
                == ctx.simulation().nodes().size());
        assertTrue(robot.lookup(".node-row").queryAll().size() >= 6, "api, conductor, scheduler, three computes");
    }

    @Test
    void inTheWindowsNarrowLeftPanelNoButtonOrNodeStateIsCutShort(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".node-row").queryAll().size()
                == ctx.simulation().nodes().size());
        // NOTE(shared-stage): TestFX keeps one stage for every test class, so the panel is narrowed, not the stage
        robot.interact(() -> panel.setMaxWidth(260));
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : new String[]{"#simStartInstance", "#simAddCompute", "#simPause", "#simStep", "#simRunScenario"}) {
            javafx.scene.control.Labeled b = robot.lookup(id).queryAs(javafx.scene.control.Labeled.class);
            assertEquals(b.getText(), shown(b), id + " as drawn");
        }
        assertEquals("start_instance", shown(robot.lookup("#simStartInstance").queryAs(Button.class)),
                "the method name keeps its underscore (no mnemonic)");
        for (Label state : robot.lookup(".node-state").queryAllAs(Label.class)) {
            assertEquals(state.getText(), shown(state), "a node's state as drawn");
        }
    }

    /** The text the skin actually draws, ellipsis and mnemonic processing included. */
    private static String shown(javafx.scene.control.Labeled l) {
        return ((javafx.scene.text.Text) l.lookup(".text")).getText();
    }
}
