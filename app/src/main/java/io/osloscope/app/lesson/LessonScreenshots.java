package io.osloscope.app.lesson;

import io.osloscope.app.fx.Views;
import io.osloscope.app.shell.MainWindow;
import io.osloscope.app.shell.Screenshot;
import io.osloscope.sim.lesson.Lesson;
import io.osloscope.sim.lesson.LessonRunner;
import javafx.animation.PauseTransition;
import javafx.scene.Scene;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * {@code --lesson ID --screenshot-dir DIR}: plays the open lesson step by step in the window and writes each step as
 * {@code step-01.png}, {@code step-02.png}, ... once its checkpoint is reached (or missed) and the view has settled.
 * Ends with {@code done} 0 when every step was written and reached its checkpoint, 1 otherwise (one line per
 * problem on stderr). FX thread.
 */
public final class LessonScreenshots {
    private static final Duration SETTLE = Duration.millis(1500);
    private static final long STEP_AT_MOST_MS = 90_000;

    private final Scene scene;
    private final MainWindow window;
    private final LessonViewModel model;
    private final Path dir;
    private final IntConsumer done;
    private final List<String> problems = new ArrayList<>();

    public LessonScreenshots(Scene scene, MainWindow window, LessonFeature lessons, Path dir, IntConsumer done) {
        this.scene = scene;
        this.window = window;
        this.model = lessons.model();
        this.dir = dir;
        this.done = done;
    }

    public void run() {
        window.showLeftTab(Views.LESSON);
        window.showGraphTab(0);
        Lesson lesson = model.lessonProperty().get();
        if (lesson == null) {
            System.err.println("osloscope: " + (model.problemProperty().get().isEmpty() ? "no lesson open"
                    : model.problemProperty().get()));
            done.accept(2);
            return;
        }
        shoot(0, lesson.steps().size());
    }

    private void shoot(int i, int steps) {
        long deadline = System.currentTimeMillis() + STEP_AT_MOST_MS;
        waitFor(() -> model.outcome(i) != null && !model.playingProperty().get(), deadline, () -> pause(SETTLE, () -> {
            LessonRunner.Outcome o = model.outcome(i);
            if (o == null) {
                problems.add("step " + (i + 1) + ": did not finish within " + STEP_AT_MOST_MS / 1000 + " s");
            } else if (!o.reached()) {
                problems.add("step " + (i + 1) + ": " + o.seen());
            }
            Path file = dir.resolve(String.format("step-%02d.png", i + 1));
            try {
                Screenshot.write(scene, file);
                System.out.println("osloscope: wrote " + file.toAbsolutePath());
            } catch (Exception e) {
                problems.add(file + ": " + e.getMessage());
            }
            if (i + 1 < steps) {
                model.next();
                shoot(i + 1, steps);
            } else {
                problems.forEach(p -> System.err.println("osloscope: " + p));
                done.accept(problems.isEmpty() ? 0 : 1);
            }
        }));
    }

    private static void pause(Duration d, Runnable then) {
        PauseTransition p = new PauseTransition(d);
        p.setOnFinished(e -> then.run());
        p.play();
    }

    private static void waitFor(BooleanSupplier ready, long deadline, Runnable then) {
        if (ready.getAsBoolean() || System.currentTimeMillis() > deadline) {
            then.run();
            return;
        }
        pause(Duration.millis(100), () -> waitFor(ready, deadline, then));
    }
}
