package io.osloscope.app.shell;

import io.osloscope.app.fire.FireService;
import javafx.scene.input.KeyCombination;

import java.util.List;

/**
 * Something plugged into the window from outside the shell, such as sniffing a real broker: installed when the
 * shell is built, asked once for the fire panel's service, closed with the window. The shell never names a
 * feature's class, so features may depend on the shell and not the other way round. FX thread.
 */
public interface WindowFeature extends AutoCloseable {
    /** Adds the feature's tabs and toolbar; the shell's layout exists, its backend may not yet. */
    void install(MainWindow window);

    /** The fire panel's service, possibly wrapped around the simulation's {@code simulation} (default: unchanged). */
    default FireService fireService(FireService simulation) {
        return simulation;
    }

    /** The window's backend is up (FX thread); the feature may now use the simulated cloud. Default: nothing. */
    default void attached(io.osloscope.app.backend.AppContext ctx) {
    }

    /** A keyboard shortcut of the feature's own, installed with the window's ({@link Shortcuts}). */
    record Shortcut(KeyCombination key, String what, Runnable action) {
    }

    /** The feature's shortcuts (default none). */
    default List<Shortcut> shortcuts() {
        return List.of();
    }

    @Override
    void close();
}
