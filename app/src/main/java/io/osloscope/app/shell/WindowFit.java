package io.osloscope.app.shell;

/**
 * Where the window goes on the screen it opens on: never larger than that screen's visual bounds (the screen
 * less task bars and docks), and a remembered position moved back onto it. Plain arithmetic, no toolkit, so the
 * rule is testable without a display.
 */
public final class WindowFit {
    /** The size the window asks for on a screen large enough. */
    public static final double PREFERRED_WIDTH = 1600;
    public static final double PREFERRED_HEIGHT = 1000;
    /** Below this the window's panes no longer hold their texts; a smaller screen still gets the whole screen. */
    static final double MIN_WIDTH = 800;
    static final double MIN_HEIGHT = 500;

    private WindowFit() {
    }

    /** A rectangle in screen coordinates. */
    public record Box(double x, double y, double width, double height) {
    }

    /**
     * The window's bounds for {@code wanted} (remembered or preferred; NaN x/y: not remembered, centre it) on a
     * screen whose visual bounds are {@code screen}: width and height clamped to the screen, the position moved so
     * the whole window is on it.
     */
    public static Box fit(Box wanted, Box screen) {
        double w = clamp(valid(wanted.width(), PREFERRED_WIDTH), Math.min(MIN_WIDTH, screen.width()), screen.width());
        double h = clamp(valid(wanted.height(), PREFERRED_HEIGHT), Math.min(MIN_HEIGHT, screen.height()),
                screen.height());
        double x = Double.isNaN(wanted.x()) ? screen.x() + (screen.width() - w) / 2 : wanted.x();
        double y = Double.isNaN(wanted.y()) ? screen.y() + (screen.height() - h) / 2 : wanted.y();
        x = clamp(x, screen.x(), screen.x() + screen.width() - w);
        y = clamp(y, screen.y(), screen.y() + screen.height() - h);
        return new Box(x, y, w, h);
    }

    private static double valid(double v, double fallback) {
        return Double.isNaN(v) || v <= 0 ? fallback : v;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
