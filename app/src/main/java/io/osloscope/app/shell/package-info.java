/**
 * The main window: the shell laid out in {@code MainWindow.fxml} with its controller, the views put in its slots
 * ({@link io.osloscope.app.shell.MainWindow}, after the first frame when the app starts), the status bar's sampled
 * counters, inline notifications, keyboard shortcuts, the remembered layout, and start-up helpers (class
 * preloading, timing trace). FX thread, except the preloading thread.
 */
package io.osloscope.app.shell;
