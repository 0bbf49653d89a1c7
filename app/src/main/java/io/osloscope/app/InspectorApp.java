package io.osloscope.app;

import io.osloscope.app.backend.AppContext;
import io.osloscope.app.backend.DefaultBackend;
import io.osloscope.app.fx.Views;
import io.osloscope.app.lesson.LessonFeature;
import io.osloscope.app.lesson.LessonScreenshots;
import io.osloscope.app.shell.LayoutStore;
import io.osloscope.app.shell.MainWindow;
import io.osloscope.app.shell.PresenterMode;
import io.osloscope.app.shell.WindowFit;
import io.osloscope.app.shell.WindowMenu;
import io.osloscope.app.shell.Screenshot;
import io.osloscope.app.shell.Shortcuts;
import io.osloscope.app.shell.StartupClasses;
import io.osloscope.app.shell.StartupTrace;
import io.osloscope.app.sniff.SniffFeature;
import io.osloscope.app.theme.CjkFont;
import io.osloscope.app.theme.ThemeSwitcher;
import io.osloscope.app.trace.TraceFeature;
import io.osloscope.app.traffic.TrafficRow;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
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
    private Locale language;

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
        boolean scripted = options.screenshot() != null || options.screenshotDir() != null;
        layout = scripted ? null : LayoutStore.forUser();
        language = windowLanguage(options, layout);
        // every view's texts come from its .properties in this language (ViewLoader), as do the lessons'
        Locale.setDefault(language);
        io.osloscope.app.fx.Texts.use(language);
        // NOTE(perf): the first frame shows the shell (toolbar, tabs, status bar), which needs no backend; the
        // simulated cluster starts once that frame is painted, and the views follow in the next pulses
        lessons = new LessonFeature(options.locale(), options.lesson());
        window = MainWindow.shell(new SniffFeature(), lessons, new TraceFeature());
        StartupTrace.mark("shell built");
        window.notifier().installAsDefaultHandler();

        CjkFont.styleClass(language, javafx.scene.text.Font.getFamilies())
                .ifPresent(c -> window.getRoot().getStyleClass().add(c));
        WindowFit.Box bounds = fitted(stage, options);
        Scene scene = new Scene(window.getRoot(), bounds.width(), bounds.height());
        theme = new ThemeSwitcher(scene, layout == null ? ThemeSwitcher.Theme.LIGHT
                : ThemeSwitcher.Theme.named(layout.get("theme", "LIGHT")));
        PresenterMode presenter = new PresenterMode(window, theme);
        Map<KeyCombination, String> keys = Shortcuts.install(scene, window, theme, presenter);
        WindowMenu.install(window, new WindowMenu.Actions(presenter, theme, AppOptions.LANGUAGES, language, this::chooseLanguage,
                () -> showShortcuts(keys), () -> {
                    save();
                    Platform.exit();
                }));
        stage.setTitle("Osloscope — " + DefaultBackend.URL);
        stage.setScene(scene);
        stage.setX(bounds.x());
        stage.setY(bounds.y());
        if (layout != null) {
            window.restoreLayout(layout);
            stage.setMaximized(layout.get("window.maximized", false));
        }
        presenter.onProperty().set(options.presenter());
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

    /**
     * The window's bounds: the remembered ones (or 1600x1000, centred), clamped to the visual bounds of the screen
     * the window opens on (the one holding the remembered position, else the primary), so nothing is off-screen.
     */
    private WindowFit.Box fitted(Stage stage, AppOptions options) {
        WindowFit.Box wanted = new WindowFit.Box(Double.NaN, Double.NaN, WindowFit.PREFERRED_WIDTH,
                WindowFit.PREFERRED_HEIGHT);
        if (options.width() > 0) {
            // --size WxH (lesson screenshots): that size, still never larger than the screen
            wanted = new WindowFit.Box(Double.NaN, Double.NaN, options.width(), options.height());
        } else if (layout != null) {
            wanted = new WindowFit.Box(layout.get("window.x", Double.NaN), layout.get("window.y", Double.NaN),
                    layout.get("window.w", WindowFit.PREFERRED_WIDTH), layout.get("window.h", WindowFit.PREFERRED_HEIGHT));
        }
        Screen screen = Screen.getPrimary();
        if (!Double.isNaN(wanted.x()) && !Double.isNaN(wanted.y())) {
            List<Screen> on = Screen.getScreensForRectangle(wanted.x(), wanted.y(), 1, 1);
            if (!on.isEmpty()) {
                screen = on.get(0);
            }
        }
        Rectangle2D v = screen.getVisualBounds();
        return WindowFit.fit(wanted, new WindowFit.Box(v.getMinX(), v.getMinY(), v.getWidth(), v.getHeight()));
    }

    /**
     * The window's language: {@code --lang}, else the one chosen in the View menu (remembered unless taking a
     * screenshot, {@code store} null), else the system's. The launcher sets it as the default locale before JavaFX
     * starts; {@link #start} again, for a launch that did not go through the launcher.
     */
    static Locale windowLanguage(AppOptions options, LayoutStore store) {
        if (options.lang() != null) {
            return options.lang();
        }
        String saved = store == null ? "" : store.get("lang", "");
        try {
            return saved.isEmpty() ? AppOptions.languageFor(Locale.getDefault()) : AppOptions.language(saved);
        } catch (IllegalArgumentException e) {
            return AppOptions.languageFor(Locale.getDefault());
        }
    }

    /** Help → Keyboard shortcuts: the list, in a window that does not block the main one. */
    private void showShortcuts(Map<KeyCombination, String> keys) {
        javafx.scene.control.Alert help = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION);
        help.initOwner(stage);
        help.setTitle("Osloscope");
        help.setHeaderText(ResourceBundle.getBundle("io.osloscope.app.shell.MainWindow", language).getString("menu.help.shortcuts"));
        help.setContentText(Shortcuts.describe(keys));
        help.getDialogPane().getStylesheets().setAll(ThemeSwitcher.stylesheets(theme.themeProperty().get()));
        help.show();
    }

    /** Remembers the language for the next start and says so in both: the views are built in one language. */
    private void chooseLanguage(Locale chosen) {
        if (layout != null) {
            layout.put("lang", chosen.toString());
            layout.flush();
        }
        if (!chosen.equals(language)) {
            window.notifier().info(ResourceBundle.getBundle("io.osloscope.app.shell.MainWindow", chosen)
                    .getString("language.restart"));
        }
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
                    int exit = Screenshot.writeReporting(scene, file);
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
