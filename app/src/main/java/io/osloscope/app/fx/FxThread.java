package io.osloscope.app.fx;

import javafx.application.Platform;

import java.util.concurrent.Executor;

/** The FX application thread as an {@link Executor}, plus an assertion for FX-confined code. */
public final class FxThread {
    private static final Executor EXECUTOR = Platform::runLater;

    private FxThread() {
    }

    /** Runs work on the FX thread later ({@code Platform.runLater}). */
    public static Executor executor() {
        return EXECUTOR;
    }

    /** Throws when called off the FX thread; guards methods whose names start with {@code fx}. */
    public static void requireFxThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("must run on the FX thread, not " + Thread.currentThread().getName());
        }
    }
}
