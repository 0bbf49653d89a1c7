package io.osloscope.app.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Loads, on a background thread, the classes the FX and render threads need for the window's first frame, in the
 * order they need them, so that while JavaFX starts and the FX thread builds the shell the other core reads,
 * defines and verifies them. Classes are not
 * initialised here (no static initialiser runs off the FX thread); a name that no longer exists is skipped, so a
 * stale list only costs its benefit. The list, {@code startup-classes.txt} beside this class, is written by
 * {@code StartupClassList} (test sources) from a {@code -Xlog:class+load} trace of a start-up.
 */
public final class StartupClasses {
    static final String LIST = "startup-classes.txt";
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private StartupClasses() {
    }

    /**
     * Starts the preloading daemon thread, unless {@code -Dosloscope.preload=false} or it was started before;
     * returns at once. The launcher calls it before JavaFX starts, which gives the thread a head start of the
     * toolkit's start-up.
     */
    public static void preloadInBackground() {
        if (!Boolean.parseBoolean(System.getProperty("osloscope.preload", "true")) || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(StartupClasses::preload, "osloscope-preload");
        t.setDaemon(true);
        t.start();
    }

    private static void preload() {
        ClassLoader loader = StartupClasses.class.getClassLoader();
        int loaded = 0;
        for (String name : names()) {
            try {
                // NOTE(perf): reflecting on the constructors links (verifies) the class without initialising it
                Class.forName(name, false, loader).getDeclaredConstructors();
                loaded++;
            } catch (ClassNotFoundException | LinkageError | SecurityException e) {
                // stale entry: the FX thread will not need it either
            }
        }
        StartupTrace.mark("preloaded " + loaded + " classes (background thread)");
    }

    /** The class names of the list, in order; empty if the list is missing. */
    static List<String> names() {
        List<String> out = new ArrayList<>();
        InputStream in = StartupClasses.class.getResourceAsStream(LIST);
        if (in == null) {
            return out;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    out.add(line);
                }
            }
        } catch (IOException e) {
            // NOTE(perf): preloading is an optimisation only; the window starts without it
        }
        return out;
    }
}
