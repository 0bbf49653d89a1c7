/**
 * The window's side of sniffing a real RabbitMQ: the connect form ({@link io.osloscope.app.sniff.ConnectViewModel},
 * shown by ConnectView.fxml + {@link io.osloscope.app.sniff.ConnectController}),
 * the running capture or opened recording ({@link io.osloscope.app.sniff.SniffSession}), its mode indicator,
 * health hints, recordings and the armed-publish flow ({@link io.osloscope.app.sniff.SniffViewModel}), and
 * {@link io.osloscope.app.sniff.SniffFeature}, which plugs all of it into the shell through a few hooks.
 * Engine work (connect, stop, save, replay) runs on the engine executor, never on the FX thread.
 */
package io.osloscope.app.sniff;
