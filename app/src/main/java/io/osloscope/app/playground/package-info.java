/**
 * The routing playground: pick an exchange, type a routing key (and headers), see which bindings
 * would match and why, without publishing. FX thread only; asks the in-memory broker directly.
 */
package io.osloscope.app.playground;
