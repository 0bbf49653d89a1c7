package io.osloscope.app.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code startup-classes.txt} (see {@link StartupClasses}) from a class-load log of one start-up: the
 * classes the FX thread and the render thread loaded, in order, up to a time. Run after
 * {@code mvn -pl app -am package}:
 * <pre>
 * xvfb-run -a -s '-screen 0 1600x1000x24' java -Xlog:class+load=info:file=/tmp/cl.txt:uptime,tid \
 *     -Dosloscope.preload=false -Dosloscope.traceStartup=true -jar app/target/osloscope.jar --screenshot /tmp/s.png
 * java -cp app/target/test-classes io.osloscope.app.shell.StartupClassList /tmp/cl.txt SECONDS \
 *     &gt; app/src/main/resources/io/osloscope/app/shell/startup-classes.txt
 * </pre>
 * where SECONDS is the trace's "first frame rendered" time in JVM uptime: the time printed less the "RuntimeMXBean
 * start time is N ms later" the trace prints after it. Classes needed only after the first frame are left out:
 * loading them early would take the second core from the first frame.
 * The log must be taken with the preloader off: with it on, the preloader thread loads most of these classes
 * and the FX thread's list comes out short.
 */
public final class StartupClassList {
    private static final Pattern LINE = Pattern.compile("\\[(\\d+\\.\\d+)s]\\[(\\d+)] (\\S+) source: (.*)");
    /** The FX thread is the one that loads the shell. */
    private static final String FX_MARKER = "io.osloscope.app.shell.MainWindow";
    /** The render thread is the one that loads Prism's graphics interface, whichever pipeline it runs. */
    private static final String RENDER_MARKER = "com.sun.prism.Graphics";

    private StartupClassList() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: StartupClassList CLASS_LOAD_LOG [UNTIL_SECONDS]");
            System.exit(2);
        }
        double until = args.length > 1 ? Double.parseDouble(args[1]) : Double.MAX_VALUE;
        List<String> names = fxThreadClasses(Files.readAllLines(Path.of(args[0])), until);
        System.out.println("# Classes the FX and render threads load until the first frame, in order; preloaded by");
        System.out.println("# StartupClasses. Written by StartupClassList (test sources), which says how.");
        names.forEach(System.out::println);
    }

    static List<String> fxThreadClasses(List<String> log, double until) {
        record Load(double at, String thread, String name, String source) {
        }
        List<Load> loads = new ArrayList<>();
        String fx = null;
        String render = null;
        for (String line : log) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                Load l = new Load(Double.parseDouble(m.group(1)), m.group(2), m.group(3), m.group(4));
                loads.add(l);
                if (fx == null && l.name().equals(FX_MARKER)) {
                    fx = l.thread();
                }
                if (render == null && l.name().equals(RENDER_MARKER)) {
                    render = l.thread();
                }
            }
        }
        if (fx == null) {
            throw new IllegalArgumentException("no thread loaded " + FX_MARKER + ": not a log of the window's start-up");
        }
        Set<String> out = new LinkedHashSet<>();
        for (Load l : loads) {
            // NOTE(perf): hidden classes (lambdas, lambda forms) cannot be loaded by name; CDS classes cost nothing
            if ((l.thread().equals(fx) || l.thread().equals(render)) && l.at() <= until && !l.name().contains("$$Lambda")
                    && !l.name().contains("LambdaForm$") && !l.name().contains("/0x")
                    && !l.source().contains("shared objects file") && !l.source().startsWith("__")) {
                out.add(l.name());
            }
        }
        return new ArrayList<>(out);
    }
}
