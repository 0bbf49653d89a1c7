/**
 * The program's entry and the window's application: {@link io.osloscope.app.Launcher} (the jar's main class:
 * {@code --verbose}, then the command line or the window), {@link io.osloscope.app.AppOptions} (the window's
 * options) and {@link io.osloscope.app.InspectorApp} (the JavaFX application: builds the shell with its features,
 * starts the backend after the first frame, remembers the layout, takes the {@code --screenshot}).
 *
 * <p>Package dependencies point one way: this package → {@code shell} → the views ({@code fire}, {@code traffic},
 * {@code message}, ...) → {@code fx}, {@code theme}; features such as {@code sniff} depend on {@code shell}, never
 * the reverse; {@code backend} is the composition root of the engine side.
 */
package io.osloscope.app;
