package io.osloscope.app;

import io.osloscope.app.cli.CliMain;
import io.osloscope.app.log.LogSetup;
import io.osloscope.app.shell.StartupClasses;
import io.osloscope.app.shell.StartupTrace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Entry point of the jar and of {@code mvn javafx:run}. Not an {@code Application} subclass, so the
 * JavaFX launcher check does not trip on the class path. A first argument naming a command
 * runs the command line; anything else opens the window ({@link AppOptions}).
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        StartupTrace.mark("main entered");
        String[] window = withoutVerbose(args);
        // NOTE(perf): the window's arguments are checked first: building the command line (picocli and every
        // command) loads hundreds of classes on this thread before JavaFX or the cluster can start. No command line
        // is also valid window options (see AppOptions), so the outcome is the same.
        AppOptions options;
        try {
            options = AppOptions.parse(List.of(window));
        } catch (IllegalArgumentException e) {
            if (CliMain.handles(window)) {
                // the command line takes --verbose/-v itself, as an option of every command
                System.exit(CliMain.run(args, System.out, System.err));
            }
            System.err.println("osloscope: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (window.length != args.length) {
            LogSetup.verbose();
        }
        if (options.screenshotDir() != null) {
            // a lesson that cannot be read is one line before any window opens
            try {
                io.osloscope.sim.lesson.LessonLoader.resolve(options.lesson(), options.locale());
            } catch (io.osloscope.sim.lesson.LessonException e) {
                System.err.println("osloscope: " + e.getMessage());
                System.exit(2);
                return;
            }
        }
        java.util.Optional<String> natives = NativesCheck.mismatch(System.getProperty("os.name", ""),
                System.getProperty("os.arch", ""));
        if (natives.isPresent()) {
            System.err.println("osloscope: " + natives.get());
            System.exit(2);
            return;
        }
        softwareRenderingWithoutGpu();
        // NOTE(i18n): before JavaFX starts, so the toolkit's font set-up already sees the window's language
        java.util.Locale.setDefault(InspectorApp.windowLanguage(options,
                options.screenshot() == null ? io.osloscope.app.shell.LayoutStore.forUser() : null));
        // NOTE(perf): the classes of the first frame load on the other core while JavaFX starts on this one
        StartupClasses.preloadInBackground();
        javafx.application.Application.launch(InspectorApp.class, window);
    }

    /**
     * The arguments without {@code --verbose} and {@code -v}, wherever they stand: the global option of the window
     * and of every command (the log also goes to stderr, at DEBUG for Osloscope's loggers, {@link LogSetup#verbose()}).
     * The window's options and the choice between window and command line are decided on the rest.
     */
    static String[] withoutVerbose(String[] args) {
        List<String> rest = new java.util.ArrayList<>(List.of(args));
        rest.removeIf(a -> a.equals("--verbose") || a.equals("-v"));
        return rest.toArray(String[]::new);
    }

    /**
     * On Linux without a GPU device (no /dev/dri, no NVIDIA device: a VM, a container, Xvfb), OpenGL can only be
     * Mesa's software renderer, which Prism's es2 hardware check rejects after loading it; JavaFX then falls back
     * to its software pipeline anyway. Going there directly saves that probe at start-up. An explicit
     * {@code -Dprism.order} wins; machines with a GPU keep JavaFX's own choice.
     */
    static void softwareRenderingWithoutGpu() {
        if (System.getProperty("prism.order") == null && noGpuDevice(System.getProperty("os.name", ""), Path.of("/dev"))) {
            System.setProperty("prism.order", "sw");
        }
    }

    static boolean noGpuDevice(String osName, Path dev) {
        return osName.toLowerCase(Locale.ROOT).startsWith("linux") && Files.isDirectory(dev)
                && !Files.exists(dev.resolve("dri")) && !Files.exists(dev.resolve("nvidiactl"))
                && !Files.exists(dev.resolve("nvidia0"));
    }
}
