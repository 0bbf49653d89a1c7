package io.osloscope.app;

import io.osloscope.app.backend.AppContext;
import io.osloscope.app.backend.DefaultBackend;
import io.osloscope.app.fx.Views;
import io.osloscope.app.lesson.LessonFeature;
import io.osloscope.app.lesson.LessonScreenshots;
import io.osloscope.app.shell.LayoutStore;
import io.osloscope.app.shell.MainWindow;
import io.osloscope.app.shell.Screenshot;
import io.osloscope.app.shell.Shortcuts;
import io.osloscope.app.shell.StartupClasses;
import io.osloscope.app.shell.StartupTrace;
import io.osloscope.app.sniff.SniffFeature;
import io.osloscope.app.theme.ThemeSwitcher;
import io.osloscope.app.trace.TraceFeature;
import io.osloscope.app.traffic.TrafficRow;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The inspector window on {@code memory://} with the default simulated cluster. Options ({@link AppOptions}):
 * {@code --screenshot FILE} (run a start_instance, write a PNG of the window, exit), {@code --computes N} (default 3);
 * {@code --lesson ID|FILE} (opens a lesson; with {@code --screenshot-dir DIR} writes a PNG per step and exits),
 * {@code --size WxH}, {@code --lang LANG}; {@code --open FILE.jsonl} shows a recording and {@code --connect URL}
 * (or {@code --config FILE}) a RabbitMQ's capture once the window is up, and with {@code --screenshot} the PNG shows
 * that source's Trace tab.
 */
public final class InspectorApp extends Application {
    /** The default backend, starting or started; null before {@link #start}. */
    private CompletableFuture<AppContext> backend;
    private MainWindow window;
    private LayoutStore layout;
    private ThemeSwitcher theme;
    private Stage stage;
    private LessonFeature lessons;

    /**
     * Starts the default backend on a new daemon thread; returns at once. Its failure completes the future
     * exceptionally (the window shows it); it never reaches the FX thread as an uncaught exception.
     */
    static CompletableFuture<AppContext> startBackend(int computes) {
        CompletableFuture<AppContext> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            StartupTrace.mark("starting the cluster (background thread)");
            // NOTE(perf): the first log line sets logback up, on this thread rather than before the first frame
            org.slf4j.LoggerFactory.getLogger(InspectorApp.class).info("window on {} with {} computes; log file {}",
                    DefaultBackend.URL, computes, io.osloscope.app.log.LogSetup.logFile());
            try {
                f.complete(DefaultBackend.start(computes));
                StartupTrace.mark("cluster started (background thread)");
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
            }
        }, "osloscope-backend-start");
        t.setDaemon(true);
        t.start();
        return f;
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        StartupTrace.mark("start() entered");
        // NOTE(perf): started by the launcher already, unless the application was launched some other way
        StartupClasses.preloadInBackground();
        AppOptions options = AppOptions.parse(getParameters().getRaw());
        if (options.lang() != null) {
            // --lang: the views' texts (bundles per locale) and the lessons follow it
            java.util.Locale.setDefault(options.lang());
        }
        // NOTE(perf): the first frame shows the shell (toolbar, tabs, status bar), which needs no backend; the
        // simulated cluster starts once that frame is painted, and the views follow in the next pulses
        lessons = new LessonFeature(options.locale(), options.lesson());
        window = MainWindow.shell(new SniffFeature(), lessons, new TraceFeature());
        StartupTrace.mark("shell built");
        window.notifier().installAsDefaultHandler();
        boolean scripted = options.screenshot() != null || options.screenshotDir() != null;
        layout = scripted ? null : LayoutStore.forUser();

        Scene scene = new Scene(window.getRoot(), options.width() > 0 ? options.width() : 1600,
                options.height() > 0 ? options.height() : 1000);
        theme = new ThemeSwitcher(scene, layout == null ? ThemeSwitcher.Theme.LIGHT
                : ThemeSwitcher.Theme.valueOf(layout.get("theme", "LIGHT")));
        Shortcuts.install(scene, window, theme);
        stage.setTitle("Osloscope — " + DefaultBackend.URL);
        stage.setScene(scene);
        if (layout != null) {
            restore(stage);
        }
        stage.setOnCloseRequest(e -> save());
        StartupTrace.FrameWatch frames = StartupTrace.watchFrames(scene);
        stage.show();
        StartupTrace.mark("shown");
        window.completeAfterFirstFrame(scene, () -> backend = startBackend(options.computes()))
                .whenComplete((w, failure) -> {
                    if (failure != null) {
                        // NOTE(startup): the window has shown it; without the cluster a screenshot cannot be taken
                        if (scripted) {
                            stop();
                            Platform.exit();
                            System.exit(1);
                        }
                        return;
                    }
                    frames.complete("window complete");
                    if (options.screenshotDir() != null) {
                        new LessonScreenshots(scene, window, lessons, options.screenshotDir(), this::exit).run();
                    } else if (options.open() != null || options.sniffing()) {
                        SourceOnStart.show(window, options, scene, code -> {
                            stop();
                            Platform.exit();
                            System.exit(code);
                        });
                    } else if (options.screenshot() != null) {
                        screenshotRun(scene, options.screenshot());
                    }
                });
    }

    private void restore(Stage stage) {
        double w = layout.get("window.w", 1600);
        double h = layout.get("window.h", 1000);
        stage.setWidth(w);
        stage.setHeight(h);
        double x = layout.get("window.x", Double.NaN);
        double y = layout.get("window.y", Double.NaN);
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            stage.setX(x);
            stage.setY(y);
        }
        stage.setMaximized(layout.get("window.maximized", false));
        window.restoreLayout(layout);
    }

    private void save() {
        if (layout == null || stage == null) {
            return;
        }
        layout.put("window.maximized", stage.isMaximized());
        if (!stage.isMaximized()) {
            layout.put("window.x", stage.getX());
            layout.put("window.y", stage.getY());
            layout.put("window.w", stage.getWidth());
            layout.put("window.h", stage.getHeight());
        }
        layout.put("theme", theme.themeProperty().get().name());
        window.saveLayout(layout);
        layout.flush();
    }

    /** Fires start_instance from the fire panel, selects its message, writes the PNG and exits. */
    private void screenshotRun(Scene scene, Path file) {
        window.showLeftTab(Views.FIRE);
        PauseTransition settle = new PauseTransition(Duration.seconds(1.5));
        settle.setOnFinished(e -> {
            window.fire().selectMethod("start_instance");
            String requestId = window.fire().fire();
            long deadline = System.currentTimeMillis() + 10_000;
            waitFor(() -> pick(requestId), deadline, () -> {
                PauseTransition shoot = new PauseTransition(Duration.seconds(1.5));
                shoot.setOnFinished(x -> {
                    int code = 0;
                    try {
                        Screenshot.write(scene, file);
                        System.out.println("osloscope: wrote " + file.toAbsolutePath());
                    } catch (Exception ex) {
                        System.err.println("osloscope: screenshot failed: " + ex.getMessage());
                        code = 1;
                    }
                    int exit = code;
                    stop();
                    Platform.exit();
                    System.exit(exit);
                });
                shoot.play();
            });
        });
        settle.play();
    }

    private boolean pick(String requestId) {
        List<TrafficRow> flow = window.traffic().flowOf(requestId);
        for (TrafficRow r : flow) {
            if ("start_instance".equals(r.method()) && !r.kind().equals("reply") && r.routed() != null
                    && !r.deliveries().isEmpty()) {
                window.traffic().selectedProperty().set(r);
                return true;
            }
        }
        return false;
    }

    private static void waitFor(java.util.function.BooleanSupplier done, long deadline, Runnable then) {
        if (done.getAsBoolean() || System.currentTimeMillis() > deadline) {
            then.run();
            return;
        }
        PauseTransition p = new PauseTransition(Duration.millis(200));
        p.setOnFinished(e -> waitFor(done, deadline, then));
        p.play();
    }

    private void exit(int code) {
        stop();
        Platform.exit();
        System.exit(code);
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        if (backend != null) {
            // NOTE(startup): a cluster still starting is closed when it is up (or dies with the JVM, daemon threads)
            backend.thenAccept(AppContext::close);
        }
    }
}
