/**
 * The main window, split by responsibility: {@link io.osloscope.app.shell.MainWindow} assembles it (the shell laid
 * out in {@code MainWindow.fxml} with its controller, the view models, the views put in their slots);
 * {@link io.osloscope.app.shell.StartupSequence} decides when (the shell in the first frame, the backend started
 * once that frame is painted, the views one group per pulse); {@link io.osloscope.app.shell.SourceSwitcher} decides
 * what the live views show (the simulation, or a capture or recording). Features from outside the shell (sniffing a
 * real broker) plug in as {@link io.osloscope.app.shell.WindowFeature}s, so the shell never depends on them. Also
 * here: the status bar's sampled counters, inline notifications, keyboard shortcuts, the remembered layout, and
 * start-up helpers (class preloading, timing trace). FX thread, except the preloading thread. The index of the
 * views is {@link io.osloscope.app.fx.Views}.
 */
package io.osloscope.app.shell;
