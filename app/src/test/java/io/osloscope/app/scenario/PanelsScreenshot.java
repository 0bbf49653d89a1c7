package io.osloscope.app.scenario;

import io.osloscope.app.sniff.SniffFeature;
import io.osloscope.app.backend.AppContext;
import io.osloscope.app.backend.DefaultBackend;
import io.osloscope.app.shell.MainWindow;
import io.osloscope.app.shell.Screenshot;
import io.osloscope.app.theme.ThemeSwitcher;
import io.osloscope.app.traffic.TrafficRow;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one PNG per one-off panel of the real window on memory:// (simulation, RabbitMQ connect form, routing
 * playground, inspector tabs) into the directory given as the only argument, then exits. For looking at the
 * panels, and for comparing two builds picture by picture.
 */
public final class PanelsScreenshot {
    private PanelsScreenshot() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** Nested so the main class does not extend Application (class path launch). */
    public static final class App extends Application {
        private AppContext ctx;
        private MainWindow window;

        @Override
        public void start(Stage stage) {
            Path dir = Path.of(getParameters().getRaw().get(0));
            ctx = DefaultBackend.start("memory://panels", 2);
            window = new MainWindow(ctx, new SniffFeature());
            Scene scene = new Scene(window.getRoot(), 1600, 1000);
            new ThemeSwitcher(scene, ThemeSwitcher.Theme.LIGHT);
            stage.setScene(scene);
            stage.show();
            window.simulation().startInstance();
            List<Runnable> steps = new ArrayList<>();
            steps.add(() -> window.showLeftTab("Simulation"));
            steps.add(() -> shoot(scene, dir.resolve("simulation.png")));
            steps.add(() -> {
                @SuppressWarnings("unchecked")
                javafx.scene.control.ComboBox<String> dialect = (javafx.scene.control.ComboBox<String>)
                        scene.lookup("#simDialect");
                dialect.setValue("kolla-2025.1");
                ((javafx.scene.control.Button) scene.lookup("#simApplyDialect")).fire();
            });
            steps.add(SWITCHED);
            steps.add(() -> shoot(scene, dir.resolve("simulation-dialect-refused.png")));
            steps.add(() -> ((javafx.scene.control.Button) scene.lookup("#simRecover")).fire());
            steps.add(SWITCHED); // the recovery restarts every node
            steps.add(() -> shoot(scene, dir.resolve("simulation-dialect-recovered.png")));
            steps.add(() -> {
                @SuppressWarnings("unchecked")
                javafx.scene.control.ComboBox<String> release = (javafx.scene.control.ComboBox<String>)
                        scene.lookup("#simRelease");
                release.setValue("4.3");
                ((javafx.scene.control.Button) scene.lookup("#simApplyRelease")).fire();
            });
            steps.add(SWITCHED); // the restart stops and starts every node
            steps.add(() -> shoot(scene, dir.resolve("simulation-release-4.3.png")));
            steps.add(() -> window.showLeftTab("RabbitMQ"));
            steps.add(() -> shoot(scene, dir.resolve("rabbitmq.png")));
            steps.add(() -> window.showLeftTab("Fire"));
            steps.add(() -> window.showGraphTab(1));
            steps.add(() -> shoot(scene, dir.resolve("fire-playground.png")));
            steps.add(() -> {
                for (TrafficRow r : window.traffic().rows()) {
                    if ("call".equals(r.kind()) && r.latency() != null) {
                        window.traffic().selectedProperty().set(r);
                        break;
                    }
                }
            });
            for (String tab : List.of("Routing", "Envelope", "JSON", "Properties", "Raw", "Flow")) {
                steps.add(() -> window.inspectorView().selectTab(tab));
                steps.add(() -> shoot(scene, dir.resolve("inspector-" + tab.toLowerCase() + ".png")));
            }
            steps.add(() -> {
                window.close();
                ctx.close();
                Platform.exit();
                System.exit(0);
            });
            runFrom(steps, 0, Duration.seconds(4));
        }

        /** Marks a step that waits until the simulation panel's switch (dialect, recovery, release) is done. */
        private static final Runnable SWITCHED = () -> { };

        /** Runs the steps one after another, 1.5 s apart; a {@link #SWITCHED} step waits for the switch. */
        private void runFrom(List<Runnable> steps, int i, Duration after) {
            if (i >= steps.size()) {
                return;
            }
            new Timeline(new KeyFrame(after, e -> {
                Runnable step = steps.get(i);
                if (step == SWITCHED && window.simulation().switchingProperty().get()) {
                    runFrom(steps, i, Duration.seconds(0.5));
                    return;
                }
                step.run();
                runFrom(steps, i + 1, Duration.seconds(1.5));
            })).play();
        }

        private static void shoot(Scene scene, Path file) {
            try {
                Screenshot.write(scene, file);
                System.out.println("wrote " + file);
            } catch (Exception e) {
                e.printStackTrace();
            }
        }
    }
}
