package io.osloscope.app;

import io.osloscope.app.backend.AppContext;
import io.osloscope.app.backend.DefaultBackend;
import io.osloscope.app.shell.MainWindow;
import io.osloscope.app.sniff.SniffFeature;
import io.osloscope.app.theme.ThemeSwitcher;
import io.osloscope.app.trace.TraceFeature;
import io.osloscope.engine.sniff.profile.ProfileStore;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code osloscope --open real-nova-boot.jsonl --screenshot FILE}, headless under Monocle: the real window opens the
 * recording, shows its Trace tab with the boot chosen and its lanes drawn, writes the PNG and asks to exit with 0.
 */
@ExtendWith(ApplicationExtension.class)
class TraceWindowUiTest {
    private AppContext ctx;
    private MainWindow window;
    private Scene scene;

    @Start
    void start(Stage stage) {
        ctx = DefaultBackend.start("memory://trace-ui-" + UUID.randomUUID(), 1);
        window = new MainWindow(ctx, new SniffFeature(() -> new ProfileStore(Path.of("target/trace-ui-profiles.json"))),
                new TraceFeature());
        scene = new Scene(window.getRoot(), 1280, 720);
        new ThemeSwitcher(scene, ThemeSwitcher.Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(window::close).get();
        ctx.close();
    }

    @Test
    void openingTheRealNovaBootWithAScreenshotDrawsItsTraceAndExitsZero(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path png = dir.resolve("trace.png");
        AppOptions options = AppOptions.parse(List.of("--open", "../assets/recordings/real-nova-boot.jsonl",
                "--screenshot", png.toString()));
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        WaitForAsyncUtils.asyncFx(() -> SourceOnStart.show(window, options, scene, exit::complete)).get();
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        assertTrue(Files.size(png) > 10_000, "a PNG was written");
        Set<String> lanes = robot.lookup(".trace-lane").queryAllAs(Label.class).stream().map(Label::getText)
                .collect(Collectors.toSet());
        assertTrue(lanes.containsAll(Set.of("api@127.0.0.1", "conductor@rn-controller", "scheduler@rn-controller",
                "compute@rn-compute1")), lanes.toString());
        Set<String> labels = robot.lookup(".trace-label").queryAllAs(Label.class).stream()
                .map(l -> l.getText().lines().findFirst().orElse("")).collect(Collectors.toSet());
        assertTrue(labels.containsAll(Set.of("schedule_and_build_instances", "select_destinations",
                "build_and_run_instance", "object_action", "update_instance_info")), labels.toString());
        assertTrue(window.feature(TraceFeature.class).model().requests().stream()
                .anyMatch(r -> r.requestId().equals("req-1e0f4497-1dad-4794-a954-58911b01d375")));
    }
}
