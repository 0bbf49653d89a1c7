package io.osloscope.app;

import io.osloscope.app.cli.CliMain;

/**
 * Entry point of the jar and of {@code mvn javafx:run}. Not an {@code Application} subclass, so the
 * JavaFX launcher check does not trip on the class path. A first argument naming a command
 * runs the command line; anything else opens the window.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (CliMain.handles(args)) {
            System.exit(CliMain.run(args, System.out, System.err));
        }
        javafx.application.Application.launch(InspectorApp.class, args);
    }
}
