/**
 * The window's backend: {@link io.osloscope.app.backend.AppContext} holds the broker, its event hub, the fire and
 * simulation services the views use and an engine executor for one-shot work; {@link io.osloscope.app.backend.DefaultBackend}
 * starts the default one (memory://, a simulated nova). No JavaFX here: it is built on a background thread.
 */
package io.osloscope.app.backend;
