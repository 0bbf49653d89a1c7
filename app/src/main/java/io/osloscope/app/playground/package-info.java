/**
 * The routing playground: pick an exchange, type a routing key (and headers), see which bindings
 * would match and why, without publishing. FX thread only; {@link io.osloscope.app.playground.RoutingPlaygroundViewModel}
 * asks the in-memory broker directly, RoutingPlaygroundView.fxml + its controller show the answer.
 */
package io.osloscope.app.playground;
