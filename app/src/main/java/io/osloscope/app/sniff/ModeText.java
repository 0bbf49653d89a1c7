package io.osloscope.app.sniff;

import io.osloscope.engine.sniff.CaptureMode;

/** The words the status bar and the sniff panel use for the active source; one place, so they agree. */
public final class ModeText {
    /** What the window shows while no broker is connected ({@code memory:// simulation}), in its language. */
    public static String simulation() {
        return io.osloscope.app.fx.Texts.of("io.osloscope.app.shell.MainWindow").get("mode.simulation");
    }

    private ModeText() {
    }

    /** {@code rabbit://… tap — replies not visible} or {@code rabbit://… firehose ON}. */
    public static String live(String connectionId, CaptureMode mode) {
        return connectionId + " " + texts().get("mode.live." + mode.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The plain sentence shown under the indicator: what the mode costs and what it cannot see. In English the
     * engine's own sentences ({@link CaptureMode#cost()}, {@link CaptureMode#blindSpot()}); another language has
     * them translated beside the view's other texts.
     */
    public static String explain(CaptureMode mode) {
        io.osloscope.app.fx.Texts t = texts();
        String m = mode.name().toLowerCase(java.util.Locale.ROOT);
        io.osloscope.app.fx.Texts modes = io.osloscope.app.fx.Texts.of("io.osloscope.app.sniff.CaptureModes");
        String cost = modes.getOr("mode.cost." + m, mode.cost());
        String blind = modes.getOr("mode.blind." + m, mode.blindSpot());
        return t.get("mode.explain." + m, cost, blind);
    }

    private static io.osloscope.app.fx.Texts texts() {
        return io.osloscope.app.fx.Texts.of("io.osloscope.app.shell.MainWindow");
    }
}
