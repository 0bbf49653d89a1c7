package io.osloscope.app.shell;

import javafx.application.Platform;
import javafx.scene.Scene;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Start-up timing, printed on stderr when {@code -Dosloscope.traceStartup=true}. Times count from the start of
 * the process (Linux {@code /proc}; elsewhere from the RuntimeMXBean start time, which is when the JVM finished
 * initialising) and also give the CPU time of the calling thread and of the whole process, since on a shared
 * machine wall time mostly measures the neighbours. "Frame rendered" means the render thread finished painting
 * the scene, not that a pulse began.
 */
public final class StartupTrace {
    private static final boolean ENABLED = Boolean.getBoolean("osloscope.traceStartup");
    private static final PrintStream OUT = System.err;

    private StartupTrace() {
    }

    public static boolean enabled() {
        return ENABLED;
    }

    /** Prints one milestone with the times since start; any thread. */
    public static void mark(String what) {
        if (ENABLED) {
            OUT.println("osloscope: " + what + " at " + sinceStart() + " ms (this thread CPU " + threadCpuMs()
                    + " ms, process CPU " + processCpuMs() + " ms)");
        }
    }

    /**
     * Reports the first frame of {@code scene} the render thread finishes, and the first frame finished after
     * {@code complete} was called; FX thread. Does nothing unless tracing.
     */
    public static FrameWatch watchFrames(Scene scene) {
        FrameWatch w = new FrameWatch(scene);
        if (ENABLED) {
            w.install();
        }
        return w;
    }

    /** Renders of one scene, seen from the render thread through JavaFX's own performance tracker. */
    public static final class FrameWatch {
        private final Scene scene;
        private final AtomicBoolean first = new AtomicBoolean();
        private final AtomicBoolean armed = new AtomicBoolean();
        private final AtomicBoolean done = new AtomicBoolean();
        private final Runnable onRendered = this::rendered;
        private volatile String completeWhat;

        private FrameWatch(Scene scene) {
            this.scene = scene;
        }

        private void install() {
            try {
                com.sun.javafx.perf.PerformanceTracker.getSceneTracker(scene).setOnRenderedFrameTask(onRendered);
            } catch (LinkageError e) {
                // NOTE(trace): JavaFX on the module path does not export com.sun.javafx.perf; fall back to pulses
                OUT.println("osloscope: cannot watch rendered frames (" + e + "); reporting pulses instead");
                scene.addPostLayoutPulseListener(onRendered);
            }
        }

        /**
         * Marks the window complete: the first frame rendered after the next layout pass is reported as
         * {@code what}; FX thread. NOTE(trace): a frame still painting from the pulse before could be taken
         * instead, an error of at most one frame, and only when layout took less time than painting.
         */
        public void complete(String what) {
            if (!ENABLED) {
                return;
            }
            completeWhat = what;
            mark(what + " (built; next rendered frame shows it)");
            Runnable arm = new Runnable() {
                @Override
                public void run() {
                    scene.removePostLayoutPulseListener(this);
                    armed.set(true);
                }
            };
            scene.addPostLayoutPulseListener(arm);
        }

        private void rendered() {
            if (first.compareAndSet(false, true)) {
                mark("first frame rendered");
                long jvmLag = sinceStart() - sinceJvmStart();
                OUT.println("osloscope: (times count from the process start; the RuntimeMXBean start time is "
                        + jvmLag + " ms later)");
                OUT.println("osloscope: CPU by thread so far: " + threadsByCpu());
            } else if (armed.get() && done.compareAndSet(false, true)) {
                mark(completeWhat + ": frame rendered");
                Platform.runLater(() -> {
                    try {
                        com.sun.javafx.perf.PerformanceTracker.releaseSceneTracker(scene);
                    } catch (LinkageError e) {
                        scene.removePostLayoutPulseListener(onRendered);
                    }
                });
            }
        }
    }

    /** Milliseconds since the process started: exact to the clock tick on Linux, else since the JVM started. */
    public static long sinceStart() {
        // NOTE(trace): read from /proc, not JMX, so that tracing does not load the management classes it measures
        String[] stat = procStat("/proc/self/stat");
        if (stat != null) {
            try {
                double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
                return Math.round(uptime * 1000 - ticksToMs(stat[19]));
            } catch (Exception e) {
                // fall through
            }
        }
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    private static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    private static long threadCpuMs() {
        String[] stat = procStat("/proc/thread-self/stat");
        if (stat != null) {
            return ticksToMs(stat[11]) + ticksToMs(stat[12]);
        }
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
    }

    private static long processCpuMs() {
        String[] stat = procStat("/proc/self/stat");
        if (stat != null) {
            return ticksToMs(stat[11]) + ticksToMs(stat[12]);
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1_000_000;
        }
        return -1;
    }

    /** The fields of a /proc stat file after the command name (field 3 is index 0), or null off Linux. */
    private static String[] procStat(String file) {
        try {
            String stat = Files.readString(Path.of(file));
            // NOTE(trace): the command name, in parentheses, may contain spaces
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The busiest threads of the process so far, "name ms" by CPU time, from {@code /proc/self/task}; threads of
     * a pool are added up under their common name (digits dropped). Empty off Linux.
     */
    static String threadsByCpu() {
        java.util.Map<String, Long> byName = new java.util.HashMap<>();
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String[] stat = procStat(task.resolve("stat").toString());
                if (stat == null) {
                    continue;
                }
                String name;
                try {
                    name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+$", "#");
                } catch (Exception e) {
                    continue;
                }
                byName.merge(name, ticksToMs(stat[11]) + ticksToMs(stat[12]), Long::sum);
            }
        } catch (Exception e) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        byName.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()));
        return b.toString();
    }

    /** Clock ticks (USER_HZ, 100 on every Linux the JDK runs on) to milliseconds. */
    private static long ticksToMs(String ticks) {
        return Long.parseLong(ticks) * 10;
    }
}
