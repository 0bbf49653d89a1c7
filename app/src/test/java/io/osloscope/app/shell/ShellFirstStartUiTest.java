package io.osloscope.app.shell;

import io.osloscope.app.sniff.SniffFeature;
import io.osloscope.app.backend.AppContext;
import io.osloscope.app.backend.DefaultBackend;
import io.osloscope.app.theme.ThemeSwitcher;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app's start-up order, headless: the first pulse lays out the shell (toolbar, tab headers, status bar) with
 * placeholders and no cluster yet; the cluster starts after it and the views arrive in the pulses after that.
 */
@ExtendWith(ApplicationExtension.class)
class ShellFirstStartUiTest {
    private final CompletableFuture<AppContext> backend = new CompletableFuture<>();
    /** When the window asked for its backend, in pulses seen so far. */
    private volatile int backendAskedAtPulse = -1;
    private int pulses;
    private MainWindow window;
    private Scene scene;
    /** What the first pulse after show() laid out, recorded in that pulse. */
    private final List<String> firstPulse = new ArrayList<>();

    @Start
    void start(Stage stage) {
        window = MainWindow.shell(new SniffFeature());
        scene = new Scene(window.getRoot(), 1600, 1000);
        scene.addPostLayoutPulseListener(() -> pulses++);
        new ThemeSwitcher(scene, ThemeSwitcher.Theme.LIGHT);
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                record();
            }
        });
        stage.setScene(scene);
        window.notifier().info("before the banner existed");
        stage.show();
        window.completeAfterFirstFrame(scene, () -> {
            backendAskedAtPulse = pulses;
            new Thread(() -> {
                try {
                    backend.complete(DefaultBackend.start("memory://first-" + UUID.randomUUID(), 1));
                } catch (RuntimeException e) {
                    backend.completeExceptionally(e);
                }
            }).start();
            return backend;
        });
    }

    private void record() {
        for (String id : List.of("#connectRabbit", "#modeIndicator", "#leftTabs", "#graphTabs", "#statusBar",
                "#statusCounts", "#streamTable", "#fireButton")) {
            Node n = scene.lookup(id);
            if (n != null && n.isVisible() && n.getLayoutBounds().getWidth() > 0) {
                firstPulse.add(id);
            }
        }
        for (String id : List.of("#leftTabs", "#graphTabs")) {
            for (Tab t : ((TabPane) scene.lookup(id)).getTabs()) {
                firstPulse.add("tab " + t.getText());
            }
        }
        firstPulse.add("topology " + (window.topology() != null));
        firstPulse.add("status " + ((org.controlsfx.control.StatusBar) scene.lookup("#statusBar")).getText());
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(window::close).get();
        backend.get(30, TimeUnit.SECONDS).close();
    }

    @Test
    void theFirstFrameHasTheShellAndTheViewsFollowInTheNextPulses(FxRobot robot) throws Exception {
        window.whenComplete().get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of("#connectRabbit", "#modeIndicator", "#leftTabs", "#graphTabs", "#statusBar",
                "#statusCounts", "tab Simulation", "tab Fire", "tab RabbitMQ", "tab Topology",
                "tab Routing playground", "topology false",
                "status memory:// simulation · starting the simulated cluster…"), firstPulse,
                "the shell, without the views or the cluster");
        assertTrue(backendAskedAtPulse >= 2, "the cluster starts after the first frame, at pulse " + backendAskedAtPulse);

        assertNotNull(window.topology(), "the topology came after the first frame");
        assertNotNull(robot.lookup("#streamTable").tryQuery().orElse(null), "the stream came after the first frame");
        assertTrue(robot.lookup(".placeholder").queryAll().stream()
                        .filter(n -> n instanceof Label).map(n -> ((Label) n).getText())
                        .noneMatch(t -> t.equals("Message stream") || t.equals("Inspector") || t.equals("Topology view")),
                "the visible slots hold their views, not placeholders");
        assertTrue(window.topology().visibleQueueNames().contains("compute.compute1"),
                window.topology().visibleQueueNames().toString());
    }

    @Test
    void aNotificationFromBeforeTheBannerExistedIsShownOnceItDoes(FxRobot robot) throws Exception {
        window.whenComplete().get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        org.controlsfx.control.NotificationPane banner = robot.lookup(".notification-pane")
                .queryAs(org.controlsfx.control.NotificationPane.class);
        assertTrue(banner.isShowing());
        assertEquals("before the banner existed", banner.getText());
        assertEquals(List.of("before the banner existed"), window.notifier().recent());
        assertTrue(banner.getContent() instanceof javafx.scene.control.SplitPane outer
                        && outer.getItems().contains(robot.lookup("#leftTabs").queryAs(TabPane.class)),
                "the banner wraps the split panes");
    }

    @Test
    void theRabbitPanelIsBuiltWhenItsTabIsFirstShown(FxRobot robot) throws Exception {
        window.whenComplete().get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        TabPane left = robot.lookup("#leftTabs").queryAs(TabPane.class);
        Tab rabbit = left.getTabs().stream().filter(t -> t.getText().equals("RabbitMQ")).findFirst().orElseThrow();
        assertEquals(null, rabbit.getContent(), "the RabbitMQ tab has no content before it is shown");

        robot.clickOn("#connectRabbit");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("RabbitMQ", left.getSelectionModel().getSelectedItem().getText());
        assertNotNull(robot.lookup("#sniffPanel").tryQuery().orElse(null), "the connect action built the panel");
    }

    @Test
    void theStatusBarSaysWhatRunsOnceSampled(FxRobot robot) throws Exception {
        window.whenComplete().get(30, TimeUnit.SECONDS);
        assertNotNull(window.fire(), "the fire panel's model exists once the cluster is attached");
        Label counts = robot.lookup("#statusCounts").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> counts.getText().contains("messages"));
        String status = robot.lookup("#statusBar").queryAs(org.controlsfx.control.StatusBar.class).getText();
        assertTrue(status.contains("nodes up"), status);
        assertTrue(status.startsWith("memory:// simulation · RabbitMQ 4.0 rules · dialect zed · "), "names the broker's rules: "
                + status);
    }
}
