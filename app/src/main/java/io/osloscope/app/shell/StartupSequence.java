package io.osloscope.app.shell;

import io.osloscope.app.backend.AppContext;
import io.osloscope.app.fx.FxThread;
import javafx.application.Platform;
import javafx.scene.Scene;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The window's start-up order: groups of views put in one per pulse, after the first frame, so the user sees
 * the shell at once and the views appear in the order they matter; the backend asked for once that frame is
 * painted, and attached when it is up. The window decides what the groups are; this class only decides when
 * they run. FX thread.
 */
final class StartupSequence {
    private final MainWindow window;
    private final Consumer<AppContext> attach;
    private final Consumer<Throwable> failed;
    /** Groups of views still to put in their slots, in the order the user should see them appear. */
    private final Deque<Runnable> pending = new ArrayDeque<>();
    private final CompletableFuture<MainWindow> completed = new CompletableFuture<>();
    private Scene scene;
    private boolean building;
    private boolean attached;
    private boolean closed;

    /** {@code attach} takes the started backend (and queues the groups that need it); {@code failed} reports one that did not start. */
    StartupSequence(MainWindow window, Consumer<AppContext> attach, Consumer<Throwable> failed) {
        this.window = window;
        this.attach = attach;
        this.failed = failed;
    }

    /** Queues a group of views to put in after those already queued. */
    void add(Runnable group) {
        pending.add(group);
    }

    /** Attaches {@code ctx} and runs every group now, as in a window built in one go (tests, previews). */
    void runAllNow(AppContext ctx, Runnable... first) {
        attachBackend(ctx);
        for (int i = first.length - 1; i >= 0; i--) {
            pending.addFirst(first[i]);
        }
        while (!pending.isEmpty()) {
            pending.poll().run();
        }
        completed.complete(window);
    }

    /**
     * Completes the window once the scene's first frame is on its way to the screen: runs {@code banner}; a pulse
     * later, when the first frame has been painted, asks {@code backend} for the backend, which must start it off
     * the FX thread (the simulated cluster takes about half a second of CPU), and meanwhile runs {@code stream}.
     * When the backend is there it is attached and the remaining groups follow, one per pulse. The future
     * completes on the FX thread after the last group ran (its frame follows with the next pulse), or
     * exceptionally if the backend failed to start (reported through {@code failed}; the window stays usable for
     * a capture or a recording).
     */
    CompletableFuture<MainWindow> completeAfterFirstFrame(Scene scene, Supplier<CompletableFuture<AppContext>> backend,
                                                          Runnable banner, Runnable stream) {
        if (this.scene != null || completed.isDone()) {
            return completed;
        }
        this.scene = scene;
        pending.add(banner);
        // NOTE(perf): this group runs after the pulse that waited for the first frame to be painted, so the
        // cluster's start-up uses the other core while the FX thread builds the stream, not while it paints
        pending.add(() -> {
            backend.get().whenCompleteAsync(this::backendStarted, FxThread.executor());
            stream.run();
        });
        building = true;
        afterNextLayout(scene, this::buildNext);
        return completed;
    }

    CompletableFuture<MainWindow> completed() {
        return completed;
    }

    void close() {
        closed = true;
    }

    private void attachBackend(AppContext ctx) {
        attach.accept(ctx);
        attached = true;
    }

    /** FX thread. The backend stays its starter's to close, also when the window was closed before it came. */
    private void backendStarted(AppContext started, Throwable failure) {
        if (closed) {
            return;
        }
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            failed.accept(cause);
            completed.completeExceptionally(cause);
            return;
        }
        attachBackend(started);
        if (!building) {
            building = true;
            afterNextLayout(scene, this::buildNext);
        }
    }

    private void buildNext() {
        if (closed) {
            return;
        }
        Runnable next = pending.poll();
        if (next != null) {
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                completed.completeExceptionally(e);
                throw e;
            }
        }
        if (!pending.isEmpty()) {
            afterNextLayout(scene, this::buildNext);
        } else if (attached) {
            completed.complete(window);
        } else {
            // NOTE(startup): the backend is still starting; backendStarted() goes on from here
            building = false;
        }
    }

    /** Runs {@code r} on the FX thread right after the next pulse of {@code scene} has laid it out. */
    private static void afterNextLayout(Scene scene, Runnable r) {
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                // NOTE(perf): not run inside the pulse, so this pulse's frame is synced and painted first
                Platform.runLater(r);
            }
        });
        Platform.requestNextPulse();
    }
}
