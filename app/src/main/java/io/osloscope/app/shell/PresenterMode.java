package io.osloscope.app.shell;

import io.osloscope.app.theme.ThemeSwitcher;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Presenter mode, for a projector (F5, the toolbar's presenter button, {@code --presenter}): larger fonts, the
 * high-contrast theme, the whole topology fitted in a taller pane, and deliveries in slow motion (the broker's own
 * speed control, a quarter of real time). Off again, the theme, the speed and the split come back as they were.
 * The window may still be starting: what needs the views or the cluster is applied when they are there. FX thread.
 */
public final class PresenterMode {
    /** Deliveries in presenter mode: a quarter of real time, so each hop can be followed on the screen. */
    public static final double SLOW_MOTION = 0.25;
    static final String STYLE_CLASS = "presenter";

    private final BooleanProperty on = new SimpleBooleanProperty();
    private final MainWindow window;
    private final ThemeSwitcher theme;
    private ThemeSwitcher.Theme themeBefore;
    private double speedBefore = 1;
    private double splitBefore;

    public PresenterMode(MainWindow window, ThemeSwitcher theme) {
        this.window = window;
        this.theme = theme;
        on.addListener((o, was, now) -> apply(now));
        window.whenComplete().thenAccept(w -> {
            if (on.get()) {
                applyToViews(true);
            }
        });
    }

    private void apply(boolean presenting) {
        if (presenting) {
            window.getRoot().getStyleClass().add(STYLE_CLASS);
            themeBefore = theme.themeProperty().get();
            theme.themeProperty().set(ThemeSwitcher.Theme.HIGH_CONTRAST);
            splitBefore = window.centerSplit();
            window.setCenterSplit(Math.max(splitBefore, 0.7));
        } else {
            window.setCenterSplit(splitBefore);
            window.getRoot().getStyleClass().remove(STYLE_CLASS);
            if (themeBefore != null) {
                theme.themeProperty().set(themeBefore);
            }
        }
        applyToViews(presenting);
    }

    /** The delivery speed: once the cluster is there. */
    private void applyToViews(boolean presenting) {
        if (window.simulation() != null) {
            var speed = window.simulation().speedProperty();
            if (presenting) {
                speedBefore = speed.get();
                speed.set(Math.min(speedBefore, SLOW_MOTION));
            } else {
                speed.set(speedBefore);
            }
        }
    }

    public void toggle() {
        on.set(!on.get());
    }

    public BooleanProperty onProperty() {
        return on;
    }
}
