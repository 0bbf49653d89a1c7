package io.osloscope.app;

import io.osloscope.app.cli.CliMain;
import io.osloscope.app.shell.StartupTrace;

import java.util.List;

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
        if (CliMain.handles(args)) {
            System.exit(CliMain.run(args, System.out, System.err));
        }
        AppOptions options = null;
        try {
            options = AppOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("osloscope: " + e.getMessage());
            System.exit(2);
        }
        // NOTE(perf): the simulated cluster needs no toolkit; it starts while JavaFX starts up, not after
        InspectorApp.startBackendEarly(options.computes());
        javafx.application.Application.launch(InspectorApp.class, args);
    }
}
