package io.osloscope.app.shell;

import javafx.application.Platform;
import org.controlsfx.control.NotificationPane;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Non-blocking error notifications: an inline banner over the main area, never a modal dialog. Any thread
 * may call {@link #error}; the banner is shown on the FX thread and hides itself after a while.
 */
public final class Notifier {
    private final NotificationPane pane;
    private final PrintStream log;
    private final Deque<String> recent = new ArrayDeque<>();

    public Notifier(NotificationPane pane, PrintStream log) {
        this.pane = pane;
        this.log = log;
    }

    public void error(String what, Throwable error) {
        String text = what + ": " + (error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
        log.println("osloscope: " + text);
        show("✘ " + text);
    }

    public void info(String text) {
        show(text);
    }

    private void show(String text) {
        Runnable r = () -> {
            synchronized (recent) {
                recent.addFirst(text);
                while (recent.size() > 20) {
                    recent.removeLast();
                }
            }
            pane.show(text);
            javafx.animation.PauseTransition hide = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(6));
            hide.setOnFinished(e -> {
                if (text.equals(pane.getText())) {
                    pane.hide();
                }
            });
            hide.play();
        };
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    /** The last notifications, newest first. */
    public java.util.List<String> recent() {
        synchronized (recent) {
            return java.util.List.copyOf(recent);
        }
    }

    /** Installs a default uncaught-exception handler that logs and notifies instead of dying silently. */
    public void installAsDefaultHandler() {
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            e.printStackTrace(log);
            error("Unexpected error in " + t.getName(), e);
        });
    }
}
