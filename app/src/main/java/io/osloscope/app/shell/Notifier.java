package io.osloscope.app.shell;

import javafx.application.Platform;
import org.controlsfx.control.NotificationPane;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Non-blocking error notifications: an inline banner over the main area, never a modal dialog. Any thread
 * may call {@link #error}; the banner is shown on the FX thread and hides itself after a while. Until a banner
 * pane is {@link #attach attached} notifications are logged and kept, and the newest is shown on attaching.
 */
public final class Notifier {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Notifier.class);
    private NotificationPane pane;
    private final PrintStream log;
    private final Deque<String> recent = new ArrayDeque<>();

    public Notifier(NotificationPane pane, PrintStream log) {
        this(log);
        attach(pane);
    }

    /** A notifier without a banner yet; see {@link #attach}. */
    public Notifier(PrintStream log) {
        this.log = log;
    }

    /** Shows the banners in {@code pane} from now on, starting with the newest notification so far; FX thread. */
    public void attach(NotificationPane pane) {
        this.pane = pane;
        String newest;
        synchronized (recent) {
            newest = recent.peekFirst();
        }
        if (newest != null) {
            display(newest);
        }
    }

    public void error(String what, Throwable error) {
        String text = what + ": " + (error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
        log.println("osloscope: " + text);
        LOG.warn("{}", text, error);
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
            if (pane != null) {
                display(text);
            }
        };
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    private void display(String text) {
        NotificationPane p = pane;
        p.show(text);
        javafx.animation.PauseTransition hide = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(6));
        hide.setOnFinished(e -> {
            if (text.equals(p.getText())) {
                p.hide();
            }
        });
        hide.play();
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
