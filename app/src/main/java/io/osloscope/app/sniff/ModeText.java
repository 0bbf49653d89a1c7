package io.osloscope.app.sniff;

import io.osloscope.engine.sniff.CaptureMode;

/** The words the status bar and the sniff panel use for the active source; one place, so they agree. */
public final class ModeText {
    /** What the window shows while no broker is connected. */
    public static final String SIMULATION = io.osloscope.app.shell.MainWindow.SIMULATION;

    private ModeText() {
    }

    /** {@code rabbit://… tap — replies not visible} or {@code rabbit://… firehose ON}. */
    public static String live(String connectionId, CaptureMode mode) {
        return connectionId + " " + switch (mode) {
            case TAP -> "tap — replies not visible";
            case FIREHOSE -> "firehose ON";
        };
    }

    /** The plain sentence shown under the indicator: what the mode costs and what it cannot see. */
    public static String explain(CaptureMode mode) {
        return switch (mode) {
            case TAP -> "Tap mode: " + mode.cost() + ". It cannot see replies: " + mode.blindSpot() + ".";
            case FIREHOSE -> "Firehose mode: " + mode.cost() + ". Tracing is switched off again when capture stops "
                    + "or the program exits; " + mode.blindSpot() + ".";
        };
    }
}
