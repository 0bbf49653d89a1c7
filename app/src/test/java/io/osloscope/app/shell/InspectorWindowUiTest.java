package io.osloscope.app.shell;

import io.osloscope.app.sniff.SniffFeature;
import io.osloscope.app.backend.AppContext;
import io.osloscope.app.backend.DefaultBackend;
import io.osloscope.app.theme.ThemeSwitcher;
import io.osloscope.app.traffic.TrafficRow;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real main window on a private in-memory broker with the simulated cloud (three computes), driven
 * headless under Monocle like a user would: clicks, typing, reading labels.
 */
@ExtendWith(ApplicationExtension.class)
class InspectorWindowUiTest {
    private AppContext ctx;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        ctx = DefaultBackend.start("memory://ui-" + UUID.randomUUID(), 3);
        window = new MainWindow(ctx, new SniffFeature());
        Scene scene = new Scene(window.getRoot(), 1600, 1000);
        new ThemeSwitcher(scene, ThemeSwitcher.Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(window::close).get();
        ctx.close();
    }

    private Optional<TrafficRow> row(String kind, String method) {
        return window.traffic().rows().stream()
                .filter(r -> kind.equals(r.kind()) && method.equals(r.rpcMethod())).findFirst();
    }

    private void chooseFromCatalog(FxRobot robot, String entry) {
        robot.clickOn("Fire");
        robot.clickOn("#fireCatalog");
        robot.clickOn(entry);
    }

    @Test
    void firingStartInstanceShowsTheCastInTheStreamWithItsRouteInTheInspectorAndQueueInTheTopology(FxRobot robot)
            throws Exception {
        chooseFromCatalog(robot, "compute · start_instance (6.0)");
        robot.clickOn("#fireButton");

        AtomicReference<TrafficRow> cast = new AtomicReference<>();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> {
            Optional<TrafficRow> r = row("cast", "start_instance");
            r.filter(x -> !x.deliveries().isEmpty()).ifPresent(cast::set);
            return cast.get() != null;
        });
        TableView<?> table = robot.lookup("#streamTable").queryAs(TableView.class);
        int index = table.getItems().indexOf(cast.get());
        assertTrue(index >= 0, "the cast is a visible row");
        assertTrue(window.traffic().highlightRequestIdProperty().get().equals(cast.get().requestId()),
                "the fired request is highlighted");
        WaitForAsyncUtils.asyncFx(() -> table.scrollTo(index)).get();
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(".table-row-cell").match(n -> ((javafx.scene.control.TableRow<?>) n).getItem()
                == cast.get()).queryAs(javafx.scene.Node.class));

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#routeQueues").tryQuery().isPresent());
        // the sender is the fire panel's own connection, named as oslo names it: program@host
        String headline = robot.lookup("#inspectorHeadline").queryAs(Label.class).getText();
        assertTrue(headline.matches("start_instance  from osloscope-fire@\\S+  →  nova / compute\\.compute1"),
                headline);
        assertEquals("reached queue compute.compute1", robot.lookup("#routeQueues").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#routeHeadline").queryAs(Label.class).getText()
                .contains("exchange nova (topic)"));
        assertTrue(window.topology().visibleQueueNames().contains("compute.compute1"),
                window.topology().visibleQueueNames().toString());
    }

    @Test
    void aCallFromTheFirePanelShowsItsResultInline(FxRobot robot) throws Exception {
        chooseFromCatalog(robot, "conductor · object_class_action_versions (3.0)");
        robot.clickOn("#fireButton");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () ->
                robot.lookup("#fireOutcome").queryAs(Label.class).getText().startsWith("✔ replied in"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> row("call", "object_class_action_versions")
                .map(r -> "replied".equals(r.status()) && r.latency() != null).orElse(false));
    }

    @Test
    void invalidArgumentsDisableFiringAndSayWhere(FxRobot robot) {
        chooseFromCatalog(robot, "compute · start_instance (6.0)");
        io.osloscope.app.json.JsonEditor args = robot.lookup("#fireArgs").queryAs(io.osloscope.app.json.JsonEditor.class);
        robot.interact(() -> args.setText(""));
        robot.clickOn(args.getContent()).write("{\"instance\": ");
        Label error = robot.lookup("#fireArgsError").queryAs(Label.class);
        assertTrue(error.isVisible());
        assertTrue(error.getText().startsWith("line 1"), error.getText());
        assertTrue(robot.lookup("#fireButton").queryAs(Button.class).isDisabled());
        robot.write("{}}");
        assertFalse(robot.lookup("#fireButton").queryAs(Button.class).isDisabled());
    }

    @Test
    void pausedStreamCountsHeldRowsAndShowsThemOnResume(FxRobot robot) throws Exception {
        robot.clickOn("#pauseStream");
        int before = window.traffic().rows().size();
        window.simulation().startInstance();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> window.traffic().heldProperty().get() > 0);
        assertEquals(before, window.traffic().rows().size());
        Label counts = robot.lookup("#streamCounts").queryAs(Label.class);
        // The label is re-bound on the FX thread; read it there, and give the binding its pulse.
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> WaitForAsyncUtils.asyncFx(() -> counts.getText().contains("held")).get());
        robot.clickOn("#pauseStream");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> row("cast", "start_instance").isPresent());
        assertEquals(0, window.traffic().heldProperty().get());
    }
}
