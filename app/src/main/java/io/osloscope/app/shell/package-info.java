/**
 * The main window: layout of the views ({@link io.osloscope.app.shell.MainWindow}), the status bar's
 * sampled counters, inline notifications, keyboard shortcuts and the remembered layout. FX thread.
 */
package io.osloscope.app.shell;
