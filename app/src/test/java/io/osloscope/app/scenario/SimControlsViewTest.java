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
        // NOTE(isolation): a broker per test; the dialect switch leaves durable quorum queues behind, as RabbitMQ would
        ctx = DefaultBackend.start("memory://sim-controls-view-test-" + java.util.UUID.randomUUID(), 2);
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

    /**
     * The migration rehearsal: switching the running zed cluster to kolla-2025.1 runs off the FX thread, shows one
     * line per refused declare (the old classic queues are in the way: 406), and Recover deletes them and brings
     * every node back in the new dialect.
     */
    @Test
    void switchingTheDialectShowsEachRefusedDeclareAndRecoverBringsTheClusterBack(FxRobot robot) throws Exception {
        assertEquals("zed", model.dialectProperty().get());
        assertTrue(robot.lookup("#simBroker").queryAs(Label.class).getText().contains("RabbitMQ 4.0 rules"));
        Button apply = robot.lookup("#simApplyDialect").queryAs(Button.class);
        Button recover = robot.lookup("#simRecover").queryAs(Button.class);
        assertTrue(apply.isDisabled(), "nothing to apply: the combo shows the running dialect");
        assertTrue(recover.isDisabled());

        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> combo = robot.lookup("#simDialect").queryAs(
                javafx.scene.control.ComboBox.class);
        robot.interact(() -> combo.setValue("kolla-2025.1"));
        robot.clickOn(apply);
        // the click returned while the switch was still to come or running on the engine executor
        javafx.scene.control.ListView<?> lines = robot.lookup("#simSwitchLines").queryAs(
                javafx.scene.control.ListView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !model.switchingProperty().get()
                && !lines.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        java.util.List<String> first = lines.getItems().stream().map(String::valueOf).toList();
        assertTrue(first.stream().anyMatch(l -> l.startsWith("✘ refused: nova-conductor: 406 ")
                && l.contains("x-queue-type")), first.toString());
        assertTrue(first.get(0).startsWith("⚠ "), "where the cloud stands comes first: " + first);
        assertFalse(recover.isDisabled(), "Recover offered while nodes are stopped");
        assertEquals("kolla-2025.1", model.dialectProperty().get());

        robot.clickOn(recover);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !model.switchingProperty().get()
                && lines.getItems().stream().anyMatch(l -> String.valueOf(l).startsWith("✔ all")));
        WaitForAsyncUtils.waitForFxEvents();
        java.util.List<String> second = lines.getItems().stream().map(String::valueOf).toList();
        assertTrue(second.stream().anyMatch(l -> l.startsWith("deleted queue 'conductor'")), second.toString());
        assertTrue(recover.isDisabled());
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".node-row").queryAll().size() == 5
                    && ctx.simulation().nodes().stream().allMatch(n -> "up".equals(n.state())));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("every node up in a row: " + ctx.simulation().nodes() + ", rows "
                    + robot.lookup(".node-row").queryAll().size(), e);
        }
        String boot = ctx.simulation().runScenario(io.osloscope.sim.scenario.Scenario.BOOT.title());
        assertTrue(boot.startsWith("boot: ok"), "the cluster boots a server in the new dialect: " + boot);
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
