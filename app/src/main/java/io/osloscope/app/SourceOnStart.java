package io.osloscope.app;

import io.osloscope.app.fx.Views;
import io.osloscope.app.shell.MainWindow;
import io.osloscope.app.shell.Screenshot;
import io.osloscope.app.sniff.SniffFeature;
import io.osloscope.app.sniff.SniffViewModel;
import io.osloscope.app.trace.TraceFeature;
import io.osloscope.engine.sniff.SnifferOptions;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The source the command line asked the window to show: {@code --open FILE.jsonl} (a recording) or
 * {@code --connect URL} / {@code --config FILE} (a RabbitMQ's capture), shown once the window is complete. With
 * {@code --screenshot FILE} the RabbitMQ panel and the Trace tab are selected with the request of most messages, the PNG written and the
 * program ends: 0 when written, 1 when the source could not be shown (one line on stderr). FX thread.
 */
final class SourceOnStart {
    /** How long a live capture runs before its screenshot. */
    static final Duration CAPTURE_BEFORE_SCREENSHOT = Duration.seconds(5);

    private SourceOnStart() {
    }

    /**
     * Shows the source of {@code options}; with a screenshot, {@code exit} gets the exit code once the PNG is written
     * (or the source failed).
     */
    static void show(MainWindow window, AppOptions options, Scene scene, java.util.function.IntConsumer exit) {
        SniffFeature sniff = window.feature(SniffFeature.class);
        SniffViewModel vm = sniff.viewModel();
        CompletableFuture<?> shown;
        if (options.open() != null) {
            shown = vm.openRecording(options.open()).thenRun(() -> {
                if (vm.problemProperty().get() != null) {
                    throw new IllegalStateException(vm.problemProperty().get());
                }
            });
        } else {
            SnifferOptions sniffer;
            try {
                sniffer = options.snifferOptions();
            } catch (IllegalArgumentException e) {
                failed(options, "osloscope: " + e.getMessage(), exit);
                return;
            }
            shown = vm.connect(sniffer);
        }
        window.showGraphTab(Views.TRACE.title());
        // the source's own panel (mode, health hints, reply queues) rather than the simulation's controls
        window.showLeftTab(SniffFeature.TAB_TITLE);
        shown.whenComplete((v, e) -> Platform.runLater(() -> {
            if (e != null) {
                String line = vm.problemProperty().get() != null ? vm.problemProperty().get()
                        : e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                failed(options, "osloscope: " + line, exit);
                return;
            }
            if (options.screenshot() != null) {
                Duration settle = options.open() != null ? Duration.seconds(1.5) : CAPTURE_BEFORE_SCREENSHOT;
                PauseTransition wait = new PauseTransition(settle);
                wait.setOnFinished(x -> shoot(window, scene, options.screenshot(), exit));
                wait.play();
            }
        }));
    }

    private static void shoot(MainWindow window, Scene scene, Path file, java.util.function.IntConsumer exit) {
        TraceFeature trace = window.feature(TraceFeature.class);
        trace.model().refresh();
        trace.model().requests().stream().max(java.util.Comparator.comparingInt(r -> r.hops()))
                .ifPresent(r -> trace.model().selectedRequestProperty().set(r.requestId()));
        PauseTransition layout = new PauseTransition(Duration.seconds(0.8));
        layout.setOnFinished(e -> {
            exit.accept(Screenshot.writeReporting(scene, file));
        });
        layout.play();
    }

    private static void failed(AppOptions options, String line, java.util.function.IntConsumer exit) {
        System.err.println(line);
        if (options.screenshot() != null) {
            exit.accept(1);
        }
    }
}
